/** The OpenAPI components of coordination intelligence's answers (shared/api/insight-api.ts). */
import { RESOURCE_KINDS } from '../../../shared/schemas/resource.ts'
import { date, enumOf, int, nullable, obj, ref, str, strings, type Schema } from './openapi-schema.ts'

const num: Schema = { type: 'number' }
const score: Schema = { type: 'number', minimum: 0, maximum: 1 }
const share: Schema = { ...nullable('number'), minimum: 0, maximum: 1, description: 'A share, 0..1; null when there is nothing to count, or the caller may not read what it counts' }
const arrayOf = (items: Schema, description?: string): Schema => ({ type: 'array', items, ...(description ? { description } : {}) })
const REASON_KINDS = ['tags', 'words', 'location', 'availability', 'quantity', 'expiry', 'kind'] as const
const PARTS = ['resources', 'bookings', 'decisions', 'map', 'members'] as const
/** A count that is null where the caller may not read what it counts. */
const count = (description: string): Schema => ({ ...nullable('integer'), minimum: 0, description })
const unavailable = (description: string): Schema => arrayOf(enumOf(PARTS), description)

const spaceRef = obj({ spaceId: str, name: str })
const end = obj({ kind: enumOf(['node', 'member']), id: { ...str, description: 'A map node\'s id, or a member\'s did' }, label: str })
const figures = obj({
  members: count('The roster\'s size; null where the caller may not read the roster'),
  activeMembers: count('Members who added, changed, booked, proposed or took a stance in the last 30 days; null where the caller may not read the roster or what activity is read from'),
  needs: count('Needs; null where the caller may not read resources'), needsMet: share,
  offers: count('Offers, tools and facilities (skills are not counted); null where the caller may not read resources'), offersUsed: share,
  mapNodes: count('null where the caller may not read the map'), mapEdges: count('null where the caller may not read the map'),
  density: nullable('number'), clustering: { ...nullable('number'), description: 'Average local clustering coefficient of the map (undirected)' },
  communities: nullable('integer'),
  bridges: arrayOf(obj({ id: str, label: str, communities: int }), 'Nodes whose edges reach into more than one community'),
})

export const INSIGHT_COMPONENTS: Record<string, Schema> = {
  InsightItem: obj({
    id: str, spaceId: str, kind: enumOf(RESOURCE_KINDS), title: str, tags: strings,
    owner: { ...str, description: 'The owner\'s did' }, ownerName: { ...nullable('string'), description: 'The owner\'s name on the roster; null where this peer cannot see it' },
    location: nullable('string'), expiresAt: nullable('string', { format: 'date-time' }), createdAt: date,
  }),
  MatchReason: obj({
    kind: enumOf(REASON_KINDS), points: { ...num, description: 'Its share of the score: the points of a match\'s reasons add up to its score' },
    detail: { ...str, description: 'In words a member can check, e.g. `shares the tags "seeds", "garden"`' },
  }),
  MatchResult: obj({
    matches: arrayOf(obj({
      need: ref('InsightItem'), offer: { ...ref('InsightItem'), description: 'The offer, tool, facility or skill that could meet the need' },
      space: { ...spaceRef, description: 'The space the offer comes from (another organisation\'s, for a match across)' },
      score, reasons: arrayOf(ref('MatchReason')),
    }), 'Per need (oldest first), its matches best first'),
    spaces: arrayOf(obj({
      spaceId: str, name: str, items: { ...int, description: 'Its open items considered' },
      across: { type: 'boolean', description: 'Another organisation\'s space, shared with this peer for matching' },
    }), 'The spaces whose items were considered: this one, and with `across` each one shared for matching'),
    needs: { ...int, description: 'Needs considered' }, offers: { ...int, description: 'Offers, tools, facilities and skills considered' },
    minScore: { ...score, description: 'The threshold a match had to reach' }, computedAt: date,
  }),
  GapsResult: obj({
    unmetNeeds: arrayOf(obj({ need: ref('InsightItem'), ageDays: num, bestScore: score })),
    unusedOffers: arrayOf(obj({ offer: ref('InsightItem'), ageDays: num, reason: str })),
    expiringSoon: arrayOf(obj({ item: ref('InsightItem'), expiresAt: date, inDays: num }), 'Open offers and needs expiring within 7 days'),
    isolatedNodes: arrayOf(obj({ id: str, label: str, type: str }), 'Map nodes with no edge'),
    bookingConflicts: arrayOf(obj({
      resource: obj({ id: str, title: str }),
      bookings: arrayOf(obj({ id: str, from: date, to: date, by: str, byName: nullable('string') })),
    })),
    rules: { ...obj({ minScore: score, unmetAfterDays: int, unusedAfterDays: int, expiringWithinDays: int }), description: 'The rules the report counted by' },
    unavailable: unavailable('Parts of the space the caller may not read: their lists (bookings: booking conflicts, and tools and facilities among unused offers; map: isolated nodes) are not known, not empty'),
    computedAt: date,
  }),
  SuggestResult: obj({
    suggestions: arrayOf(obj({ a: end, b: end, score, reasons: strings }), 'Pairs not linked yet, best first'),
    computedAt: date,
  }),
  HealthFigures: figures,
  HealthResult: obj({
    figures: ref('HealthFigures'),
    previous: {
      oneOf: [obj({ at: date, figures: ref('HealthFigures') }), { type: 'null' }],
      description: 'The newest snapshot kept on this peer before this answer; null the first time',
    },
    change: {
      type: 'object', additionalProperties: num,
      description: 'Each numeric figure\'s change since `previous` (empty when there is none)',
    },
    history: arrayOf(obj({ at: date, figures: ref('HealthFigures') }), 'The snapshots kept on this peer, oldest first'),
    snapshotEveryMinutes: { ...nullable('integer'), description: 'How often a new snapshot is kept, in minutes; null when this answer keeps none (an agent\'s)' },
    unavailable: unavailable('Parts of the space the caller may not read: the figures that depend on them are null'),
    computedAt: date,
  }),
}
