/**
 * Grants as the Consent view groups and words them: given by this peer, received by it, and
 * (for admins) those between others; who may revoke which; when the next one changes standing.
 */
import { GrantStatus, type GrantSummary, type SpaceRole } from '../../../shared/api/peer-api.ts'
import { ALL_DOCS } from '../../../shared/grants/grant-format.ts'
import { ANY_PURPOSE } from '../../../shared/grants/purposes.ts'

export interface GrantGroups {
  given: GrantSummary[]
  received: GrantSummary[]
  others: GrantSummary[]
}

/** Newest first within each group; `others` only when this peer may see to them (an admin). */
export function groupGrants(grants: readonly GrantSummary[], me: string | null, withOthers: boolean): GrantGroups {
  const newest = [...grants].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))
  return {
    given: newest.filter((g) => g.issuer === me),
    received: newest.filter((g) => g.audience === me && g.issuer !== me),
    others: withOthers ? newest.filter((g) => g.issuer !== me && g.audience !== me) : [],
  }
}

/** Whether a grant still gives anything (or will): the ones worth revoking. */
export function isLive(g: GrantSummary): boolean {
  return g.status === GrantStatus.Valid || g.status === GrantStatus.NotYetValid
}

/**
 * A member's or an admin's own grant (the whole space, any purpose): ended by removing them
 * (or their leaving) on the Members view, which also settles the roster and whom they invited.
 */
export function isMembership(g: Pick<GrantSummary, 'docs' | 'purpose'>): boolean {
  return g.docs.includes(ALL_DOCS) && g.purpose === ANY_PURPOSE
}

/** The issuer, the founder or an admin may revoke a grant that is still live (the peer checks the rest); memberships end on the Members view. */
export function mayRevoke(g: GrantSummary, me: string | null, myRole: SpaceRole | null | undefined): boolean {
  if (!isLive(g) || isMembership(g) || myRole === 'guest' || !myRole) return false
  return g.issuer === me || myRole === 'founder' || myRole === 'admin'
}

/** When the earliest live grant starts or runs out (ms since the epoch), for a refresh then; null when none will. */
export function nextChange(grants: readonly GrantSummary[], now: number): number | null {
  let next: number | null = null
  for (const g of grants) {
    const times = g.status === GrantStatus.NotYetValid ? [g.notBefore, g.expiresAt] : g.status === GrantStatus.Valid ? [g.expiresAt] : []
    for (const iso of times) {
      const t = iso ? Date.parse(iso) : Number.NaN
      if (Number.isFinite(t) && t > now && (next === null || t < next)) next = t
    }
  }
  return next
}

/** The status as its badge reads: the word, capitalised. */
export function statusWord(status: GrantStatus): string {
  const word = status.replace(/-/g, ' ')
  return word.charAt(0).toUpperCase() + word.slice(1)
}

export const STATUS_COLOR: Record<GrantStatus, string> = {
  [GrantStatus.Valid]: 'teal',
  [GrantStatus.NotYetValid]: 'blue',
  [GrantStatus.Expired]: 'gray',
  [GrantStatus.Revoked]: 'red',
  [GrantStatus.Invalid]: 'orange',
}

/** How long a grant may be asked for; a read or write grant lasts at most 90 days (it can be renewed). */
export const GRANT_DURATIONS: ReadonlyArray<{ label: string; seconds: number }> = [
  { label: '1 hour', seconds: 3_600 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 7 * 86_400 },
  { label: '30 days', seconds: 30 * 86_400 },
  { label: '90 days', seconds: 90 * 86_400 },
]

/** What this peer may grant in a space, from its own access there: the peer refuses more. */
export interface GrantLimits {
  write: boolean
  /** Collections it may pass on, or null for every one (and "Everything"). */
  docs: string[] | null
  /** Purposes it may grant for, or null for any. */
  purposes: string[] | null
  /** The durations that end before its own access does, and, when some do not, how long that is. */
  durations: ReadonlyArray<{ label: string; seconds: number }>
  untilOwnEnd: number | null
}

/** Seconds kept back from the end of one's own access, so a grant "until then" is not refused for a clock's tick. */
const OWN_END_MARGIN_S = 120

export function grantLimits(access: { cmd: string; docs: string[]; purpose: string; expiresAt: string | null }, now: number): GrantLimits {
  const write = access.cmd === '/' || access.cmd === '/doc/write'
  const docs = access.docs.includes('*') ? null : access.docs
  const purposes = access.purpose === '*' ? null : [access.purpose]
  if (access.expiresAt === null) return { write, docs, purposes, durations: GRANT_DURATIONS, untilOwnEnd: null }
  const left = Math.floor((Date.parse(access.expiresAt) - now) / 1000) - OWN_END_MARGIN_S
  const durations = GRANT_DURATIONS.filter((d) => d.seconds <= left)
  return { write, docs, purposes, durations, untilOwnEnd: durations.length < GRANT_DURATIONS.length && left > 0 ? left : null }
}
