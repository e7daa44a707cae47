/**
 * What an agent did: the audit log's calls under its key, newest first. Calls raise no event:
 * the log is read afresh on opening, and again whenever the agents list (polled while the
 * Consent view shows, AgentsPart) counts a new call or a change of status.
 */
import { Modal, Table, Text } from '@mantine/core'
import { useEffect, useMemo } from 'react'
import type { AgentSummary } from '../../../shared/api/agents-api.ts'
import type { AuditEntry } from '../../../shared/api/peer-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { LoadView } from '../../ui/LoadView.tsx'
import { relative, when } from '../../ui/when.ts'
import { agentActivity, callWords, outcomeWords } from './agent-rules.ts'

export function AgentActivity({ agent, onClose }: { agent: AgentSummary; onClose(): void }) {
  const audit = useApp((s) => s.consent.audit)
  const refreshConsent = useApp((s) => s.consent.refresh)
  const refreshAgents = useApp((s) => s.agents.refresh)
  const live = useApp((s) => s.agents.list.value.find((a) => a.did === agent.did))
  useEffect(() => { void refreshAgents() }, [refreshAgents])
  // Its count of calls or its status moved: the log holds something new.
  useEffect(() => { void refreshConsent() }, [refreshConsent, live?.calls, live?.lastCallAt, live?.status])
  const calls = useMemo(() => agentActivity(audit.value, agent.did), [audit.value, agent.did])
  return (
    <Modal opened onClose={onClose} title={`What “${agent.name}” did`} size="lg" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <LoadView what="the audit log" data={audit} retry={() => void refreshConsent()} isEmpty={() => calls.length === 0}
        empty={<Text size="sm" c="dimmed">No call yet. Each call it makes with its token is logged here, allowed or refused.</Text>}>
        {() => (
          <Table aria-label={`Calls by ${agent.name}`} verticalSpacing={6} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Call</Table.Th>
                <Table.Th>Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {calls.map((e, i) => <CallRow key={`${e.at}-${i}`} e={e} />)}
            </Table.Tbody>
          </Table>
        )}
      </LoadView>
    </Modal>
  )
}

function CallRow({ e }: { e: AuditEntry }) {
  const { what, note } = callWords(e)
  return (
    <Table.Tr>
      <Table.Td><Text size="sm" title={relative(e.at)} style={{ whiteSpace: 'nowrap' }}>{when(e.at)}</Text></Table.Td>
      <Table.Td><Text size="sm" title={e.op}>{what}</Text>{note && <Text size="xs" c="dimmed">{note}</Text>}</Table.Td>
      <Table.Td><Text size="sm" fw={e.outcome === 'ok' ? 400 : 600}>{outcomeWords(e.outcome)}{(e.count ?? 1) > 1 ? `, ${e.count} calls in that second` : ''}</Text></Table.Td>
    </Table.Tr>
  )
}
