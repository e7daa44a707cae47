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
import { GRANT_DURATIONS } from './grant-rules.ts'

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
  const others = members.filter((m) => m.status === 'member' && m.did !== me)
  const key = to.trim()
  const keyError = !key ? 'Paste their key (did:key:z6Mk…)' : !DID_KEY.test(key) ? 'This is not a key: it reads did:key:z6Mk… (they find it in Settings)' : key === me ? 'That is your own key' : null
  const docsError = docs.length === 0 ? 'Choose at least one' : null
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
    const r = await grant({ to: key as Did, cmd, docs: docs.includes(ALL_DOCS) ? [ALL_DOCS] : docs, purpose, expiresInSeconds: Number(duration), ...(note.trim() ? { note: note.trim() } : {}) })
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
            <Checkbox.Group label="What" description="The collections they may see" value={docs} error={tried ? docsError : null}
              onChange={(v) => setDocs(v.includes(ALL_DOCS) && !docs.includes(ALL_DOCS) ? [ALL_DOCS] : v.filter((d) => d !== ALL_DOCS || v.length === 1))}>
              <Group mt={6}>
                {COLLECTIONS.map((c) => <Checkbox key={c.name} value={c.name} label={c.name} />)}
                <Checkbox value={ALL_DOCS} label="Everything" />
              </Group>
            </Checkbox.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect label="Access" value={cmd} onChange={(e) => setCmd(e.currentTarget.value === 'write' ? 'write' : 'read')}
                data={[{ value: 'read', label: 'Read' }, { value: 'write', label: 'Write' }]} />
              <NativeSelect label="For how long" value={duration} onChange={(e) => setDuration(e.currentTarget.value)}
                data={GRANT_DURATIONS.map((d) => ({ value: String(d.seconds), label: d.label }))} />
            </SimpleGrid>
            <NativeSelect label="Purpose" description="What they may use it for: part of the consent you give" value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)}
              data={PURPOSE_CHOICES.map((p) => ({ value: p.id, label: p.label }))} />
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
