/** The audit log as the Consent view shows it: kinds in words, names for keys, filters, newest first. */
import { AuditKind, type AuditEntry } from '../../../shared/api/peer-api.ts'
import { cmdWord, docsWords } from '../../../shared/api/access-words.ts'
import { ANY_PURPOSE } from '../../../shared/grants/purposes.ts'
import { callNote, opWords, outcomeWords } from './agent-rules.ts'

export const AUDIT_KIND_WORDS: Record<AuditKind, string> = {
  [AuditKind.GrantIssued]: 'Grant given',
  [AuditKind.GrantReceived]: 'Grant received',
  [AuditKind.GrantRevoked]: 'Grant revoked',
  [AuditKind.RevocationReceived]: 'Revocation received',
  [AuditKind.DocsSent]: 'Documents sent',
  [AuditKind.RequestRefused]: 'Request refused',
  [AuditKind.WriteDropped]: 'Write dropped',
  [AuditKind.ConnectionRefused]: 'Connection refused',
  [AuditKind.ConnectionClosed]: 'Connection closed',
  [AuditKind.AgentCall]: 'Agent call',
}

export function kindWords(kind: string): string {
  return (AUDIT_KIND_WORDS as Record<string, string>)[kind] ?? kind
}

/** Names known for keys: by did (roster, grants, peers) and by libp2p peer id (peers, roster). */
export interface Names {
  byDid: ReadonlyMap<string, string>
  byPeer: ReadonlyMap<string, string>
}

/** Who an entry is about, in words: a name where known, else a key shortened to tell people apart (the whole key on hover). */
export function auditWho(e: AuditEntry, names: Names): string {
  // An agent is known by the name it was added under (its key is its own, on no roster).
  if (e.kind === AuditKind.AgentCall && e.name) return `${e.name} (agent)`
  const name = (e.did && names.byDid.get(e.did)) || (e.peer && names.byPeer.get(e.peer))
  if (name) return name
  if (e.did) return `someone (${shortKey(e.did)})`
  if (e.peer) return `a peer (${shortKey(e.peer)})`
  return ''
}

/** The entry's detail in words: a grant's terms as a person reads them, how much was sent, the peer's own note. */
export function auditDetail(e: AuditEntry): string {
  const parts: string[] = []
  if (e.kind === AuditKind.DocsSent && e.docs) parts.push(`${e.count ?? 0} message${e.count === 1 ? '' : 's'} for ${e.docs.length} document${e.docs.length === 1 ? '' : 's'}`)
  else if (e.kind === AuditKind.AgentCall) parts.push(agentCallWords(e))
  else if ((e.kind === AuditKind.RequestRefused || e.kind === AuditKind.WriteDropped) && e.docs?.length) parts.push(`${e.docs.length} document${e.docs.length === 1 ? '' : 's'}`)
  if (e.detail) parts.push(e.kind === AuditKind.AgentCall ? callNote(e.detail) : grantTerms(e.detail) ?? e.detail)
  return parts.join(' · ')
}

/** An agent's calls of one operation that ended one way (its name is in the Who column); a line without a count stands for one call. */
function agentCallWords(e: AuditEntry): string {
  const n = e.count ?? 1
  return `${opWords(e.op)}: ${outcomeWords(e.outcome)}${n === 1 ? '' : `, ${n} calls`}`
}

/** `/doc/read resources,bookings for matching` (how the peer logs a grant it gave) as `read resources, bookings for matching`. */
function grantTerms(detail: string): string | null {
  const m = /^(\/\S*) (\S+) for (\S+)$/.exec(detail)
  if (!m) return null
  const purpose = m[3] === ANY_PURPOSE ? 'any purpose' : m[3]!
  return `${cmdWord(m[1]!)} ${docsWords(m[2]!.split(','))} for ${purpose}`
}

function shortKey(key: string): string {
  return `…${key.replace(/^did:key:/, '').slice(-6)}`
}

export interface AuditFilter {
  /** An AuditKind, or '' for every kind. */
  kind: string
  /** Part of a name, did or peer id, case-insensitive; '' for anyone. */
  who: string
}

/** The entries that match, newest first (the peer gives them oldest first). */
export function filterAudit(entries: readonly AuditEntry[], filter: AuditFilter, names: Names): AuditEntry[] {
  const q = filter.who.trim().toLowerCase()
  // Reversed first so that entries of the same instant keep the log's order, newest first.
  const out = [...entries].reverse().filter((e) => {
    if (filter.kind && e.kind !== filter.kind) return false
    if (!q) return true
    const hay = [auditWho(e, names), e.did ?? '', e.peer ?? ''].join(' ').toLowerCase()
    return hay.includes(q)
  })
  return out.sort((a, b) => b.at.localeCompare(a.at))
}
