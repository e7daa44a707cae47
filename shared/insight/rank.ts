/**
 * The order matches are ranked in, everywhere: score (in whole thousandths) highest first, then
 * the offer posted first, then its id. Only data of the pair decides, so every peer ranks alike.
 */
import type { Profile } from './profile.ts'

export interface Ranked { profile: Profile; points: number }

export function rankOrder(a: Ranked, b: Ranked): number {
  if (a.points !== b.points) return b.points - a.points
  const [x, y] = [a.profile.item, b.profile.item]
  if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt ? -1 : 1
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0
}

/** The best `k` of what it is offered, by rankOrder, without sorting everything offered: an insertion into a sorted list of at most k. */
export class TopK {
  private readonly list: Ranked[] = []
  private readonly k: number

  constructor(k: number) {
    this.k = k
  }

  /** The points a candidate must reach to have a chance of a place (with the tie-breaks deciding at exactly this). */
  get floor(): number {
    if (this.k <= 0) return Infinity
    return this.list.length < this.k ? -Infinity : this.list[this.list.length - 1]!.points
  }

  offer(profile: Profile, points: number): void {
    if (points >= this.floor) keepBest(this.list, { profile, points }, this.k, rankOrder)
  }

  sorted(): readonly Ranked[] {
    return this.list
  }
}

/** The best `k` of `items` by `order`, best first: the same as sorting all and keeping k, without sorting all. */
export function best<T>(items: Iterable<T>, k: number, order: (a: T, b: T) => number): T[] {
  const list: T[] = []
  for (const x of items) keepBest(list, x, k, order)
  return list
}

/** Puts `x` in its place in `list` (sorted by `order`, at most `k` long) when it is among the best k. */
function keepBest<T>(list: T[], x: T, k: number, order: (a: T, b: T) => number): void {
  if (k <= 0 || (list.length === k && order(x, list[k - 1]!) >= 0)) return
  let i = list.length
  while (i > 0 && order(x, list[i - 1]!) < 0) i--
  list.splice(i, 0, x)
  if (list.length > k) list.pop()
}
