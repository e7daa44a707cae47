/**
 * The insight answers in the CLI's words, from hand-written answers: another organisation's
 * offer names "someone at" it where its roster cannot be read; a part the caller may not read is
 * "not shown", never "none"; health says what it compares with and how often a snapshot is kept.
 */
import { describe, expect, it } from 'vitest'
import type { GapsResult, HealthResult, InsightItem, MatchResult } from '../../shared/api/insight-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { gapsWords, healthWords, matchWords } from '../../electron/cli/insight-output.ts'

const HOME = 'home' as SpaceId
const HILL = 'hill' as SpaceId
const at = '2026-03-01T12:00:00.000Z'
const item = (over: Partial<InsightItem> & Pick<InsightItem, 'id' | 'title'>): InsightItem => ({
  spaceId: HOME, kind: 'offer', tags: [], owner: 'did:key:x', ownerName: null, location: null, expiresAt: null, createdAt: at, ...over,
})

describe('insight answers in words', () => {
  it('names someone at another organisation for its offer, and counts what it matched against by name', () => {
    const need = item({ id: 'need0001', kind: 'need', title: 'Seeds', ownerName: 'Ana' })
    const r: MatchResult = {
      matches: [{ need, offer: item({ id: 'offr0001', spaceId: HILL, title: 'Seed packets' }), space: { spaceId: HILL, name: 'Hilltop' }, score: 0.6, reasons: [{ kind: 'tags', points: 0.6, detail: 'shares the tag "seeds"' }] }],
      spaces: [{ spaceId: HOME, name: 'Riverside', items: 2, across: false }, { spaceId: HILL, name: 'Hilltop', items: 9, across: true }],
      needs: 1, offers: 9, minScore: 0.15, computedAt: at,
    }
    const words = matchWords(r)
    expect(words).toMatch(/^1 open need against 9 open offers, tools, facilities and skills in Riverside and 1 space shared for matching: Hilltop\.$/m)
    expect(words).toContain('  0.600  offer “Seed packets” (offr0001) · someone at Hilltop — from Hilltop')
  })

  it('says a gap list is not shown where the caller may not read its part', () => {
    const g: GapsResult = {
      unmetNeeds: [], unusedOffers: [], expiringSoon: [], isolatedNodes: [], bookingConflicts: [], unavailable: ['bookings', 'map'],
      rules: { minScore: 0.3, unmetAfterDays: 7, unusedAfterDays: 14, expiringWithinDays: 7 }, computedAt: at,
    }
    const words = gapsWords(g)
    expect(words).toContain('Booking conflicts: not shown — this caller may not read bookings.')
    expect(words).toContain('Map nodes with no link: not shown — this caller may not read the map.')
    expect(words).toContain('No unused offers (open for 14 days or more that no open need matches at 0.3 or more; tools and facilities not shown — this caller may not read bookings).')
    expect(words).not.toMatch(/No booking conflicts|No isolated map nodes/)
  })

  it('says which health figures are not shown, and how snapshots are kept', () => {
    const h: HealthResult = {
      figures: { members: null, activeMembers: null, needs: 3, needsMet: 0.3333, offers: 4, offersUsed: null, mapNodes: null, mapEdges: null, density: null, clustering: null, communities: null, bridges: [] },
      previous: null, change: {}, history: [], snapshotEveryMinutes: null, unavailable: ['bookings', 'map', 'members'], computedAt: at,
    }
    expect(healthWords(h).split('\n')).toEqual([
      'Members: not shown — this caller may not read the roster of members',
      'Needs: 3; met (marked matched or closed): 33%',
      'Offers, tools and facilities (skills not counted): 4; used (matched, closed or booked): not shown — this caller may not read bookings',
      'Map: not shown — this caller may not read the map',
      '',
      'Figures of the moment: snapshots are kept, and compared, for this peer\'s owner only.',
    ])
  })
})
