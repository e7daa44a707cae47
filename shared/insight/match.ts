/** Need–offer matching: the score of one pair, with its reasons, and an index that finds a need's matches without scoring every pair. */
import type { InsightResource, MatchIndex, MatchOptions, ScoredMatch } from './contract.ts'
import type { MatchReason } from '../api/insight-api.ts'
import { isOpenNeed, mayPair, profileOf } from './profile.ts'
import { pairPoints, pairReasons } from './score.ts'
import { MatchIndexImpl, type MatchStanding } from './match-index.ts'
import { rankOrder, type Ranked } from './rank.ts'

export const DEFAULT_MIN_SCORE = 0.15
export const DEFAULT_PER_NEED = 5

/**
 * The score of `offer` for `need` at `now`, with a reason per contribution; null when they share
 * nothing, and null too when they may not be paired at all: only an open, unexpired need against
 * an open, unexpired offer, tool, facility or skill (see `mayPair`).
 */
export function scorePair(need: InsightResource, offer: InsightResource, now: number): { score: number; reasons: MatchReason[] } | null {
  const [n, o] = [profileOf(need), profileOf(offer)]
  if (!mayPair(n, o, now)) return null
  const points = pairPoints(n, o)
  if (points === null) return null
  return { score: points / 1000, reasons: pairReasons(n, o, now)! }
}

export function createMatchIndex(): MatchIndex {
  return new MatchIndexImpl()
}

/**
 * Every need against every offer: the reference the index must agree with (tests, and the
 * bench's baseline). Each open, unexpired need gets an entry, empty when nothing matches. Like the
 * index, it scores pairs as numbers and writes reasons for the ones it keeps only; unlike it,
 * it scores every pair and sorts all that pass.
 */
export function naiveMatches(needs: readonly InsightResource[], offers: readonly InsightResource[], opts: MatchOptions): Map<string, ScoredMatch[]> {
  const out = new Map<string, ScoredMatch[]>()
  const offerProfiles = offers.map(profileOf)
  for (const need of needs) {
    const n = profileOf(need)
    if (!isOpenNeed(n, opts.now)) continue
    const scored: Ranked[] = []
    for (const o of offerProfiles) {
      if (!mayPair(n, o, opts.now)) continue
      const points = pairPoints(n, o)
      if (points !== null && points / 1000 >= opts.minScore) scored.push({ profile: o, points })
    }
    const kept = scored.sort(rankOrder).slice(0, opts.perNeed)
    out.set(need.id, kept.map(({ profile, points }) => ({ offer: profile.item, score: points / 1000, reasons: pairReasons(n, profile, opts.now)! })))
  }
  return out
}

/**
 * Each open need's best score and the offers some open need matches at `minScore` or more: the
 * gap report's `bestScore` and `matched`. Every pair that can score counts, not only the best few
 * a need is shown.
 */
export function matchStanding(index: MatchIndex, now: number, minScore: number): MatchStanding {
  if (index instanceof MatchIndexImpl) return index.standing(now, minScore)
  const out: MatchStanding = { best: new Map(), matched: new Set() }
  const all = naiveMatches(index.openNeeds(now), index.openOffers(now), { now, perNeed: Number.MAX_SAFE_INTEGER, minScore: 0 })
  for (const [id, list] of all) {
    out.best.set(id, list[0]?.score ?? 0)
    for (const m of list) if (m.score >= minScore) out.matched.add(m.offer.id)
  }
  return out
}

export type { MatchStanding }
