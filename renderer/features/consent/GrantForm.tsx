/**
 * Granting someone access to part of the space: to whom (their key, or a member chosen from
 * the roster), which collections, read or write, for which purpose, for how long, with an
 * optional note; then the grant code to send them.
 */
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { GrantResult } from '../../../shared/api/peer-api.ts'
import type { Did } from '../../../shared/ids.ts'
import { COLLECTIONS } from '../../../shared/collections/registry.ts'
import { ALL_DOCS } from '../../../shared/grants/grant-format.ts'
import { ANY_PURPOSE, PURPOSES } from '../../../shared/grants/purposes.ts'
import { useApp } from '../../store/use-app.tsx'
import { relative, when } from '../../ui/when.ts'
import { CodeBox } from '../../ui/CodeBox.tsx'
import { grantLimits } from './grant-rules.ts'
import { selectedSpace } from '../spaces/slice.ts'

const DID_KEY = /^did:key:z[1-9A-HJ-NP-Za-km-z]{40,60}$/
const PURPOSE_CHOICES = PURPOSES.filter((p) => p.id !== ANY_PURPOSE)
const DEFAULT_DURATION = String(30 * 86_400)

export function GrantForm({ opened, onClose, me }: { opened: boolean; onClose: () => void; me: string | null }) {
  const grant = useApp((s) => s.consent.grant)
  const members = useApp((s) => s.members.list.value)
  const [to, setTo] = useState('')
  const [docs, setDocs] = useState<string[]>(['resources'])
  const [cmd, setCmd] = useState<'read' | 'write'>('read')
  const [purpose, setPurpose] = useState(PURPOSE_CHOICES[0]!.id)
  const [duration, setDuration] = useState(DEFAULT_DURATION)
  const [note, setNote] = useState('')
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<GrantResult | null>(null)
  const access = useApp((s) => selectedSpace(s)?.access ?? null)
  // Only what this peer's own access lets it pass on is offered (the peer refuses more).
  const limits = access ? grantLimits(access, Date.now()) : null
  const durationChoices = [
    ...(limits?.durations ?? []).map((d) => ({ value: String(d.seconds), label: d.label })),
    ...(limits?.untilOwnEnd ? [{ value: String(limits.untilOwnEnd), label: `Until your own access ends (${when(access?.expiresAt)})` }] : []),
  ]
  const collectionChoices = COLLECTIONS.filter((c) => limits?.docs === null || limits?.docs?.includes(c.name))
  const purposeChoices = PURPOSE_CHOICES.filter((p) => limits?.purposes === null || limits?.purposes?.includes(p.id))
  // A choice made before (or a default) that this access does not allow gives way to one it does.
  const chosenDuration = durationChoices.some((d) => d.value === duration) ? duration : durationChoices.at(-1)?.value ?? duration
  const chosenPurpose = purposeChoices.some((p) => p.id === purpose) ? purpose : purposeChoices[0]?.id ?? purpose
  const chosenCmd = cmd === 'write' && !limits?.write ? 'read' : cmd
  const chosenDocs = docs.filter((d) => limits?.docs === null || (d !== ALL_DOCS && limits?.docs?.includes(d)))
  const others = members.filter((m) => m.status === 'member' && m.did !== me)
  const key = to.trim()
  const keyError = !key ? 'Paste their key (did:key:z6Mk…)' : !DID_KEY.test(key) ? 'This is not a key: it reads did:key:z6Mk… (they find it in Settings)' : key === me ? 'That is your own key' : null
  const docsError = chosenDocs.length === 0 ? 'Choose at least one' : null
  const close = (): void => {
    onClose()
    setResult(null)
    setTried(false)
  }
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    setTried(true)
    if (keyError || docsError) return
    setBusy(true)
    const r = await grant({ to: key as Did, cmd: chosenCmd, docs: chosenDocs.includes(ALL_DOCS) ? [ALL_DOCS] : chosenDocs, purpose: chosenPurpose, expiresInSeconds: Number(chosenDuration), ...(note.trim() ? { note: note.trim() } : {}) })
    setBusy(false)
    if (r) setResult(r)
  }
  return (
    <Modal opened={opened} onClose={close} title="Grant access" size="lg">
      {result ? (
        <Stack>
          <Alert color="teal" title="Granted">
            {result.grant.audienceName ?? 'They'} may {result.grant.cmd.endsWith('write') ? 'read and write' : 'read'} {docs.includes(ALL_DOCS) ? 'everything' : docs.join(', ')} until {when(result.grant.expiresAt)} ({relative(result.grant.expiresAt)}).
          </Alert>
          <CodeBox label="Grant code" code={result.code} />
          <Text size="sm">Send this code to them; they accept it in Settings → Accept a grant</Text>
          <Group justify="flex-end"><Button onClick={close}>Done</Button></Group>
        </Stack>
      ) : (
        <form aria-label="Grant access" onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <TextInput label="To (their key)" description="Someone outside the space finds their key in Settings and sends it to you." placeholder="did:key:z6Mk…"
              value={to} onChange={(e) => setTo(e.currentTarget.value)} error={tried ? keyError : null} data-autofocus spellCheck={false} autoComplete="off"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
            {others.length > 0 && (
              <NativeSelect label="Or choose a member" value={others.some((m) => m.did === key) ? key : ''} onChange={(e) => setTo(e.currentTarget.value)}
                data={[{ value: '', label: 'Someone outside the space (paste their key below)' }, ...others.map((m) => ({ value: m.did, label: m.name ?? m.did }))]} />
            )}
            <Checkbox.Group label="What" description="The collections they may see" value={chosenDocs} error={tried ? docsError : null}
              onChange={(v) => setDocs(v.includes(ALL_DOCS) && !docs.includes(ALL_DOCS) ? [ALL_DOCS] : v.filter((d) => d !== ALL_DOCS || v.length === 1))}>
              <Group mt={6}>
                {collectionChoices.map((c) => <Checkbox key={c.name} value={c.name} label={c.name} />)}
                {limits?.docs === null && <Checkbox value={ALL_DOCS} label="Everything" />}
              </Group>
            </Checkbox.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect label="Access" value={chosenCmd} onChange={(e) => setCmd(e.currentTarget.value === 'write' ? 'write' : 'read')}
                data={[{ value: 'read', label: 'Read' }, ...(limits?.write ? [{ value: 'write', label: 'Write' }] : [])]} />
              <NativeSelect label="For how long" value={chosenDuration} onChange={(e) => setDuration(e.currentTarget.value)}
                data={durationChoices} />
            </SimpleGrid>
            <NativeSelect label="Purpose" description="What they may use it for: part of the consent you give" value={chosenPurpose} onChange={(e) => setPurpose(e.currentTarget.value)}
              data={purposeChoices.map((p) => ({ value: p.id, label: p.label }))} />
            <TextInput label="Note" description="Optional: in your words, for them and for the record. It grants nothing." value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Cancel</Button>
              <Button type="submit" loading={busy}>Grant</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
