/**
 * The Consent view's agents: each agent of this space added on this peer, with what it may use,
 * why, until when, its status and use; "Add agent"; per agent its Activity (the audit's calls
 * under its key), Renew and Revoke (asked first). The owner of this peer alone uses this UI, so
 * everything here is offered to it. An agent's calls raise no event: while this part shows,
 * the list (one cheap call) is read every few seconds, and the audit log again when an agent's
 * count of calls or status moved, so its Calls, Last call and Activity keep up by themselves.
 */
import { Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconRobot } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import type { AgentSummary } from '../../../shared/api/agents-api.ts'
import { purposeLabel } from '../../../shared/grants/purposes.ts'
import { useApp } from '../../store/use-app.tsx'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { relative, when } from '../../ui/when.ts'
import { AgentActivity } from './AgentActivity.tsx'
import { AgentForm } from './AgentForm.tsx'
import { AGENT_EXPIRY_CHOICES, AGENT_STATUS_COLOR, AGENT_STATUS_WORDS, agentAccessWords, agentExpiryWords } from './agent-rules.ts'

type Asking = { what: 'revoke' | 'renew' | 'activity'; agent: AgentSummary }

/** How often the agents list is read again while it shows. */
const POLL_MS = 4_000

/** Reads the agents again every few seconds while the window shows, and the audit log when what they did moved. */
function useAgentsKeptUp(): void {
  const refresh = useApp((s) => s.agents.refresh)
  const refreshAudit = useApp((s) => s.consent.refresh)
  const moved = useApp((s) => s.agents.list.value.map((a) => `${a.did}:${a.calls}:${a.status}`).join('|'))
  useEffect(() => {
    const t = setInterval(() => { if (document.visibilityState === 'visible') void refresh() }, POLL_MS)
    return () => clearInterval(t)
  }, [refresh])
  const seen = useRef(moved)
  useEffect(() => {
    if (moved === seen.current) return
    seen.current = moved
    void refreshAudit()
  }, [moved, refreshAudit])
}

export function AgentsPart() {
  const list = useApp((s) => s.agents.list)
  const refresh = useApp((s) => s.agents.refresh)
  useAgentsKeptUp()
  const [adding, addForm] = useDisclosure(false)
  const [asking, setAsking] = useState<Asking | null>(null)
  return (
    <Stack component="section" gap="sm" aria-labelledby="agents-title">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3} size="h4" id="agents-title">Agents</Title>
          <Text size="sm" c="dimmed">AI assistants or other programs acting for you: each has its own key, a grant of a day at most and a token. Every call is checked against its grant and logged.</Text>
        </div>
        <Button variant="light" leftSection={<IconRobot size={16} />} onClick={addForm.open}>Add agent</Button>
      </Group>
      <LoadView what="the agents" data={list} retry={() => void refresh()} isEmpty={(v) => v.length === 0}
        empty={<EmptyState title="No agents">Add one to let an assistant read (or write) part of this space for a while, through the API or as an MCP server.</EmptyState>}>
        {(agents) => <AgentsTable agents={agents} ask={setAsking} />}
      </LoadView>
      <AgentForm opened={adding} onClose={addForm.close} taken={list.value.map((a) => a.name)} />
      {asking?.what === 'revoke' && <RevokeAgent agent={asking.agent} onClose={() => setAsking(null)} />}
      {asking?.what === 'renew' && <RenewAgent agent={asking.agent} onClose={() => setAsking(null)} />}
      {asking?.what === 'activity' && <AgentActivity agent={asking.agent} onClose={() => setAsking(null)} />}
    </Stack>
  )
}

function AgentsTable({ agents, ask }: { agents: AgentSummary[]; ask(a: Asking): void }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label="Agents" verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Access</Table.Th>
            <Table.Th>Purpose</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Calls</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>Last call</Table.Th>
            <Table.Th><span className="visually-hidden">Actions</span></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.map((a) => (
            <Table.Tr key={a.did}>
              <Table.Td><Text size="sm" fw={600} title={a.did}>{a.name}</Text></Table.Td>
              <Table.Td><Text size="sm">{a.docs.join(', ')}</Text></Table.Td>
              <Table.Td><Text size="sm">{agentAccessWords(a.cmd)}</Text></Table.Td>
              <Table.Td><Text size="sm" title={a.purpose}>{purposeLabel(a.purpose)}</Text></Table.Td>
              <Table.Td><Text size="sm" title={when(a.expires)} style={{ whiteSpace: 'nowrap' }}>{agentExpiryWords(a)}</Text></Table.Td>
              <Table.Td>
                <Badge variant="light" color={AGENT_STATUS_COLOR[a.status]} tt="none"
                  styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}>{AGENT_STATUS_WORDS[a.status]}</Badge>
              </Table.Td>
              <Table.Td><Text size="sm">{a.calls}</Text></Table.Td>
              <Table.Td><Text size="sm" title={a.lastCallAt ? when(a.lastCallAt) : undefined} style={{ whiteSpace: 'nowrap' }}>{a.lastCallAt ? relative(a.lastCallAt) : 'none yet'}</Text></Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap" justify="flex-end">
                  <Button size="compact-sm" variant="subtle" onClick={() => ask({ what: 'activity', agent: a })}>Activity</Button>
                  {a.status !== 'revoked' && <Button size="compact-sm" variant="default" onClick={() => ask({ what: 'renew', agent: a })}>Renew</Button>}
                  {a.status === 'active' && <Button size="compact-sm" variant="light" color="red" onClick={() => ask({ what: 'revoke', agent: a })}>Revoke</Button>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function RevokeAgent({ agent, onClose }: { agent: AgentSummary; onClose(): void }) {
  const revoke = useApp((s) => s.agents.revoke)
  const [busy, setBusy] = useState(false)
  const confirm = async (): Promise<void> => {
    setBusy(true)
    const out = await revoke(agent.name)
    setBusy(false)
    if (out.ok) onClose()
  }
  return (
    <Modal opened onClose={onClose} title={`Revoke “${agent.name}”?`} closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <Stack>
        <Text size="sm">Its grant to {agentAccessWords(agent.cmd)} {agent.docs.join(', ')} ends now: its next call with its token is refused, and an MCP server running under it stops working. What it already read stays with whoever ran it.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>Cancel</Button>
          <Button color="red" loading={busy} onClick={() => void confirm()}>Revoke</Button>
        </Group>
      </Stack>
    </Modal>
  )
}

function RenewAgent({ agent, onClose }: { agent: AgentSummary; onClose(): void }) {
  const renew = useApp((s) => s.agents.renew)
  const [seconds, setSeconds] = useState(String(AGENT_EXPIRY_CHOICES.at(-1)!.seconds))
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const confirm = async (): Promise<void> => {
    setBusy(true)
    const out = await renew(agent.name, Number(seconds))
    setBusy(false)
    if (out.ok) onClose()
    else setProblem(out.error.message)
  }
  return (
    <Modal opened onClose={onClose} title={`Renew “${agent.name}”`} closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <Stack>
        <Text size="sm">A new grant of the same scope from now; its token stays the same.</Text>
        <NativeSelect label="For how long" value={seconds} onChange={(e) => setSeconds(e.currentTarget.value)}
          data={AGENT_EXPIRY_CHOICES.map((c) => ({ value: String(c.seconds), label: c.label }))} />
        {problem && <Text size="sm" c="red" role="alert">{problem}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button loading={busy} onClick={() => void confirm()}>Renew</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
