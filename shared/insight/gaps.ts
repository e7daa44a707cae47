/** The gap report: what goes unmet, unused, expires soon, is double-booked or stands alone on the map. */
import type { GapsResult } from '../api/insight-api.ts'
import type { GapRules, SpaceFacts } from './contract.ts'

export const DEFAULT_GAP_RULES: GapRules = { minScore: 0.3, unmetAfterDays: 7, unusedAfterDays: 14, expiringWithinDays: 7 }

/**
 * `bestScore(needId)`: the best match score the need has (0 when none); `matched(offerId)`:
 * whether some open need matches the offer above the threshold.
 */
export function gapReport(_facts: SpaceFacts, _bestScore: (needId: string) => number, _matched: (offerId: string) => boolean, _rules: GapRules): Omit<GapsResult, 'computedAt'> {
  throw new Error('not built yet')
}
