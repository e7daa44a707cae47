/**
 * Consent in the selected space: for a guest, its own access first; the grants given,
 * received and (for admins) between others, with their standing as the peer judges it, revoke
 * where allowed, and granting; the agents added on this peer; then this peer's audit log.
 * Grants refresh on space events (app/feeds.ts) and when the next one starts or runs out.
 */
import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconKey } from '@tabler/icons-react'
import { useEffect, useMemo } from 'react'
import { useApp } from '../../store/use-app.tsx'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { selectedSpace } from '../spaces/slice.ts'
import { AgentsPart } from './AgentsPart.tsx'
import { AuditLog } from './AuditLog.tsx'
import { GrantForm } from './GrantForm.tsx'
import { GrantsTable } from './GrantsTable.tsx'
import { groupGrants, nextChange } from './grant-rules.ts'
import { buildNames } from './names.ts'
import { YourAccess } from './YourAccess.tsx'

/** setTimeout's longest delay; a later change is caught by the timer set after that one fires. */
const MAX_DELAY = 2_147_483_647

export function ConsentView() {
  const space = useApp(selectedSpace)
  const grants = useApp((s) => s.consent.grants)
  const audit = useApp((s) => s.consent.audit)
  const refresh = useApp((s) => s.consent.refresh)
  const refreshAgents = useApp((s) => s.agents.refresh)
  const members = useApp((s) => s.members.list.value)
  const peers = useApp((s) => s.peers.list.value)
  const status = useApp((s) => s.connection.status)
  const me = status?.did ?? null
  const [granting, grantForm] = useDisclosure(false)
  const role = space?.role ?? null
  const groups = useMemo(() => groupGrants(grants.value, me, role === 'founder' || role === 'admin'), [grants.value, me, role])
  const agents = useApp((s) => s.agents.list.value)
  const names = useMemo(() => buildNames(members, grants.value, peers, status, agents), [members, grants.value, peers, status, agents])
  useRefreshAtNextChange(grants.value, refresh)
  // The audit log grows with traffic that raises no event (documents sent): read it afresh on opening.
  useEffect(() => { void refresh(); void refreshAgents() }, [refresh, refreshAgents])
  if (!space) return null
  const mayGrant = space.role !== 'guest' && space.access.cmd !== 'none'
  return (
    <Stack gap="xl" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Consent</Title>
          <Text c="dimmed" size="sm">Who may see what in {space.name}, why, and until when. A grant lets a peer outside the space read or write part of it.</Text>
        </div>
        {mayGrant && <Button leftSection={<IconKey size={16} />} onClick={grantForm.open}>Grant access</Button>}
      </Group>
      {space.role === 'guest' && <YourAccess space={space} received={groups.received} />}
      <section aria-labelledby="grants-title">
        <Title order={3} size="h4" id="grants-title" mb="xs">Grants</Title>
        <LoadView what="grants" data={grants} retry={() => void refresh()} isEmpty={(v) => v.length === 0}
          empty={<EmptyState title="No grants yet">{mayGrant ? 'Grant someone outside the space access to part of it with “Grant access”.' : 'No grant of this space has reached this peer.'}</EmptyState>}>
          {() => <GrantsTable groups={groups} me={me} role={space.role} names={names} />}
        </LoadView>
      </section>
      {mayGrant && <AgentsPart />}
      <AuditLog data={audit} names={names} retry={() => void refresh()} />
      {mayGrant && <GrantForm opened={granting} onClose={grantForm.close} me={me} />}
    </Stack>
  )
}

/** Asks the peer again when the next live grant starts or runs out, so its status changes on screen then. */
function useRefreshAtNextChange(grants: Parameters<typeof nextChange>[0], refresh: () => Promise<void>): void {
  useEffect(() => {
    const now = Date.now()
    const next = nextChange(grants, now)
    if (next === null) return
    // A second after, so the peer (judging by its own clock, in whole seconds) sees it ended too.
    const timer = setTimeout(() => void refresh(), Math.min(next - now + 1_000, MAX_DELAY))
    return () => clearTimeout(timer)
  }, [grants, refresh])
}
