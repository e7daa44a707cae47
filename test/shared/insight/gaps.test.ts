/** The gap report's rules at their edges, with an explicit `now`: what is listed, in what order, and why. */
import { describe, expect, it } from 'vitest'
import type { InsightBooking } from '../../../shared/insight/contract.ts'
import { DEFAULT_GAP_RULES, gapReport } from '../../../shared/insight/gaps.ts'
import { DAY, daysAgo, facts, inDays, item, need, NOW } from './space.ts'

const RULES = DEFAULT_GAP_RULES
const none = (): number => 0
const never = (): boolean => false

describe('unmet needs', () => {
  const resources = [
    need({ id: 'n-over', title: 'Ladder', createdAt: new Date(NOW - 7 * DAY - 60_000).toISOString() }),
    need({ id: 'n-under', title: 'Drill', createdAt: new Date(NOW - 7 * DAY + 60_000).toISOString() }),
    need({ id: 'n-matched', title: 'Seeds', createdAt: daysAgo(30) }),
    need({ id: 'n-weak', title: 'Compost', createdAt: daysAgo(20) }),
    need({ id: 'n-closed', title: 'Van', createdAt: daysAgo(30), status: 'closed' }),
    need({ id: 'n-expired', title: 'Tent', createdAt: daysAgo(30), expiresAt: daysAgo(1) }),
  ]
  const best: Record<string, number> = { 'n-matched': 0.62, 'n-weak': 0.12 }

  it('an open need just over the age with no good match is listed, just under is not; the oldest first', () => {
    const r = gapReport(facts({ resources }), (id) => best[id] ?? 0, never, RULES)
    expect(r.unmetNeeds.map((u) => [u.need.id, u.ageDays, u.bestScore])).toEqual([['n-weak', 20, 0.12], ['n-over', 7, 0]])
    expect(r.rules).toEqual({ minScore: 0.3, unmetAfterDays: 7, unusedAfterDays: 14, expiringWithinDays: 7 })
  })

  it('the age is the caller\'s to choose', () => {
    const r = gapReport(facts({ resources }), (id) => best[id] ?? 0, never, { ...RULES, unmetAfterDays: 25 })
    expect(r.unmetNeeds).toEqual([])
  })
})

describe('unused offers', () => {
  const old = daysAgo(20)
  const resources = [
    item({ id: 'o-matched', title: 'Seeds', createdAt: old }),
    item({ id: 'o-unused', title: 'Kettle', createdAt: old }),
    item({ id: 'o-young', title: 'Pots', createdAt: daysAgo(10) }),
    item({ id: 't-booked', kind: 'tool', title: 'Drill', createdAt: old }),
    item({ id: 't-idle', kind: 'tool', title: 'Sander', createdAt: old }),
    item({ id: 'n', kind: 'need', title: 'Rake', createdAt: old }),
  ]
  const bookings: InsightBooking[] = [
    { id: 'b1', resource: 't-booked', from: daysAgo(3), to: daysAgo(2.9), by: 'did:key:x', byName: 'Ana', cancelled: false },
    { id: 'b2', resource: 't-idle', from: daysAgo(2), to: daysAgo(1.9), by: 'did:key:x', byName: 'Ana', cancelled: true },
    { id: 'b3', resource: 't-idle', from: daysAgo(19), to: daysAgo(18), by: 'did:key:x', byName: 'Ana', cancelled: false },
  ]
  it('a matched offer, a young one and a booked tool are not unused; the rest say why', () => {
    const r = gapReport(facts({ resources, bookings }), none, (id) => id === 'o-matched', RULES)
    expect(r.unusedOffers.map((u) => [u.offer.id, u.ageDays, u.reason])).toEqual([
      ['o-unused', 20, 'open 20 days and no open need matches it at 0.3 or more'],
      ['t-idle', 20, 'open 20 days and no open need matches it at 0.3 or more; not booked in the last 14 days, nor ahead'],
    ])
    expect(r.unavailable).toEqual([])
  })

  it('where the bookings cannot be read, a tool is not called unused (whether it was booked is not known), and the report says bookings are unavailable', () => {
    const r = gapReport(facts({ resources, unavailable: ['bookings', 'decisions', 'map', 'members'] }), none, (id) => id === 'o-matched', RULES)
    expect(r.unusedOffers.map((u) => u.offer.id)).toEqual(['o-unused'])
    expect(r.unavailable).toEqual(['bookings', 'map'])
  })
})

describe('expiring soon', () => {
  it('open offers and needs expiring within 7 days, soonest first; 8 days, expired, closed or a tool are not', () => {
    const resources = [
      item({ id: 'o-8', title: 'a', expiresAt: inDays(8) }),
      item({ id: 'o-6', title: 'b', expiresAt: inDays(6) }),
      need({ id: 'n-1', title: 'c', expiresAt: inDays(1.25) }),
      item({ id: 'o-gone', title: 'd', expiresAt: daysAgo(0.5) }),
      item({ id: 'o-closed', title: 'e', expiresAt: inDays(2), status: 'closed' }),
    ]
    const r = gapReport(facts({ resources }), none, never, RULES)
    expect(r.expiringSoon.map((e) => [e.item.id, e.inDays, e.expiresAt])).toEqual([['n-1', 1.3, inDays(1.25)], ['o-6', 6, inDays(6)]])
  })
})

describe('booking conflicts and isolated nodes', () => {
  it('two overlapping bookings are one group; a cancelled one overlapping them is not in it; back-to-back is no conflict', () => {
    const at = (h: number): string => new Date(NOW + h * 3_600_000).toISOString()
    const b = (id: string, resource: string, from: number, to: number, cancelled = false): InsightBooking => ({ id, resource, from: at(from), to: at(to), by: `did:key:${id}`, byName: id.toUpperCase(), cancelled })
    const r = gapReport(facts({
      resources: [item({ id: 'van', kind: 'tool', title: 'The van' }), item({ id: 'hall', kind: 'facility', title: 'Hall' })],
      bookings: [b('b2', 'van', 12, 14), b('b1', 'van', 10, 13), b('b3', 'van', 11, 12, true), b('b4', 'hall', 1, 2), b('b5', 'hall', 2, 3), b('b6', 'van', 20, 21)],
    }), none, never, RULES)
    expect(r.bookingConflicts).toEqual([{
      resource: { id: 'van', title: 'The van' },
      bookings: [
        { id: 'b1', from: at(10), to: at(13), by: 'did:key:b1', byName: 'B1' },
        { id: 'b2', from: at(12), to: at(14), by: 'did:key:b2', byName: 'B2' },
      ],
    }])
  })

  it('a node with no link to another node is isolated (a loop is no link); nothing when the map cannot be read', () => {
    const graph = {
      nodes: [{ id: 'c', label: 'Co-op', type: 'organisation' as const, tags: [] }, { id: 'a', label: 'Alone', type: 'person' as const, tags: [] },
        { id: 'l', label: 'Loop', type: 'initiative' as const, tags: [] }, { id: 'd', label: 'Dana', type: 'person' as const, tags: [] }],
      edges: [{ id: 'e1', from: 'c', to: 'd', direction: 'directed' as const }, { id: 'e2', from: 'l', to: 'l', direction: 'undirected' as const }],
    }
    expect(gapReport(facts({ graph }), none, never, RULES).isolatedNodes).toEqual([
      { id: 'a', label: 'Alone', type: 'person' }, { id: 'l', label: 'Loop', type: 'initiative' },
    ])
    expect(gapReport(facts({ graph: null }), none, never, RULES).isolatedNodes).toEqual([])
  })
})
