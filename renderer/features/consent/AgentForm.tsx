/**
 * Adding an agent: its name, the collections it may use (read, or read and write), why, and for
 * how long (a day at most). Then its token, shown this once, with the command that runs it as
 * an MCP server and the entry for an MCP client's config.
 */
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { AgentResult } from '../../../shared/api/agents-api.ts'
import { AGENT_NAME } from '../../../shared/api/ops/agents.ts'
import { COLLECTIONS } from '../../../shared/collections/registry.ts'
import { AGENT_PURPOSE_IDS, purposeLabel } from '../../../shared/grants/purposes.ts'
import { useApp } from '../../store/use-app.tsx'
import { CodeBox } from '../../ui/CodeBox.tsx'
import { FormProblems } from '../../ui/FormProblems.tsx'
import { relative, when } from '../../ui/when.ts'
import { AGENT_EXPIRY_CHOICES, AGENT_PURPOSE, agentAccessWords, agentPurposeWrites, mcpClientConfig, mcpCommand, purposePhrase } from './agent-rules.ts'

const PURPOSE_CHOICES = AGENT_PURPOSE_IDS.map((id) => ({ value: id, label: purposeLabel(id) }))
const DEFAULT_EXPIRY = String(8 * 3_600)

interface Fields { name: string; docs: string[]; write: boolean; purpose: string; expires: string }
const START: Fields = { name: '', docs: ['resources'], write: false, purpose: AGENT_PURPOSE, expires: DEFAULT_EXPIRY }

/** What is wrong with the fields, by field, in words (the peer checks the same and more). */
function check(f: Fields): Partial<Record<keyof Fields, string>> {
  const out: Partial<Record<keyof Fields, string>> = {}
  const name = f.name.trim()
  if (!name) out.name = 'Give it a name: you run it by this name.'
  else if (!AGENT_NAME.test(name)) out.name = '1 to 40 letters, digits, spaces, “_”, “.” or “-”, starting with a letter or digit.'
  if (f.docs.length === 0) out.docs = 'Choose at least one collection.'
  return out
}

export function AgentForm({ opened, onClose, taken }: { opened: boolean; onClose(): void; taken: readonly string[] }) {
  const add = useApp((s) => s.agents.add)
  const [f, setF] = useState<Fields>(START)
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [result, setResult] = useState<AgentResult | null>(null)
  const problems = check(f)
  if (!problems.name && taken.includes(f.name.trim())) problems.name = 'An agent of this peer already has this name.'
  // Only some purposes let an agent write (the peer refuses the rest): the switch follows the purpose.
  const writes = agentPurposeWrites(f.purpose)
  const set = <K extends keyof Fields>(k: K, v: Fields[K]): void => setF((was) => ({ ...was, [k]: v }))
  const close = (): void => {
    onClose()
    // The token is shown once: closing forgets it.
    setResult(null)
    setF(START)
    setTried(false)
    setProblem(null)
  }
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    setTried(true)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    const out = await add({ name: f.name.trim(), docs: f.docs, write: f.write && writes, purpose: f.purpose, expiresInSeconds: Number(f.expires) })
    setBusy(false)
    if (out.ok) setResult(out.value)
    else setProblem(out.error.message)
  }
  return (
    <Modal opened={opened} onClose={close} title={result ? `Agent “${result.name}” added` : 'Add an agent'} size="lg" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      {result ? <AgentToken agent={result} onDone={close} /> : (
        <form aria-label="Add an agent" onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <TextInput label="Name" description="How you will know it, and run it: commonweave mcp --agent NAME" placeholder="e.g. Matchmaker" required
              value={f.name} onChange={(e) => set('name', e.currentTarget.value)} error={tried ? problems.name : null} data-autofocus maxLength={40} autoComplete="off" />
            <Checkbox.Group label="What it may use" description="The collections of this space its calls may reach" value={f.docs} onChange={(v) => set('docs', v)} error={tried ? problems.docs : null}>
              <Group mt={6}>{COLLECTIONS.map((c) => <Checkbox key={c.name} value={c.name} label={c.name} />)}</Group>
            </Checkbox.Group>
            <Switch label="May also write" checked={f.write && writes} disabled={!writes} onChange={(e) => set('write', e.currentTarget.checked)}
              description={writes ? 'Add and change items in those collections; otherwise it only reads' : `An agent for ${purposePhrase(f.purpose)} only reads`} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect label="Purpose" description="Part of the consent you give" value={f.purpose} onChange={(e) => set('purpose', e.currentTarget.value)} data={PURPOSE_CHOICES} />
              <NativeSelect label="For how long" description="At most a day; renew it for more" value={f.expires} onChange={(e) => set('expires', e.currentTarget.value)}
                data={AGENT_EXPIRY_CHOICES.map((c) => ({ value: String(c.seconds), label: c.label }))} />
            </SimpleGrid>
            {problem && <FormProblems problems={[{ message: problem }]} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Cancel</Button>
              <Button type="submit" loading={busy}>Add agent</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}

function AgentToken({ agent, onDone }: { agent: AgentResult; onDone(): void }) {
  return (
    <Stack>
      <Alert color="teal" title="Added">
        “{agent.name}” may {agentAccessWords(agent.cmd)} {agent.docs.join(', ')} of {agent.spaceName}, for {purposePhrase(agent.purpose)}, until {when(agent.expires)} ({relative(agent.expires)}). Every call it makes is checked against this and logged.
      </Alert>
      <Alert color="yellow" title="Shown this once">Copy the token now: it is not shown again. Anyone holding it acts as this agent until it expires or you revoke it.</Alert>
      <CodeBox label="Agent token" code={agent.token} copyLabel="Copy the token" />
      <CodeBox label="Run it as an MCP server" code={mcpCommand(agent.name)} copyLabel="Copy the command" />
      <CodeBox label="MCP client config" code={mcpClientConfig(agent.name)} copyLabel="Copy the config" />
      <Text size="sm" c="dimmed">The command reads the token from this peer’s data directory; an MCP client started with it needs no token. Another program calls the local API with the token as its bearer.</Text>
      <Group justify="flex-end"><Button onClick={onDone}>Done</Button></Group>
    </Stack>
  )
}
