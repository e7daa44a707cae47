/** For each space: its documents here, whether it is damaged, and who is online to sync it with. */
import { Badge, Table, Text, Tooltip } from '@mantine/core'
import type { PeerInfo, SpaceSummary } from '../../../shared/api/peer-api.ts'
import { EmptyState } from '../../ui/LoadView.tsx'
import { when } from '../../ui/when.ts'

/** How a space stands here, in a few words and a colour. */
export function syncState(space: SpaceSummary, online: number): { label: string; color: string; detail: string } {
  if (space.damaged) return { label: 'Damaged here', color: 'orange', detail: `${space.damaged.reason}${space.damaged.since ? ` (since ${when(space.damaged.since)})` : ''}. It is shown from its last valid state; a member’s copy repairs it when they connect.` }
  if (space.localCopy) return { label: 'Local copy', color: 'gray', detail: 'Imported from a file under another identity: your key holds no grant in it, so it does not sync.' }
  if (space.role === 'guest' && space.access.cmd === 'none') return { label: 'Access ended', color: 'red', detail: 'Your grant here has ended: nothing more syncs.' }
  if (online > 0) return { label: 'Syncing', color: 'teal', detail: `Connected to ${online} peer${online === 1 ? '' : 's'} that share${online === 1 ? 's' : ''} it: changes flow both ways as they happen.` }
  return { label: 'Waiting for a peer', color: 'gray', detail: 'No one who shares it is connected. Your changes are kept here and sync when a member’s peer is back.' }
}

export function SpaceSyncTable({ spaces, peers }: { spaces: SpaceSummary[]; peers: PeerInfo[] }) {
  if (spaces.length === 0) return <EmptyState title="No space yet">Create a space or join one: each shows here with how it syncs.</EmptyState>
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label="Sync by space" verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Space</Table.Th>
            <Table.Th>Documents here</Table.Th>
            <Table.Th>Peers online</Table.Th>
            <Table.Th>State</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {spaces.map((s) => {
            const online = peers.filter((p) => p.spaces.includes(s.spaceId)).length
            const state = syncState(s, online)
            return (
              <Table.Tr key={s.spaceId}>
                <Table.Td>
                  <Text size="sm" fw={500}>{s.name}{s.nameUnsigned ? ' (name as the granter gave it)' : ''}</Text>
                  <Text size="xs" c="dimmed">{s.role === 'guest' ? 'Guest' : `${s.members} member${s.members === 1 ? '' : 's'}`}</Text>
                </Table.Td>
                <Table.Td><Text size="sm">{s.documents.length}</Text></Table.Td>
                <Table.Td><Text size="sm">{online === 0 ? 'None' : online}</Text></Table.Td>
                <Table.Td>
                  <Tooltip label={state.detail} withArrow multiline w={300}>
                    <Badge variant="light" color={state.color} tabIndex={0}>{state.label}</Badge>
                  </Tooltip>
                  {s.damaged && <Text size="xs" c="orange" mt={4}>{s.damaged.reason}</Text>}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
