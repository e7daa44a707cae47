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
import { extraMax, extraPoints, pairReasons, tagPoints, wordPoints } from './score.ts'
import { rankOrder, TopK } from './rank.ts'

/** What the gap report needs of matching: each open need's best score (0 when none), and the offers matched at the threshold. */
export interface MatchStanding { best: Map<string, number>; matched: Set<string> }

export class MatchIndexImpl implements MatchIndex {
  private readonly items = new Map<string, InsightResource>()
  private readonly slotOf = new Map<string, number>()
  private profiles: Array<Profile | undefined> = []
  private readonly free: number[] = []
  private readonly tagPosts = new Map<string, Posting>()
  /** Per term, the slots of the offers holding it, and its weight in each. */
  private readonly termPosts = new Map<string, Posting>()
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
    const { tagSums, unitSums } = this
    // What the shared tags and words give each candidate (kept in tagSums), and the best of them.
    let best = 0
    for (const slot of touched) {
      const shared = tagPoints(tagSums[slot]!) + wordPoints(unitSums[slot]!)
      tagSums[slot] = shared
      if (shared > best) best = shared
    }
    // Two passes over the candidates, the likeliest first, so the last kept place is high early
    // and the rest can be passed over when even every other point could not reach it. The
    // order changes the work only: the best k by rankOrder are the same in any order.
    const most = extraMax(n)
    const cut = best - most
    const top = new TopK(opts.perNeed)
    const consider = (slot: number): void => {
      const shared = tagSums[slot]!
      if (shared + most < top.floor) return
      const o = this.profiles[slot]!
      if (!mayPair(n, o, opts.now)) return
      const points = shared + extraPoints(n, o)
      if (points / 1000 >= opts.minScore) top.offer(o, points)
    }
    for (const slot of touched) if (tagSums[slot]! >= cut) consider(slot)
    for (const slot of touched) if (tagSums[slot]! < cut) consider(slot)
    return top.sorted().map(({ profile, points }) => ({ offer: profile.item, score: points / 1000, reasons: pairReasons(n, profile, opts.now)! }))
  }

  /** Per open need its best score, and every offer some open need matches at `minScore` or more (what the gap report reads). */
  standing(now: number, minScore: number): MatchStanding {
    const out: MatchStanding = { best: new Map(), matched: new Set() }
    for (const need of this.openNeeds(now)) {
      const n = profileOf(need)
      let best = 0
      for (const slot of this.gather(n)) {
        const o = this.profiles[slot]!
        if (!mayPair(n, o, now)) continue
        const points = tagPoints(this.tagSums[slot]!) + wordPoints(this.unitSums[slot]!) + extraPoints(n, o)
        if (points > best) best = points
        if (points / 1000 >= minScore) out.matched.add(o.item.id)
      }
      out.best.set(need.id, best / 1000)
    }
    return out
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
      const slots = this.tagPosts.get(key)?.slots ?? []
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!
        touch(slot)
        tagSums[slot]!++
      }
    }
    for (const [stem, t] of n.terms) {
      const posting = this.termPosts.get(stem)
      if (!posting) continue
      const { slots, weights } = posting
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!
        touch(slot)
        unitSums[slot]! += t.weight * weights[i]!
      }
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
    for (const key of p.tags.keys()) list(this.tagPosts, key, slot, 1)
    for (const [stem, t] of p.terms) list(this.termPosts, stem, slot, t.weight)
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

/** A posting list: offers' slots, in the order added, and a weight for each. */
interface Posting { slots: number[]; weights: number[] }

function list(map: Map<string, Posting>, key: string, slot: number, weight: number): void {
  let p = map.get(key)
  if (!p) map.set(key, (p = { slots: [], weights: [] }))
  p.slots.push(slot)
  p.weights.push(weight)
}

/** Takes a slot out of a posting list (the last entry moves into its place: order in a list is never read). */
function unlist(map: Map<string, Posting>, key: string, slot: number): void {
  const p = map.get(key)
  if (!p) return
  const at = p.slots.indexOf(slot)
  if (at < 0) return
  p.slots[at] = p.slots[p.slots.length - 1]!
  p.weights[at] = p.weights[p.weights.length - 1]!
  p.slots.pop()
  p.weights.pop()
  if (p.slots.length === 0) map.delete(key)
}
