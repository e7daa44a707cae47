/**
 * What the insight worker holds and computes (insight-worker.ts is only its port): one match
 * index per space it was fed, with every item of that space, and the answers to queries over
 * them through the pure engine (shared/insight/*). Nothing here reads consent: the service
 * decides which spaces a query may see before it asks, and feeds only what this peer holds.
 */
import type { Match } from '../../../shared/api/insight-api.ts'
import type { InsightResource, MatchIndex, ScoredMatch, SpaceFacts } from '../../../shared/insight/contract.ts'
import { DEFAULT_MIN_SCORE, DEFAULT_PER_NEED, createMatchIndex, matchStanding } from '../../../shared/insight/match.ts'
import { gapReport } from '../../../shared/insight/gaps.ts'
import { suggestions } from '../../../shared/insight/suggest.ts'
import { healthFigures } from '../../../shared/insight/health.ts'
import { toInsightItem } from '../../../shared/insight/items.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { FactsWithoutResources, FeedMessage, InsightQuery, QueryAnswers } from './insight-protocol.ts'

interface Held { index: MatchIndex; items: Map<string, InsightResource> }

/** Creation order, then id: the order every peer gives the engine the same items in. */
const byCreation = (a: InsightResource, b: InsightResource): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

export class InsightIndexes {
  readonly #spaces = new Map<SpaceId, Held>()

  /** Applies a feed message; answers a query. */
  handle(m: FeedMessage): void {
    if (m.type === 'drop') {
      this.#spaces.delete(m.spaceId)
      return
    }
    const held = this.#held(m.spaceId)
    if (m.type === 'upsert') {
      for (const item of m.items) {
        held.items.set(item.id, item)
        held.index.upsert(item)
      }
      return
    }
    for (const id of m.ids) {
      held.items.delete(id)
      held.index.remove(id)
    }
  }

  answer<Q extends InsightQuery>(q: Q): QueryAnswers[Q['type']] {
    switch (q.type) {
      case 'match': return this.#match(q) as QueryAnswers[Q['type']]
      case 'gaps': return gapsOf(this.#facts(q.facts), this.#held(q.facts.spaceId), q.rules) as QueryAnswers[Q['type']]
      case 'suggest': return suggestions(this.#facts(q.facts), this.#withinSpace(q.facts), q.limit) as QueryAnswers[Q['type']]
      case 'health': return healthFigures(this.#facts(q.facts)) as QueryAnswers[Q['type']]
    }
    throw new Error(`unknown query ${(q as { type: string }).type}`)
  }

  #held(spaceId: SpaceId): Held {
    let held = this.#spaces.get(spaceId)
    if (!held) this.#spaces.set(spaceId, (held = { index: createMatchIndex(), items: new Map() }))
    return held
  }

  /**
   * Each need of the asking space (one, or every open one) against the offers of each space
   * given: a space's matches are found in its own index, then merged by score (ties: the
   * offer's creation time, then id, as within one space).
   */
  #match(q: Extract<InsightQuery, { type: 'match' }>): QueryAnswers['match'] {
    const { now } = q.opts
    const home = this.#held(q.asking.spaceId)
    const one = q.needId !== undefined ? home.items.get(q.needId) : undefined
    const needs = q.needId !== undefined ? (one ? [one] : []) : home.index.openNeeds(now)
    const sources = q.offerSpaces.map((ref) => ({ ref, held: this.#held(ref.spaceId) }))
    const matches: Match[] = []
    for (const need of needs) {
      const found = sources.flatMap(({ ref, held }) => held.index.matchesFor(need, q.opts).map((m) => ({ m, ref })))
      found.sort((x, y) => y.m.score - x.m.score || byCreation(x.m.offer, y.m.offer))
      for (const { m, ref } of found.slice(0, q.opts.perNeed)) {
        matches.push({ need: toInsightItem(need), offer: toInsightItem(m.offer), space: ref, score: m.score, reasons: m.reasons })
      }
    }
    const spaces = sources.map(({ ref, held }) => ({
      ...ref, offers: held.index.openOffers(now).length, needs: ref.spaceId === q.asking.spaceId ? home.index.openNeeds(now).length : 0,
    }))
    return { matches, spaces, needs: needs.length, minScore: q.opts.minScore }
  }

  /** The facts with this space's resources (when the caller may read them) and the activity they show. */
  #facts(f: FactsWithoutResources): SpaceFacts {
    const { withResources, ...rest } = f
    const resources = withResources ? [...this.#held(f.spaceId).items.values()].sort(byCreation) : []
    const lastActive = { ...f.lastActive }
    for (const r of resources) {
      const at = Date.parse(r.updatedAt)
      if (Number.isFinite(at) && at > (lastActive[r.owner] ?? -Infinity)) lastActive[r.owner] = at
    }
    return { ...rest, resources, lastActive }
  }

  /** Per open need, its matches within the space (what suggestions read), at the engine's defaults. */
  #withinSpace(f: FactsWithoutResources): Map<string, ScoredMatch[]> {
    const out = new Map<string, ScoredMatch[]>()
    if (!f.withResources) return out
    const { index } = this.#held(f.spaceId)
    const opts = { now: f.now, perNeed: DEFAULT_PER_NEED, minScore: DEFAULT_MIN_SCORE }
    for (const need of index.openNeeds(f.now)) out.set(need.id, index.matchesFor(need, opts))
    return out
  }
}

/**
 * The gap report, with each need's best score and which offers some need matches above the
 * threshold: every pair that can score counts (matchStanding), in one pass over the needs
 * rather than every need's full list of matches sorted.
 */
function gapsOf(facts: SpaceFacts, { index }: Held, rules: Extract<InsightQuery, { type: 'gaps' }>['rules']): QueryAnswers['gaps'] {
  const { best, matched } = matchStanding(index, facts.now, rules.minScore)
  return gapReport(facts, (id) => best.get(id) ?? 0, (id) => matched.has(id), rules)
}
