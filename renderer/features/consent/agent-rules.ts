/**
 * Agents as the Consent view shows them: their access, expiry and status in words, the
 * choices the form offers (a day at most), what each did (the audit's agent calls under its
 * key), and how to run it as an MCP server (the command line and an MCP client's config).
 */
import type { AgentStatus, AgentSummary } from '../../../shared/api/agents-api.ts'
import { AuditKind, type AuditEntry } from '../../../shared/api/peer-api.ts'
import { isOperation, opWords as operationWords } from '../../../shared/api/op-words.ts'
import { AGENT_WRITING_PURPOSE_IDS, purposeLabel } from '../../../shared/grants/purposes.ts'
import { relative, when } from '../../ui/when.ts'

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

/** Whether an agent added for `purpose` may be let write (the others only read: the peer refuses `write` for them). */
export function agentPurposeWrites(purpose: string): boolean {
  return (AGENT_WRITING_PURPOSE_IDS as readonly string[]).includes(purpose)
}

/** A purpose's label inside a sentence: "for an AI agent assisting a member" (its first letter lowered, an acronym kept). */
export function purposePhrase(purpose: string): string {
  const label = purposeLabel(purpose)
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1)
}

/** What the peer records of requests that never became an operation (see electron/peer/agents/agent-calls.ts). */
const NOT_AN_OPERATION: Readonly<Record<string, string>> = {
  'unknown-route': 'an address of the API that does not exist',
  'events-socket': 'the live events connection',
  'sync-socket': 'the sync connection',
}

/** An operation's id as words: `listResources` → "list resources"; `unknown-route` → "an address of the API that does not exist". */
export function opWords(op: string | undefined): string {
  if (!op) return 'a call'
  if (Object.hasOwn(NOT_AN_OPERATION, op)) return NOT_AN_OPERATION[op]!
  if (isOperation(op)) return operationWords(op)
  // An operation a newer peer has and this app does not know yet.
  return op.replace(/-route$/, ' address').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.-]/g, ' ').toLowerCase()
}

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g
/** An error's code before its words ("FORBIDDEN: "), at the start or after the request it answered. */
const ERROR_CODE = /(^|:\s)[A-Z][A-Z_]+:\s*/g
/** The CLI command that adds an agent, as the peer's messages name it (this view adds one with a button). */
const ADD_COMMAND = /[`"]commonweave agent add[^`"]*[`"]/

/**
 * What the peer noted of a call (why it was refused) as a member reads it: no error code, times
 * in the local zone, "add a new agent" for the command that does it; for an address of the API
 * that does not exist, only the request (the peer's "No API route …" after it repeats it).
 */
export function callNote(detail: string | undefined): string {
  return (detail ?? '').replace(ERROR_CODE, '$1').replace(/:\s*No API route .*$/, '')
    .replace(ISO_TIME, (iso) => when(iso))
    .replace(new RegExp(`\\brun ${ADD_COMMAND.source}`, 'gi'), 'add a new agent')
    .replace(new RegExp(`\\s*with ${ADD_COMMAND.source}`, 'g'), '')
    .replace(new RegExp(ADD_COMMAND.source, 'g'), '“Add agent”')
}

/** A call as its Activity row says it: what it was, and the peer's note; the request an unknown address was, beside it. */
export function callWords(e: Pick<AuditEntry, 'op' | 'detail'>): { what: string; note: string } {
  const note = callNote(e.detail)
  return e.op === 'unknown-route' && note ? { what: `${opWords(e.op)} (${note})`, note: '' } : { what: opWords(e.op), note }
}

const OUTCOME_WORDS: Record<NonNullable<AuditEntry['outcome']>, string> = { ok: 'done', refused: 'refused', failed: 'failed' }

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
