/**
 * The matches as the Insights view and a need's page show them: grouped by need, oldest need
 * first (a stable order: a new match never moves a card), each need's best match first;
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

/**
 * The matches by need, the oldest need first as the peer lists open needs (then by id): never by
 * score, so that a new offer or a refresh does not move the card a member is reading. The
 * peer's order within a need (best first) is kept.
 */
export function byNeed(result: Pick<MatchResult, 'matches'>): NeedMatches[] {
  const groups = new Map<string, NeedMatches>()
  for (const m of result.matches) {
    const g = groups.get(m.need.id)
    if (g) g.matches.push(m)
    else groups.set(m.need.id, { need: m.need, matches: [m] })
  }
  return [...groups.values()].sort((a, b) => a.need.createdAt.localeCompare(b.need.createdAt) || (a.need.id < b.need.id ? -1 : a.need.id > b.need.id ? 1 : 0))
}

/** 0.724 → "72%"; 0.605 → "61%" (rounded from the thousandths the peer computes, half up, not from a float a hair under). */
export function percent(share: number): string {
  return `${Math.round(Math.round(share * 1000) / 10)}%`
}

/**
 * A match's score and each reason's points in whole points out of 100, so that the points shown
 * add up to the score shown: the score is rounded (as `percent`), each part rounded down, and
 * the parts with the largest remainders (the earlier on a tie) rounded up until they add up.
 * 0.605 of +0.375 +0.175 +0.055 reads 61 of +38 +18 +5.
 */
export function percentPoints(m: Pick<Match, 'score' | 'reasons'>): { score: number; points: number[] } {
  const score = Math.round(Math.round(m.score * 1000) / 10)
  const thousandths = m.reasons.map((r) => Math.round(r.points * 1000))
  const points = thousandths.map((t) => Math.floor(t / 10))
  const short = score - points.reduce((a, b) => a + b, 0)
  const order = thousandths.map((t, i) => ({ i, rest: t - 10 * Math.floor(t / 10) })).filter((x) => x.rest > 0).sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (const { i } of order.slice(0, Math.max(0, short))) points[i]!++
  return { score, points }
}

/** A suggestion's reason as the view words it: the peer's "(match 0.715)" as "(a 72% match)", as every other score reads. */
export function suggestionReason(reason: string): string {
  return reason.replace(/\(match (\d+(?:\.\d+)?)\)/g, (_, score: string) => `(a ${percent(Number(score))} match)`)
}

/** Points out of 100 as a reason shows them: "+30". */
export function signed(p: number): string {
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
