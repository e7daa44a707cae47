/**
 * Peers and sync: who this peer is connected to (by name, how, since when), and for each
 * space how it stands here — documents, damage, and whether a member is online to sync with.
 */
import { Alert, Badge, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { PeerInfo, PeerLink, RelayStatus, SpaceSummary } from '../../../shared/api/peer-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { PersonName } from '../../ui/person.tsx'
import { relative, when } from '../../ui/when.ts'
import { SpaceSyncTable } from './SpaceSyncTable.tsx'

const LINK_BADGE: Record<PeerLink, { label: string; color: string; hint: string }> = {
  lan: { label: 'LAN', color: 'teal', hint: 'On your local network: the fastest way to sync.' },
  direct: { label: 'Direct', color: 'blue', hint: 'Straight to their machine over the internet.' },
  relay: { label: 'Relay', color: 'grape', hint: 'Through the community peer\'s relay: there is no direct route between your machines (a router or NAT is in the way). Your data stays encrypted end to end.' },
}

/** Re-renders every `ms`, so "since 5 minutes ago" stays true while the view is open. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(t)
  }, [ms])
  return now
}

export function PeersView() {
  const peers = useApp((s) => s.peers.list)
  const refresh = useApp((s) => s.peers.refresh)
  const spaces = useApp((s) => s.spaces.list.value)
  const status = useApp((s) => s.connection.status)
  // Names and shared spaces come from the rosters: ask again when the view opens and whenever a space changes.
  useEffect(() => {
    void refresh()
  }, [refresh, spaces])
  return (
    <Stack gap="lg" pb="xl">
      <div>
        <Title order={2}>Peers and sync</Title>
        <Text c="dimmed" size="sm">
          {status ? `${status.connections === 0 ? 'No connections' : `${status.connections} connection${status.connections === 1 ? '' : 's'}`} · discovery on this network ${status.mdns ? 'on' : 'off'}` : ' '}
        </Text>
        {status?.relay && <RelayLine relay={status.relay} />}
      </div>
      {status && (status.quarantined > 0 || status.damagedSpaces > 0) && <HealthAlert quarantined={status.quarantined} damaged={status.damagedSpaces} />}
      <Paper withBorder radius="md" p="lg" component="section">
        <Title order={3} size="h4" mb="sm">Who is connected</Title>
        <LoadView what="peers" data={peers} isEmpty={(v) => v.length === 0} retry={() => void refresh()}
          empty={<NoPeers mdns={status?.mdns ?? true} />}>
          {(list) => <PeersTable peers={list} spaces={spaces} />}
        </LoadView>
      </Paper>
      <Paper withBorder radius="md" p="lg" component="section">
        <Title order={3} size="h4" mb={4}>Sync by space</Title>
        <Text size="sm" c="dimmed" mb="sm">A space syncs while a peer that shares it is connected; edits made meanwhile wait on each side and merge.</Text>
        <SpaceSyncTable spaces={spaces} peers={peers.value} />
      </Paper>
    </Stack>
  )
}

/** How members off this network reach this peer: it is the community peer, or it is reachable through one. */
function RelayLine({ relay }: { relay: RelayStatus }) {
  if (relay.community) {
    return <Text size="sm" data-testid="relay-status">This is the community peer: it relays for members who cannot reach each other directly ({relay.slots} holding a relay slot now).</Text>
  }
  if (relay.via.length === 0) return null
  return <Text size="sm" data-testid="relay-status">Members outside this network reach you through the community peer {relay.via.map((v) => v.name ?? 'unnamed').join(', ')}.</Text>
}

function HealthAlert({ quarantined, damaged }: { quarantined: number; damaged: number }) {
  return (
    <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Not everything here is whole" role="status">
      <Stack gap={2}>
        {damaged > 0 && <Text size="sm">{damaged} space{damaged === 1 ? ' is' : 's are'} damaged on this machine: {damaged === 1 ? 'it is' : 'they are'} shown from the last valid state (see below).</Text>}
        {quarantined > 0 && <Text size="sm">{quarantined} item{quarantined === 1 ? '' : 's'} received from peers {quarantined === 1 ? 'was' : 'were'} set aside: {quarantined === 1 ? 'it does' : 'they do'} not fit what this version expects, so {quarantined === 1 ? 'it is' : 'they are'} kept out of every list.</Text>}
      </Stack>
    </Alert>
  )
}

function NoPeers({ mdns }: { mdns: boolean }) {
  return (
    <EmptyState title="No other peer connected">
      Your spaces sync when another member’s Commonweave is running.{' '}
      {mdns
        ? 'On the same local network (LAN) peers find each other by themselves; anywhere else, join with an invite code and your peer dials the inviter.'
        : 'Discovery is off for this peer, so even on the same local network it finds others only through an invite code: join with one and your peer dials the inviter.'}
      {' '}Your edits wait safely here meanwhile.
    </EmptyState>
  )
}

function PeersTable({ peers, spaces }: { peers: PeerInfo[]; spaces: SpaceSummary[] }) {
  const now = useNow()
  const spaceName = (id: string): string => spaces.find((s) => s.spaceId === id)?.name ?? 'a space not on this machine'
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label="Connected peers" verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Who</Table.Th>
            <Table.Th>Link</Table.Th>
            <Table.Th>Connected since</Table.Th>
            <Table.Th>Last synced</Table.Th>
            <Table.Th>Spaces you share</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {peers.map((p) => {
            const badge = LINK_BADGE[p.link]
            return (
              <Table.Tr key={p.peerId}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {p.did ? <PersonName did={p.did} name={p.name} /> : <Tooltip label={p.peerId} withArrow><Text span inherit>A peer outside your spaces</Text></Tooltip>}
                  </Text>
                  <Text size="xs" c="dimmed">{p.direction === 'inbound' ? 'They connected to you' : 'You connected to them'}</Text>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={badge.hint} withArrow multiline w={240}>
                    <Badge variant="light" color={badge.color} tabIndex={0}>{badge.label}</Badge>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" title={when(p.since)}>{relative(p.since, now)}</Text>
                </Table.Td>
                <Table.Td>
                  {p.lastSyncAt
                    ? <Text size="sm" title={when(p.lastSyncAt)}>{relative(p.lastSyncAt, now)}</Text>
                    : <Text size="sm" c="dimmed">Not yet</Text>}
                </Table.Td>
                <Table.Td>
                  {p.spaces.length === 0
                    ? <Text size="sm" c="dimmed">None yet</Text>
                    : <Group gap={4}>{p.spaces.map((id) => <Badge key={id} variant="outline" color="gray" tt="none">{spaceName(id)}</Badge>)}</Group>}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
