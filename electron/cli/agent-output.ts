/**
 * Agents as a person reads them in a terminal: what each may do, for what, until when, how
 * much it has been used; and, once, the token of a new one with how to use it.
 */
import { resolve } from 'node:path'
import type { AgentResult, AgentSummary } from '../../shared/api/agents-api.ts'
import { andList } from '../../shared/and-list.ts'
import { columns } from './grant-output.ts'
import { when } from './resource-output.ts'

/** What an agent may do, in words: "reads resources and pages for agent-assist". */
function scopeWords(a: Pick<AgentSummary, 'cmd' | 'docs' | 'purpose'>): string {
  return `${a.cmd === 'write' ? 'reads and writes' : 'reads'} ${andList(a.docs)} for ${a.purpose}`
}

function useWords(a: Pick<AgentSummary, 'calls' | 'lastCallAt'>): string {
  return a.calls === 0 ? 'no calls yet' : `${a.calls} call${a.calls === 1 ? '' : 's'}, the last ${a.lastCallAt ? when(a.lastCallAt) : '-'}`
}

/** Its standing with its time: "active until 2026-11-30 12:24", "expired at …", "revoked at … by Ana". */
function standingWords(a: Pick<AgentSummary, 'status' | 'expires' | 'revoked'>): string {
  if (a.status === 'active') return `active until ${when(a.expires)}`
  if (a.status === 'expired') return `expired at ${when(a.expires)}`
  return a.revoked ? `revoked at ${when(a.revoked.at)}${byWords(a.revoked)}` : 'revoked'
}

function byWords(r: NonNullable<AgentSummary['revoked']>): string {
  return r.byName ? ` by ${r.byName}` : r.by ? ` by ${r.by}` : ''
}

/** `agent add`: the agent, its token once with a warning, and the MCP command line. */
function added(a: AgentResult, dataDir: string | undefined): string {
  const data = dataDir ? ` --data ${JSON.stringify(resolve(dataDir))}` : ''
  return [
    `Added agent "${a.name}" in ${a.spaceName}: it ${scopeWords(a)}, until ${when(a.expires)}.`,
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
  return columns(items.map((a) => [a.name, standingWords(a), scopeWords(a), useWords(a)]))
}

function renewed(a: AgentSummary): string {
  return `Renewed agent "${a.name}": it ${scopeWords(a)}, until ${when(a.expires)} (${useWords(a)}).`
}

function revoked(a: AgentSummary): string {
  const at = a.revoked ? ` at ${when(a.revoked.at)}${byWords(a.revoked)}` : ''
  if (a.alreadyRevoked === true) return `Agent "${a.name}" was already revoked${at}; nothing changed (${useWords(a)}).`
  return `Revoked agent "${a.name}"${at}: its next call is refused (${useWords(a)}).`
}

/** The words for an agents operation's result, or undefined for any other operation. */
export function agentWords(op: string, r: unknown, asked: unknown): string | undefined {
  switch (op) {
    case 'addAgent': return added(r as AgentResult, (asked as { data?: string } | undefined)?.data)
    case 'listAgents': return table((r as { items: AgentSummary[] }).items)
    case 'renewAgent': return renewed(r as AgentSummary)
    case 'revokeAgent': return revoked(r as AgentSummary)
    default: return undefined
  }
}
