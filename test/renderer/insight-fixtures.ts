/**
 * Hand-written answers of the insight operations, as a peer would give them, for the Insights
 * slice and view tests: a food network whose need for seed trays matches Ana's offer (this
 * space) and a farm's offer (another organisation, shared for matching).
 */
import type { GapsResult, HealthFigures, HealthResult, InsightItem, Match, MatchResult, SuggestResult } from '../../shared/api/insight-api.ts'
import type { SpaceSummary } from '../../shared/api/peer-api.ts'
import type { Did, SpaceId } from '../../shared/ids.ts'

export const ME = 'did:key:z6MkMe' as Did
export const ANA = 'did:key:z6MkAna' as Did
export const HERE = 's1' as SpaceId
export const FARM = 's-farm' as SpaceId
const AT = '2026-11-01T10:00:00.000Z'

export const space: SpaceSummary = {
  spaceId: HERE, name: 'Food network', founder: ME, role: 'founder', members: 3, documents: [],
  access: { cmd: '/', docs: ['*'], purpose: '*', expiresAt: null },
}
/** The farm's space as this peer holds it: a guest, through a grant for matching. */
export const farmSpace: SpaceSummary = {
  spaceId: FARM, name: 'River Farm co-op', founder: ANA, role: 'guest', members: 0, documents: [], nameUnsigned: true,
  access: { cmd: '/doc/read', docs: ['resources'], purpose: 'matching', expiresAt: '2099-01-01T00:00:00.000Z' },
}

export function item(over: Partial<InsightItem> & Pick<InsightItem, 'id' | 'title'>): InsightItem {
  return { spaceId: HERE, kind: 'offer', tags: [], owner: ANA, ownerName: 'Ana', location: null, expiresAt: null, createdAt: AT, ...over }
}

export const trays = item({ id: 'need-trays', kind: 'need', title: 'Seed trays for spring', owner: ME, ownerName: 'Me' })
export const anasTrays = item({ id: 'offer-trays', title: 'Forty seed trays', location: 'Lisbon' })
export const farmTrays = item({ id: 'farm-trays', spaceId: FARM, title: 'Trays from the farm', owner: 'did:key:z6MkFarmer', ownerName: 'Rui' })
/** Someone else's need, posted after the trays: this peer (not an admin of it) may not mark it matched. */
export const ladder = item({ id: 'need-ladder', kind: 'need', title: 'A tall ladder', owner: ANA, ownerName: 'Ana', createdAt: '2026-11-03T10:00:00.000Z' })
const ladderOffer = item({ id: 'offer-ladder', kind: 'tool', title: 'Aluminium ladder', owner: ME, ownerName: 'Me' })

function match(need: InsightItem, offer: InsightItem, score: number, spaceName = 'Food network'): Match {
  return {
    need, offer, score, space: { spaceId: offer.spaceId, name: spaceName },
    reasons: [
      { kind: 'tags', points: score - 0.1, detail: 'shares the tags "seeds", "garden"' },
      { kind: 'location', points: 0.1, detail: 'both in Lisbon' },
    ],
  }
}

export function matchResult(across = false): MatchResult {
  const matches = [match(trays, anasTrays, 0.82), match(ladder, ladderOffer, 0.41)]
  if (across) matches.splice(1, 0, match(trays, farmTrays, 0.64, 'River Farm co-op'))
  return {
    matches, needs: 3, offers: across ? 3 : 2, minScore: 0.3, computedAt: AT,
    spaces: [{ spaceId: HERE, name: 'Food network', items: 5, across: false }, ...(across ? [{ spaceId: FARM, name: 'River Farm co-op', items: 1, across: true }] : [])],
  }
}

export const gaps: GapsResult = {
  unmetNeeds: [{ need: item({ id: 'need-van', kind: 'need', title: 'A van for Saturday' }), ageDays: 12.4, bestScore: 0.12 }],
  unusedOffers: [],
  expiringSoon: [{ item: anasTrays, expiresAt: '2026-11-04T10:00:00.000Z', inDays: 3 }],
  isolatedNodes: [{ id: 'node-mill', label: 'Old Mill', type: 'place' }],
  bookingConflicts: [{
    resource: { id: 'tool-drill', title: 'Cordless drill' },
    bookings: [
      { id: 'b1', from: '2026-11-02T09:00:00.000Z', to: '2026-11-02T12:00:00.000Z', by: ANA, byName: 'Ana' },
      { id: 'b2', from: '2026-11-02T11:00:00.000Z', to: '2026-11-02T13:00:00.000Z', by: ME, byName: 'Me' },
    ],
  }],
  rules: { minScore: 0.3, unmetAfterDays: 7, unusedAfterDays: 30, expiringWithinDays: 7 },
  unavailable: [],
  computedAt: AT,
}

export const suggestions: SuggestResult = {
  suggestions: [
    { a: { kind: 'node', id: 'n-hub', label: 'Food Hub' }, b: { kind: 'node', id: 'n-lib', label: 'Seed Library' }, score: 0.58, reasons: ['share 2 neighbours: River Farm, Old Mill'] },
    { a: { kind: 'member', id: ANA, label: 'Ana' }, b: { kind: 'member', id: ME, label: 'Me' }, score: 0.4, reasons: ['Ana offers what Me needs: “Forty seed trays” for “Seed trays for spring” (match 0.715)'] },
  ],
  computedAt: AT,
}

const figures = (over: Partial<HealthFigures> = {}): HealthFigures => ({
  members: 12, activeMembers: 7, needs: 10, needsMet: 0.4, offers: 20, offersUsed: 0.25, mapNodes: 30, mapEdges: 41,
  density: 0.094, clustering: 0.31, communities: 3, bridges: [{ id: 'n-hub', label: 'Food Hub', communities: 3 }], ...over,
})

export const health: HealthResult = {
  figures: figures(),
  previous: { at: '2026-10-25T10:00:00.000Z', figures: figures({ activeMembers: 4, needsMet: 0.45 }) },
  change: { activeMembers: 3, needsMet: -0.05, mapNodes: 0, density: 0.004 },
  history: [
    { at: '2026-10-18T10:00:00.000Z', figures: figures({ activeMembers: 2, needsMet: 0.5 }) },
    { at: '2026-10-25T10:00:00.000Z', figures: figures({ activeMembers: 4, needsMet: 0.45 }) },
    { at: AT, figures: figures() },
  ],
  snapshotEveryMinutes: 60,
  unavailable: [],
  computedAt: AT,
}
