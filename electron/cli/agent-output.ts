/**
 * Agents as a person reads them in a terminal: what each may do, for what, until when, how
 * much it has been used; and, once, the token of a new one with how to use it.
 */
import { resolve } from 'node:path'
import type { AgentResult, AgentSummary } from '../../shared/api/agents-api.ts'
import { columns } from './grant-output.ts'

const STATUS_WORDS: Record<AgentSummary['status'], string> = { active: 'active', expired: 'expired', revoked: 'revoked' }

/** What an agent may do, in words: "reads resources, pages for agent-assist". */
function scopeWords(a: Pick<AgentSummary, 'cmd' | 'docs' | 'purpose'>): string {
  return `${a.cmd === 'write' ? 'reads and writes' : 'reads'} ${a.docs.join(', ')} for ${a.purpose}`
}

function useWords(a: Pick<AgentSummary, 'calls' | 'lastCallAt'>): string {
  return a.calls === 0 ? 'no calls yet' : `${a.calls} call${a.calls === 1 ? '' : 's'}, the last ${a.lastCallAt ?? '-'}`
}

function untilWords(a: Pick<AgentSummary, 'status' | 'expires'>): string {
  return a.status === 'active' ? `until ${a.expires}` : a.status === 'expired' ? `expired ${a.expires}` : 'revoked'
}

/** `agent add`: the agent, its token once with a warning, and the MCP command line. */
function added(a: AgentResult, dataDir: string | undefined): string {
  const data = dataDir ? ` --data ${JSON.stringify(resolve(dataDir))}` : ''
  return [
    `Added agent "${a.name}" in ${a.spaceName}: it ${scopeWords(a)}, until ${a.expires}.`,
    `  did:    ${a.did}`,
    `  grant:  ${a.grantId}`,
    `  token:  ${a.token}`,
    '',
    'The token is shown this once. Whoever holds it can do what the grant allows: keep it like a password.',
    `For an MCP client (an AI assistant), use the command line: commonweave mcp --agent ${JSON.stringify(a.name)}${data}`,
    `It reads the token from the data directory. Renew with "agent renew", stop it at once with "agent revoke"; "audit SPACE" shows its calls.`,
  ].join('\n')
}

function table(items: readonly AgentSummary[]): string {
  if (items.length === 0) return 'No agents in this space. "commonweave agent add SPACE --name N --docs resources --purpose agent-assist" adds one.'
  return columns(items.map((a) => [a.name, STATUS_WORDS[a.status], scopeWords(a), untilWords(a), useWords(a)]))
}

function changed(verb: string, a: AgentSummary): string {
  return `${verb} agent "${a.name}": ${a.status === 'revoked' ? 'revoked; its next call is refused' : `it ${scopeWords(a)}, ${untilWords(a)}`} (${useWords(a)}).`
}

/** The words for an agents operation's result, or undefined for any other operation. */
export function agentWords(op: string, r: unknown, asked: unknown): string | undefined {
  switch (op) {
    case 'addAgent': return added(r as AgentResult, (asked as { data?: string } | undefined)?.data)
    case 'listAgents': return table((r as { items: AgentSummary[] }).items)
    case 'renewAgent': return changed('Renewed', r as AgentSummary)
    case 'revokeAgent': return changed('Revoked', r as AgentSummary)
    default: return undefined
  }
}
