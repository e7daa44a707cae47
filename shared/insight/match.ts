/** Need–offer matching: the score of one pair, with its reasons, and an index that finds a need's matches without scoring every pair. */
import type { InsightResource, MatchIndex, MatchOptions, ScoredMatch } from './contract.ts'
import type { MatchReason } from '../api/insight-api.ts'

export const DEFAULT_MIN_SCORE = 0.15
export const DEFAULT_PER_NEED = 5

/** The score of `offer` for `need` at `now`, with a reason per contribution; null when they share nothing. */
export function scorePair(_need: InsightResource, _offer: InsightResource, _now: number): { score: number; reasons: MatchReason[] } | null {
  throw new Error('not built yet')
}

export function createMatchIndex(): MatchIndex {
  throw new Error('not built yet')
}

/** Every need against every offer: the reference the index must agree with (tests, and the bench's baseline). */
export function naiveMatches(_needs: readonly InsightResource[], _offers: readonly InsightResource[], _opts: MatchOptions): Map<string, ScoredMatch[]> {
  throw new Error('not built yet')
}
