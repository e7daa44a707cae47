/**
 * Agents as the Consent view shows them: their access, expiry and status in words, the
 * choices the form offers (a day at most), what each did (the audit's agent calls under its
 * key), and how to run it as an MCP server (the command line and an MCP client's config).
 */
import type { AgentStatus, AgentSummary } from '../../../shared/api/agents-api.ts'
import { AuditKind, type AuditEntry } from '../../../shared/api/peer-api.ts'
import { relative } from '../../ui/when.ts'

/** How long an agent may act: an hour, a working day, a day (the most a grant to an agent lasts; renewable). */
export const AGENT_EXPIRY_CHOICES: ReadonlyArray<{ seconds: number; label: string }> = [
  { seconds: 3_600, label: '1 hour' },
  { seconds: 8 * 3_600, label: '8 hours' },
  { seconds: 86_400, label: '24 hours' },
]

/** The purpose an assistant acting for a member is given, unless the member chooses another. */
export const AGENT_PURPOSE = 'agent-assist'

export const AGENT_STATUS_WORDS: Record<AgentStatus, string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' }
export const AGENT_STATUS_COLOR: Record<AgentStatus, string> = { active: 'teal', expired: 'gray', revoked: 'red' }

export function agentAccessWords(cmd: AgentSummary['cmd']): string {
  return cmd === 'write' ? 'read and write' : 'read'
}

/** "in 7 hours" while it lasts; "ended 2 hours ago" once expired; a dash once revoked (its status says so). */
export function agentExpiryWords(a: Pick<AgentSummary, 'status' | 'expires'>, now = Date.now()): string {
  if (a.status === 'revoked') return '—'
  return a.status === 'expired' || Date.parse(a.expires) <= now ? `ended ${relative(a.expires, now)}` : relative(a.expires, now)
}

/** The calls an agent made (its key's entries of kind agent-call), newest first. */
export function agentActivity(audit: readonly AuditEntry[], did: string): AuditEntry[] {
  return audit.filter((e) => e.kind === AuditKind.AgentCall && e.did === did).sort((x, y) => y.at.localeCompare(x.at))
}

/** An operation's id as words: `listResources` → "list resources". */
export function opWords(op: string | undefined): string {
  if (!op) return 'a call'
  return op.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ').toLowerCase()
}

/** What the peer noted of a call (why it was refused), without the error's code in front. */
export function callNote(detail: string | undefined): string {
  return (detail ?? '').replace(/^[A-Z][A-Z_]+:\s*/, '')
}

export const OUTCOME_WORDS: Record<NonNullable<AuditEntry['outcome']>, string> = { ok: 'done', refused: 'refused', failed: 'failed' }

export function outcomeWords(outcome: AuditEntry['outcome']): string {
  return outcome ? OUTCOME_WORDS[outcome] ?? outcome : 'unknown'
}

/** The agent's name as one shell word: quoted where it holds a space (names hold no quote or `$`). */
function shellWord(name: string): string {
  return /^[\w.-]+$/.test(name) ? name : `"${name}"`
}

/** The command line that runs the agent as an MCP server on stdio. */
export function mcpCommand(name: string): string {
  return `commonweave mcp --agent ${shellWord(name)}`
}

/** An MCP client's config entry (Claude Desktop, and the clients that read the same shape) for the agent. */
export function mcpClientConfig(name: string): string {
  const key = `commonweave-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'agent'}`
  return JSON.stringify({ mcpServers: { [key]: { command: 'commonweave', args: ['mcp', '--agent', name] } } }, null, 2)
}
