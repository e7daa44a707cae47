/**
 * The gap report: what goes unmet, unused, expires soon, is double-booked or stands alone on the
 * map. Every list is in a fixed order (oldest, soonest or by name first, then by id), and each
 * entry carries the figures that put it there. The rules, stated in the answer:
 * - an unmet need is open, unexpired, at least `unmetAfterDays` old, and its best match scores
 *   below `minScore` (0 when it has none);
 * - an unused offer (tool, facility, skill) is open, unexpired, at least `unusedAfterDays` old,
 *   no open need matches it at `minScore` or more, and, for a tool or facility, no booking that
 *   is not cancelled ends within the last `unusedAfterDays` days or later;
 * - expiring soon: open offers and needs whose expiry is after now and within `expiringWithinDays`;
 * - a booking conflict: live bookings of one resource that overlap (shared/resources/overlap.ts),
 *   grouped so that bookings linked by overlaps are one group;
 * - an isolated node: a live map node with no link to another node.
 * Where the caller may not read the bookings or the map (`facts.unavailable`), the report lists
 * them in `unavailable`: its booking conflicts and isolated nodes are then not known (empty, and
 * said so), and tools and facilities are left out of the unused offers (whether they were booked
 * cannot be told).
 */
import type { BookingConflict, ExpiringItem, GapsResult, IsolatedNode, UnmetNeed, UnusedOffer } from '../api/insight-api.ts'
import { BOOKABLE_KINDS, EXPIRING_KINDS } from '../schemas/resource.ts'
import { findConflicts } from '../resources/overlap.ts'
import type { GapRules, InsightBooking, InsightPart, InsightResource, SpaceFacts } from './contract.ts'
import { neighbourhoods } from './graph.ts'
import { toInsightItem } from './items.ts'
import { isLive, profileOf } from './profile.ts'

/** The parts besides the resources a gap report reads. */
const GAPS_READ: readonly InsightPart[] = ['bookings', 'map']

export const DEFAULT_GAP_RULES: GapRules = { minScore: 0.3, unmetAfterDays: 7, unusedAfterDays: 14, expiringWithinDays: 7 }

const DAY = 86_400_000
const byCreated = (a: InsightResource, b: InsightResource): number => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const days = (ms: number): number => Math.round((ms / DAY) * 10) / 10

/**
 * `bestScore(needId)`: the best match score the need has (0 when none); `matched(offerId)`:
 * whether some open need matches the offer above the threshold.
 */
export function gapReport(facts: SpaceFacts, bestScore: (needId: string) => number, matched: (offerId: string) => boolean, rules: GapRules): Omit<GapsResult, 'computedAt'> {
  const now = facts.now
  const live = facts.resources.filter((r) => isLive(profileOf(r), now)).sort(byCreated)
  const ageOf = (r: InsightResource): number => now - Date.parse(r.createdAt)

  const unmetNeeds: UnmetNeed[] = []
  for (const r of live) {
    if (r.kind !== 'need' || ageOf(r) < rules.unmetAfterDays * DAY) continue
    const best = bestScore(r.id)
    if (best < rules.minScore) unmetNeeds.push({ need: toInsightItem(r), ageDays: Math.floor(ageOf(r) / DAY), bestScore: best })
  }

  const bookingsUnread = facts.unavailable.includes('bookings')
  const usedSince = now - rules.unusedAfterDays * DAY
  const booked = new Set(facts.bookings.filter((b) => !b.cancelled && Date.parse(b.to) > usedSince).map((b) => b.resource))
  const unusedOffers: UnusedOffer[] = []
  for (const r of live) {
    if (r.kind === 'need' || ageOf(r) < rules.unusedAfterDays * DAY || matched(r.id)) continue
    const bookable = BOOKABLE_KINDS.includes(r.kind)
    if (bookable && (bookingsUnread || booked.has(r.id))) continue
    const ageDays = Math.floor(ageOf(r) / DAY)
    const reason = `open ${ageDays} days and no open need matches it at ${rules.minScore} or more` +
      (bookable ? `; not booked in the last ${rules.unusedAfterDays} days, nor ahead` : '')
    unusedOffers.push({ offer: toInsightItem(r), ageDays, reason })
  }

  const horizon = now + rules.expiringWithinDays * DAY
  const expiringSoon: ExpiringItem[] = live
    .filter((r) => EXPIRING_KINDS.includes(r.kind) && profileOf(r).expiresAt <= horizon)
    .sort((a, b) => profileOf(a).expiresAt - profileOf(b).expiresAt || (a.id < b.id ? -1 : 1))
    .map((r) => ({ item: toInsightItem(r), expiresAt: r.expiresAt!, inDays: days(profileOf(r).expiresAt - now) }))

  return {
    unmetNeeds, unusedOffers, expiringSoon,
    isolatedNodes: isolated(facts),
    bookingConflicts: conflicts(facts),
    rules: { ...rules },
    unavailable: facts.unavailable.filter((p) => GAPS_READ.includes(p)),
  }
}

function isolated(facts: SpaceFacts): IsolatedNode[] {
  if (!facts.graph) return []
  const h = neighbourhoods(facts.graph)
  return h.nodes.filter((_, i) => h.neighbours[i]!.length === 0)
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : 1))
    .map((n) => ({ id: n.id, label: n.label, type: n.type }))
}

/** Overlapping bookings of each resource, in groups joined by overlaps; the earliest group first. */
function conflicts(facts: SpaceFacts): BookingConflict[] {
  const byId = new Map(facts.bookings.map((b) => [b.id, b]))
  const links = findConflicts(facts.bookings.map((b) => ({ id: b.id, resource: b.resource, from: b.from, to: b.to, status: b.cancelled ? 'cancelled' : 'active' })))
  const titles = new Map(facts.resources.map((r) => [r.id, r.title]))
  const order = (a: InsightBooking, b: InsightBooking): number => Date.parse(a.from) - Date.parse(b.from) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  // Each group: the bookings reached from one through overlaps (a walk of the overlap links).
  const seen = new Set<string>()
  const groups: InsightBooking[][] = []
  for (const id of [...links.keys()].sort()) {
    if (seen.has(id)) continue
    seen.add(id)
    const group: InsightBooking[] = []
    const stack = [id]
    while (stack.length > 0) {
      const x = stack.pop()!
      group.push(byId.get(x)!)
      for (const y of links.get(x)!) if (!seen.has(y)) { seen.add(y); stack.push(y) }
    }
    groups.push(group.sort(order))
  }
  return groups.sort((a, b) => order(a[0]!, b[0]!)).map((list) => ({
    resource: { id: list[0]!.resource, title: titles.get(list[0]!.resource) ?? list[0]!.resource },
    bookings: list.map((b) => ({ id: b.id, from: b.from, to: b.to, by: b.by, byName: b.byName })),
  }))
}
