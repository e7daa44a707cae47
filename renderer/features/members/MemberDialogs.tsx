/** The confirmations before removing someone or leaving: both cut access, and leaving forgets the space here. */
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { MemberSummary } from '../../../shared/api/members-api.ts'
import type { LeaveNeed } from './member-rules.ts'
import { displayName } from './MemberItem.tsx'

export function RemoveDialog({ member, spaceName, onClose, onConfirm }: { member: MemberSummary | null; spaceName: string; onClose: () => void; onConfirm: (m: MemberSummary) => Promise<void> }) {
  const [busy, setBusy] = useState(false)
  const name = member ? displayName(member) : ''
  return (
    <Modal opened={member !== null} onClose={onClose} title={`Remove ${name} from ${spaceName}?`}>
      <Stack>
        <Text size="sm">Every grant {name} holds here is revoked: their peer is cut off and receives nothing new from this space. What they already copied stays on their machine.</Text>
        <Text size="sm" c="dimmed">Members they invited stay members.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>Cancel</Button>
          <Button color="red" loading={busy} onClick={() => {
            if (!member) return
            setBusy(true)
            void onConfirm(member).finally(() => setBusy(false))
          }}>Remove</Button>
        </Group>
      </Stack>
    </Modal>
  )
}

export function LeaveDialog({ opened, need, spaceName, onClose, onConfirm }: { opened: boolean; need: LeaveNeed; spaceName: string; onClose: () => void; onConfirm: (admin?: string) => Promise<void> }) {
  const [busy, setBusy] = useState(false)
  const [admin, setAdmin] = useState('')
  const candidates = need.kind === 'name-admin' ? need.candidates : []
  const chosen = need.kind !== 'name-admin' || candidates.some((c) => c.did === admin)
  return (
    <Modal opened={opened} onClose={onClose} title={`Leave ${spaceName}?`}>
      <Stack>
        <Text size="sm">You give up your grants here and revoke those you gave to people outside the space. The space’s documents are removed from this machine; to come back you need a new invite.</Text>
        {need.kind === 'name-admin' && (
          <>
            <Alert color="orange" title="You are its last admin">Choose someone to make admin before you go, so the space can still invite and remove people.</Alert>
            <NativeSelect label="New admin" value={admin} onChange={(e) => setAdmin(e.currentTarget.value)}
              data={[{ value: '', label: 'Choose a member…', disabled: true }, ...candidates.map((c) => ({ value: c.did, label: displayName(c) }))]} />
          </>
        )}
        {need.kind === 'alone' && (
          <Alert color="orange" title="No one to hand it to">You are the only member of {spaceName}. Invite someone and make them admin before you leave.</Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>Cancel</Button>
          <Button color="red" loading={busy} disabled={need.kind === 'alone' || !chosen} onClick={() => {
            setBusy(true)
            void onConfirm(need.kind === 'name-admin' ? admin : undefined).finally(() => setBusy(false))
          }}>Leave space</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
