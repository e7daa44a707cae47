/**
 * Members of the selected space: who is in, in which role, online or not, until when; those
 * gone; inviting (founder and admins), roles, removal and leaving, each offered only where the
 * peer allows it. Refreshed on space and connection events (app/feeds.ts).
 */
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconUserPlus } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { MemberSummary } from '../../../shared/api/members-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { selectedSpace } from '../spaces/slice.ts'
import { actionsFor, leaveNeed, mayAdminister, splitMembers } from './member-rules.ts'
import { InviteModal } from './InviteModal.tsx'
import { GoneItem, MemberItem, displayName, type MemberAction } from './MemberItem.tsx'
import { LeaveDialog, RemoveDialog } from './MemberDialogs.tsx'

export function MembersView() {
  const space = useApp(selectedSpace)
  const list = useApp((s) => s.members.list)
  const refresh = useApp((s) => s.members.refresh)
  const me = useApp((s) => s.connection.status?.did ?? null)
  const setRole = useApp((s) => s.members.setRole)
  const remove = useApp((s) => s.members.remove)
  const leave = useApp((s) => s.members.leave)
  const [inviting, invite] = useDisclosure(false)
  const [removing, setRemoving] = useState<MemberSummary | null>(null)
  const [leaving, setLeaving] = useState(false)
  const { current, gone } = useMemo(() => splitMembers(list.value), [list.value])
  if (!space) return null
  const admin = mayAdminister(space.role)
  const onAction = (a: MemberAction, m: MemberSummary): void => {
    if (a === 'make-admin') void setRole(m.did, displayName(m), 'admin')
    if (a === 'make-member') void setRole(m.did, displayName(m), 'member')
    if (a === 'remove') setRemoving(m)
    if (a === 'leave') setLeaving(true)
  }
  return (
    <Stack gap="lg" maw={860}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Members</Title>
          <Text c="dimmed" size="sm">Who is in {space.name}, and in which role. Admins invite people, make admins and remove members.</Text>
        </div>
        {admin && <Button leftSection={<IconUserPlus size={16} />} onClick={invite.open}>Invite someone</Button>}
      </Group>
      <LoadView what="members" data={list} retry={() => void refresh()} isEmpty={(v) => v.length === 0}
        empty={<EmptyState title="No members to show">{admin ? 'Invite someone to start.' : 'The roster has not reached this peer yet.'}</EmptyState>}>
        {() => (
          <>
            <Paper withBorder radius="md">
              <div role="list" aria-label="Members">
                {current.map((m) => <MemberItem key={m.did} m={m} you={m.did === me} actions={actionsFor(m, me, space.role, list.value)} onAction={onAction} />)}
              </div>
            </Paper>
            {!admin && <Text size="sm" c="dimmed">Only the founder and admins can invite people; ask one of them for a code.</Text>}
            {gone.length > 0 && (
              <section aria-labelledby="members-gone">
                <Title order={3} size="h5" id="members-gone" mb="xs">Gone</Title>
                <Paper withBorder radius="md">
                  <div role="list" aria-label="Gone">
                    {gone.map((m) => <GoneItem key={m.did} m={m} />)}
                  </div>
                </Paper>
              </section>
            )}
          </>
        )}
      </LoadView>
      <InviteModal opened={inviting} onClose={invite.close} spaceName={space.name} />
      <RemoveDialog member={removing} spaceName={space.name} onClose={() => setRemoving(null)}
        onConfirm={async (m) => { if (await remove(m.did, displayName(m))) setRemoving(null) }} />
      <LeaveDialog opened={leaving} need={leaveNeed(list.value, me, space.role)} spaceName={space.name} onClose={() => setLeaving(false)}
        onConfirm={async (admin) => { if (await leave(admin)) setLeaving(false) }} />
    </Stack>
  )
}
