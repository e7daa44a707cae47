/**
 * The matches as the Insights view and a need's page show them: grouped by need, best first;
 * scores and reasons in words; and whether the "Across organisations" switch has anything to
 * offer (a grant for `matching` held in another organisation's space).
 */
import type { Match, MatchReason, MatchResult } from '../../../shared/api/insight-api.ts'
import type { SpaceSummary } from '../../../shared/api/peer-api.ts'

export interface NeedMatches {
  need: Match['need']
  /** Best first, as the peer ranked them. */
  matches: Match[]
}

/** The matches by need: the need with the best match first, then by title (the peer's order within a need is kept). */
export function byNeed(result: Pick<MatchResult, 'matches'>): NeedMatches[] {
  const groups = new Map<string, NeedMatches>()
  for (const m of result.matches) {
    const g = groups.get(m.need.id)
    if (g) g.matches.push(m)
    else groups.set(m.need.id, { need: m.need, matches: [m] })
  }
  const best = (g: NeedMatches): number => Math.max(...g.matches.map((m) => m.score))
  return [...groups.values()].sort((a, b) => best(b) - best(a) || a.need.title.localeCompare(b.need.title))
}

/** 0.724 → "72%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

/** A reason's share of the score in points out of 100: "+30". */
export function points(r: Pick<MatchReason, 'points'>): string {
  const p = Math.round(r.points * 100)
  return p >= 0 ? `+${p}` : String(p)
}

/** What each kind of reason is about, for a screen reader and the legend. */
export const REASON_WORDS: Record<MatchReason['kind'], string> = {
  tags: 'Tags', words: 'Words', location: 'Place', availability: 'When', quantity: 'Quantity', expiry: 'Expiry', kind: 'Kind',
}

/**
 * Whether this peer holds a live grant for `matching` in another organisation's space (a guest
 * space whose access is for that purpose): only then has "Across organisations" anything to add.
 */
export function holdsMatchingGrant(spaces: readonly SpaceSummary[], now: number): boolean {
  return spaces.some((s) => s.role === 'guest' && s.access.cmd !== 'none' && s.access.purpose === 'matching' &&
    (s.access.expiresAt === null || Date.parse(s.access.expiresAt) > now))
}

/** "open for 12 days", "open for a day", "opened today". */
export function ageWords(days: number): string {
  const d = Math.floor(days)
  return d <= 0 ? 'opened today' : d === 1 ? 'open for a day' : `open for ${d} days`
}

/** "in 3 days", "tomorrow", "today". */
export function inDaysWords(days: number): string {
  const d = Math.max(0, Math.floor(days))
  return d === 0 ? 'today' : d === 1 ? 'tomorrow' : `in ${d} days`
}
