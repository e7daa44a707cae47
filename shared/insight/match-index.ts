/**
 * The match index: postings from each folded tag and each term to the open offers (tools,
 * facilities, skills) that carry it, kept item by item. A need is scored term at a time: each
 * of its tags and terms adds to the offers in its postings, so only offers that share
 * something with the need are ever looked at, and the shared tags and term weights come out of
 * the postings rather than out of comparing two items. Those are the only pairs that can score
 * (score.ts), and each is scored by the same functions as scorePair, so the index finds exactly
 * what scoring every pair finds; reasons are written for the kept matches only.
 *
 * Offers live in numbered slots (freed slots are reused) so the running sums are typed arrays,
 * cleared lazily by a stamp per query rather than zeroed.
 */
import type { InsightResource, MatchIndex, MatchOptions, ScoredMatch } from './contract.ts'
import { isLive, isNeed, isOpenNeed, mayPair, profileOf, type Profile } from './profile.ts'
import { EXTRA_MAX, extraPoints, pairReasons, tagPoints, wordPoints } from './score.ts'
import { rankOrder, TopK } from './rank.ts'

export class MatchIndexImpl implements MatchIndex {
  private readonly items = new Map<string, InsightResource>()
  private readonly slotOf = new Map<string, number>()
  private profiles: Array<Profile | undefined> = []
  private readonly free: number[] = []
  private readonly tagPosts = new Map<string, Set<number>>()
  /** term → slot → the term's weight in that offer. */
  private readonly termPosts = new Map<string, Map<number, number>>()
  private tagSums = new Int32Array(64)
  private unitSums = new Int32Array(64)
  private stamps = new Int32Array(64)
  private epoch = 0

  get size(): number {
    return this.items.size
  }

  get(id: string): InsightResource | undefined {
    return this.items.get(id)
  }

  upsert(item: InsightResource): void {
    this.unpost(item.id)
    this.items.set(item.id, item)
    // Only open offers are posted; expiry moves with time, so it is checked when matching.
    if (!isNeed(item) && item.status === 'open') this.post(profileOf(item))
  }

  remove(id: string): void {
    this.unpost(id)
    this.items.delete(id)
  }

  openNeeds(now: number): InsightResource[] {
    return this.live(now, true)
  }

  openOffers(now: number): InsightResource[] {
    return this.live(now, false)
  }

  matchesFor(need: InsightResource, opts: MatchOptions): ScoredMatch[] {
    const n = profileOf(need)
    if (!isOpenNeed(n, opts.now)) return []
    const touched = this.gather(n)
    const top = new TopK(opts.perNeed)
    for (const slot of touched) {
      const shared = tagPoints(this.tagSums[slot]!) + wordPoints(this.unitSums[slot]!)
      // An offer that could not reach the last kept place even with every other point is not looked at further.
      if (shared + EXTRA_MAX < top.floor) continue
      const o = this.profiles[slot]!
      if (!mayPair(n, o, opts.now)) continue
      const points = shared + extraPoints(n, o)
      if (points / 1000 >= opts.minScore) top.offer(o, points)
    }
    return top.sorted().map(({ profile, points }) => ({ offer: profile.item, score: points / 1000, reasons: pairReasons(n, profile, opts.now)! }))
  }

  /** Adds each of the need's tags and terms to the offers posted under it; the slots touched. */
  private gather(n: Profile): number[] {
    const epoch = ++this.epoch
    const touched: number[] = []
    const { stamps, tagSums, unitSums } = this
    const touch = (slot: number): void => {
      if (stamps[slot] === epoch) return
      stamps[slot] = epoch
      tagSums[slot] = 0
      unitSums[slot] = 0
      touched.push(slot)
    }
    for (const key of n.tags.keys()) {
      const posts = this.tagPosts.get(key)
      if (posts) for (const slot of posts) { touch(slot); tagSums[slot]!++ }
    }
    for (const [stem, t] of n.terms) {
      const posts = this.termPosts.get(stem)
      if (posts) for (const [slot, weight] of posts) { touch(slot); unitSums[slot]! += t.weight * weight }
    }
    return touched
  }

  private live(now: number, needs: boolean): InsightResource[] {
    const out: InsightResource[] = []
    for (const item of this.items.values()) if (isNeed(item) === needs && isLive(profileOf(item), now)) out.push(item)
    return out.map((item) => ({ profile: profileOf(item), points: 0 })).sort(rankOrder).map((r) => r.profile.item)
  }

  private post(p: Profile): void {
    const slot = this.free.pop() ?? this.profiles.length
    if (slot >= this.stamps.length) this.grow(slot + 1)
    this.profiles[slot] = p
    this.slotOf.set(p.item.id, slot)
    for (const key of p.tags.keys()) posting(this.tagPosts, key, () => new Set()).add(slot)
    for (const [stem, t] of p.terms) posting(this.termPosts, stem, () => new Map()).set(slot, t.weight)
  }

  private unpost(id: string): void {
    const slot = this.slotOf.get(id)
    if (slot === undefined) return
    const p = this.profiles[slot]!
    for (const key of p.tags.keys()) unlist(this.tagPosts, key, slot)
    for (const stem of p.terms.keys()) unlist(this.termPosts, stem, slot)
    this.profiles[slot] = undefined
    this.slotOf.delete(id)
    this.free.push(slot)
  }

  private grow(min: number): void {
    const size = Math.max(min, this.stamps.length * 2)
    const bigger = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size)
      b.set(a)
      return b
    }
    this.tagSums = bigger(this.tagSums)
    this.unitSums = bigger(this.unitSums)
    this.stamps = bigger(this.stamps)
  }
}

function posting<T>(map: Map<string, T>, key: string, make: () => T): T {
  let p = map.get(key)
  if (!p) map.set(key, (p = make()))
  return p
}

function unlist(map: Map<string, Set<number> | Map<number, number>>, key: string, slot: number): void {
  const p = map.get(key)
  if (!p) return
  p.delete(slot)
  if (p.size === 0) map.delete(key)
}
