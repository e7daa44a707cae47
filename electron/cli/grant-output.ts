/**
 * Grants, access and the audit log as a person reads them in a terminal: each answers who can
 * see what, why, and until when, in words rather than command paths.
 */
import { cmdWord, describeAccess, docsWords, isoDay, shortId } from '../../shared/api/access-words.ts'
import { AuditKind, GrantStatus } from '../../shared/api/peer-api.ts'
import type { AuditEntry, GrantResult, GrantSummary, RevocationResult, SpaceSummary, WhoAmI } from '../../shared/api/peer-api.ts'
import { hasVisibleChar } from '../../shared/schemas/text.ts'
import { isOperation, opWords } from '../../shared/api/op-words.ts'

export { shortId }

/** Rows as left-aligned columns two spaces apart; the last column is not padded. */
export function columns(rows: readonly string[][]): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length) })
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n')
}

/**
 * A space's name as a person should read it: a name only a granter vouches for (see
 * SpaceSummary.nameUnsigned) is marked so; a space with no name to show is shown by its id.
 */
function spaceName(s: Pick<SpaceSummary, 'spaceId' | 'name' | 'nameUnsigned'>): string {
  const name = hasVisibleChar(s.name) ? s.name : `(unnamed) ${s.spaceId}`
  return s.nameUnsigned ? `${name} (as the granter named it)` : name
}

/** A space and what this peer may do in it, for `space create`, `join` and `accept`. */
export function spaceBlock(s: SpaceSummary): string {
  return [
    spaceName(s),
    `  space:   ${s.spaceId}`,
    `  role:    ${s.localCopy ? 'none: a local copy (imported; this identity holds no grant in it)' : s.role}`,
    ...(s.role === 'guest' ? [] : [`  members: ${s.members}`]),
    `  access:  ${describeAccess(s.access)}`,
  ].join('\n')
}

/** One line per space: id, name, role (and members, for a member), access. */
export function spaceList(spaces: readonly SpaceSummary[]): string {
  return columns(spaces.map((s) => [
    s.spaceId, spaceName(s),
    s.role === 'guest' ? '(guest)' : s.localCopy ? '(local copy: no grant here)' : `(${s.role}, ${s.members} member${s.members === 1 ? '' : 's'})`,
    describeAccess(s.access) + (s.damaged ? `  DAMAGED: ${s.damaged.reason}` : ''),
  ]))
}

export function whoAmI(w: WhoAmI): string {
  const lines = [w.name, `  did:    ${w.did}`, `  peerId: ${w.peerId}`, '',
    'Give your did to whoever grants you access to their space.']
  if (w.spaces.length === 0) return [...lines, '', 'You are in no spaces yet.'].join('\n')
  return [...lines, '', 'Spaces:', columns(w.spaces.map((s) => ['  ' + s.spaceId, spaceName(s), s.role, describeAccess(s.access)]))].join('\n')
}

/** A new grant in words, then its code on a line of its own. */
export function grantCreated(r: GrantResult): string {
  const g = r.grant
  return [
    `${g.audienceName ? `${g.audienceName} (${g.audience})` : g.audience} may now ${cmdWord(g.cmd)} ${docsWords(g.docs)}`,
    `  for:    ${g.purpose} (${g.purposeLabel})`,
    `  until:  ${isoDay(g.expiresAt)}`,
    `  grant:  ${g.grantId}`,
    ...(g.note ? [`  note:   ${g.note}`] : []),
    '',
    r.code,
    '',
    'They run: commonweave accept <code>',
  ].join('\n')
}

function standing(g: GrantSummary): string {
  if (g.status === GrantStatus.Valid) return g.status
  return g.problem ? `${g.status} (${g.problem.code})` : g.status
}

/** Who can see what in a space, why, and until when: one grant per line, under a header. */
export function grantTable(grants: readonly GrantSummary[]): string {
  if (grants.length === 0) return 'No grants in this space yet. Make one with "commonweave grant SPACE --to DID ...".'
  return columns([
    ['WHO', 'CAN', 'WHAT', 'WHY', 'UNTIL', 'STATUS', 'GRANT'],
    ...grants.map((g) => [
      g.audienceName ?? shortId(g.audience), cmdWord(g.cmd), docsWords(g.docs), g.purposeLabel,
      isoDay(g.expiresAt), standing(g), g.grantId,
    ]),
  ])
}

export function revoked(r: RevocationResult): string {
  if (r.alreadyRevoked === true) {
    const by = r.revokedBy === undefined ? '' : ` by ${r.revokedByName ? `${r.revokedByName} (${shortId(r.revokedBy)})` : r.revokedBy}`
    return `Grant ${r.grantId} was already revoked, at ${r.revokedAt}${by}. Nothing changed.`
  }
  return `Revoked grant ${r.grantId} at ${r.revokedAt}.\nIt holds here at once and reaches connected peers first.`
}

function auditDocs(e: AuditEntry): string {
  const docs = e.docs ? `${e.docs.length} doc${e.docs.length === 1 ? '' : 's'}` : ''
  // An agent's calls are counted per operation and outcome; a line without a count is one call.
  const count = e.kind === AuditKind.AgentCall ? `${e.count ?? 1} call${(e.count ?? 1) === 1 ? '' : 's'}`
    : e.count === undefined ? '' : `${e.count} message${e.count === 1 ? '' : 's'}`
  return [docs, count].filter(Boolean).join(', ')
}

/** The audit log, one entry per line: time, kind, who, how many documents, detail. */
export function auditLines(entries: readonly AuditEntry[]): string {
  if (entries.length === 0) return 'Nothing in the audit log for this space yet.'
  return columns(entries.map((e) => [
    e.at, e.kind, shortId(e.did ?? e.peer ?? '-'), auditDocs(e),
    [e.name ? `agent ${e.name}: ${e.op && isOperation(e.op) ? opWords(e.op) : e.op ?? '?'} ${e.outcome ?? ''}` : '', e.grantId ? `grant ${shortId(e.grantId)}` : '', e.detail ?? ''].filter(Boolean).join(': '),
  ]))
}
