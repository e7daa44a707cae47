/** What an agent did: the audit log's calls under its key, newest first (read afresh on opening: calls raise no event). */
import { Modal, Table, Text } from '@mantine/core'
import { useEffect, useMemo } from 'react'
import type { AgentSummary } from '../../../shared/api/agents-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { LoadView } from '../../ui/LoadView.tsx'
import { relative, when } from '../../ui/when.ts'
import { agentActivity, callNote, opWords, outcomeWords } from './agent-rules.ts'

export function AgentActivity({ agent, onClose }: { agent: AgentSummary; onClose(): void }) {
  const audit = useApp((s) => s.consent.audit)
  const refreshConsent = useApp((s) => s.consent.refresh)
  const refreshAgents = useApp((s) => s.agents.refresh)
  useEffect(() => {
    void refreshConsent()
    void refreshAgents()
  }, [refreshConsent, refreshAgents])
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
              {calls.map((e, i) => (
                <Table.Tr key={`${e.at}-${i}`}>
                  <Table.Td><Text size="sm" title={relative(e.at)} style={{ whiteSpace: 'nowrap' }}>{when(e.at)}</Text></Table.Td>
                  <Table.Td><Text size="sm" title={e.op}>{opWords(e.op)}</Text>{e.detail && <Text size="xs" c="dimmed">{callNote(e.detail)}</Text>}</Table.Td>
                  <Table.Td><Text size="sm" fw={e.outcome === 'ok' ? 400 : 600}>{outcomeWords(e.outcome)}{(e.count ?? 1) > 1 ? `, ${e.count} calls in that second` : ''}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </LoadView>
    </Modal>
  )
}
