/** Making an invite code: how many people it admits and for how long; then the code as text and as a QR code. */
import { Alert, Button, Group, Image, Modal, NativeSelect, NumberInput, Stack, Text } from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import QRCode from 'qrcode'
import type { InviteResult } from '../../../shared/api/peer-api.ts'
import { INVITE_USES } from '../../../shared/schemas/space.ts'
import { useApp } from '../../store/use-app.tsx'
import { relative, when } from '../../ui/when.ts'
import { CodeBox } from '../../ui/CodeBox.tsx'
import { INVITE_EXPIRIES } from './member-rules.ts'

export function InviteModal({ opened, onClose, spaceName }: { opened: boolean; onClose: () => void; spaceName: string }) {
  const invite = useApp((s) => s.members.invite)
  const [uses, setUses] = useState<number | string>(1)
  const [expires, setExpires] = useState(String(INVITE_EXPIRIES[1]!.seconds))
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<InviteResult | null>(null)
  const close = (): void => {
    onClose()
    setResult(null)
  }
  const usesOk = typeof uses === 'number' && Number.isInteger(uses) && uses >= 1 && uses <= INVITE_USES.max
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    if (!usesOk) return
    setBusy(true)
    setResult(await invite(uses, Number(expires)))
    setBusy(false)
  }
  return (
    <Modal opened={opened} onClose={close} title={`Invite someone to ${spaceName}`} size="lg">
      {result ? <InviteCode result={result} onDone={close} onAnother={() => setResult(null)} /> : (
        <form onSubmit={(e) => void submit(e)} aria-label="Make an invite">
          <Stack>
            <Text size="sm" c="dimmed">An invite code lets people join as members. Give it only to those you mean to let in: anyone holding it can use it until it runs out.</Text>
            <Group grow align="flex-start">
              <NumberInput label="Uses" description="How many people it admits" min={1} max={INVITE_USES.max} value={uses} onChange={setUses}
                allowDecimal={false} allowNegative={false} error={usesOk ? null : `From 1 to ${INVITE_USES.max}`} data-autofocus />
              <NativeSelect label="Expires in" description="It stops working after" value={expires} onChange={(e) => setExpires(e.currentTarget.value)}
                data={INVITE_EXPIRIES.map((x) => ({ value: String(x.seconds), label: x.label }))} />
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Cancel</Button>
              <Button type="submit" loading={busy} disabled={!usesOk}>Make invite code</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}

function InviteCode({ result, onDone, onAnother }: { result: InviteResult; onDone: () => void; onAnother: () => void }) {
  const qr = useQr(result.code)
  return (
    <Stack>
      <CodeBox label="Invite code" code={result.code} />
      <Text size="sm" data-testid="invite-terms">
        Works for {result.uses} {result.uses === 1 ? 'person' : 'people'} until {when(result.expiresAt)} ({relative(result.expiresAt)}).
      </Text>
      {qr.kind === 'ready' && <Image src={qr.url} alt="QR code of the invite" w={240} h={240} fit="contain" bg="white" p={6} radius="sm" />}
      {qr.kind === 'too-long' && <Alert color="gray" title="No QR code for this one">This code is too long to fit in a QR code: send it as text.</Alert>}
      <Text size="xs" c="dimmed">They paste it (or scan the QR code) under “Create or join a space”. Their peer reaches yours to join, so keep yours running until they are in.</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onAnother}>Make another</Button>
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  )
}

type Qr = { kind: 'pending' } | { kind: 'ready'; url: string } | { kind: 'too-long' }

/** The code as a QR image; a code past what a QR code holds says so instead of failing. */
function useQr(code: string): Qr {
  const [qr, setQr] = useState<Qr>({ kind: 'pending' })
  useEffect(() => {
    let live = true
    QRCode.toDataURL(code, { errorCorrectionLevel: 'L', margin: 1, width: 480 })
      .then((url) => { if (live) setQr({ kind: 'ready', url }) })
      .catch(() => { if (live) setQr({ kind: 'too-long' }) })
    return () => { live = false }
  }, [code])
  return qr
}
