/**
 * Coordination intelligence through the API (DESIGN.md "Coordination intelligence"): need–offer
 * matching within a space and, with `across`, against spaces that shared their offers with this
 * peer for `matching`; gap reports; relationship suggestions; ecosystem health. Everything is
 * computed on this peer, only over documents it may read, and every figure says why.
 */
import type { Did, SpaceId } from '../ids.ts'
import type { ResourceKind } from '../schemas/resource.ts'

export interface MatchInput {
  spaceId: SpaceId
  /** One need (id, a unique start of one); every open need of the space when not given. */
  needId?: string
  /** Also match against the offers of spaces this peer holds a `matching` grant for (owner only). */
  across?: boolean
  /** At most this many matches per need (default 5). */
  perNeed?: number
  /** Only matches scoring at least this (0..1; default the engine's threshold). */
  minScore?: number
}

/** What one part of the score came from, in words a member can check. */
export interface MatchReason {
  /** tags | words | location | availability | quantity | expiry | kind */
  kind: 'tags' | 'words' | 'location' | 'availability' | 'quantity' | 'expiry' | 'kind'
  /** Its share of the score (the parts add up to `score`). */
  points: number
  /** e.g. `shares the tags "seeds", "garden"`, `both in Lisbon`, `expires in 2 days`. */
  detail: string
}

/** A resource as a match names it: enough to show and to open it, with the names behind its keys. */
export interface InsightItem {
  id: string
  spaceId: SpaceId
  kind: ResourceKind
  title: string
  tags: string[]
  owner: Did | string
  ownerName: string | null
  location: string | null
  expiresAt: string | null
  createdAt: string
}

export interface SpaceRef { spaceId: SpaceId; name: string }

export interface Match {
  need: InsightItem
  /** The offer, tool, facility or skill that could meet it. */
  offer: InsightItem
  /** The space the offer comes from (another organisation's for a match across). */
  space: SpaceRef
  /** 0..1, rounded to 3 decimals; equal inputs give equal scores on every peer. */
  score: number
  reasons: MatchReason[]
}

export interface MatchResult {
  matches: Match[]
  /** The spaces whose items were considered: this one, and with `across` each one shared for matching. */
  spaces: Array<SpaceRef & { items: number; across: boolean }>
  /** Needs considered. */
  needs: number
  /** Offers (tools, facilities, skills) considered. */
  offers: number
  /** The threshold a match had to reach. */
  minScore: number
  computedAt: string
}

export interface GapsInput {
  spaceId: SpaceId
  /** A need counts as unmet once it is this many days old with no match above the threshold (default 7). */
  unmetAfterDays?: number
  /** An offer counts as unused once it is this many days old, matched by no open need and (tools, facilities) not booked (default 14). */
  unusedAfterDays?: number
}

/**
 * A part of a space an insight reads: one of its collections, or `members` (the roster). One the
 * caller may not read is listed in an answer's `unavailable`: what depends on it is null or not
 * shown, never "none".
 */
export type InsightPart = 'resources' | 'bookings' | 'decisions' | 'map' | 'members'

export interface UnmetNeed { need: InsightItem; ageDays: number; bestScore: number }
export interface UnusedOffer { offer: InsightItem; ageDays: number; reason: string }
export interface ExpiringItem { item: InsightItem; expiresAt: string; inDays: number }
export interface IsolatedNode { id: string; label: string; type: string }
export interface BookingConflict {
  resource: { id: string; title: string }
  bookings: Array<{ id: string; from: string; to: string; by: Did | string; byName: string | null }>
}

export interface GapsResult {
  unmetNeeds: UnmetNeed[]
  unusedOffers: UnusedOffer[]
  /** Open offers and needs expiring within 7 days. */
  expiringSoon: ExpiringItem[]
  isolatedNodes: IsolatedNode[]
  bookingConflicts: BookingConflict[]
  /** The rules used, so the report says what it counted. */
  rules: { minScore: number; unmetAfterDays: number; unusedAfterDays: number; expiringWithinDays: number }
  /**
   * Parts the caller may not read (an agent's grant names only some collections): their sections
   * are empty because they were not read, not because there is nothing (`bookings`: booking
   * conflicts, and whether a tool or facility was booked; `map`: isolated nodes).
   */
  unavailable: InsightPart[]
  computedAt: string
}

export interface SuggestInput { spaceId: SpaceId; limit?: number }

export interface SuggestionEnd {
  kind: 'node' | 'member'
  /** A map node's id, or a member's did. */
  id: string
  label: string
}

export interface Suggestion {
  a: SuggestionEnd
  b: SuggestionEnd
  /** 0..1 */
  score: number
  reasons: string[]
}

export interface SuggestResult { suggestions: Suggestion[]; computedAt: string }

export interface HealthInput { spaceId: SpaceId }

/**
 * The figures a network weaver reads; null where the space holds nothing to compute one from, or
 * where the caller may not read a part it depends on (listed in HealthResult.unavailable).
 */
export interface HealthFigures {
  /** null: the roster cannot be read (an agent's, a guest's). */
  members: number | null
  /** Members who added, changed, booked, proposed, took a stance or edited a page in the last 30 days. */
  activeMembers: number | null
  needs: number | null
  /** Share (0..1) of needs matched or closed. */
  needsMet: number | null
  /** Offers, tools and facilities (skills are not counted: they are not used up). */
  offers: number | null
  /** Share (0..1) of offers, tools and facilities matched, closed or booked. */
  offersUsed: number | null
  mapNodes: number | null
  mapEdges: number | null
  density: number | null
  /** Average local clustering coefficient of the map (undirected). */
  clustering: number | null
  communities: number | null
  /** Nodes whose edges reach into more than one community. */
  bridges: Array<{ id: string; label: string; communities: number }>
}

export interface HealthSnapshot { at: string; figures: HealthFigures }

export interface HealthResult {
  figures: HealthFigures
  /** The snapshot compared against: the latest kept before this one; null the first time. */
  previous: HealthSnapshot | null
  /** Each numeric figure's change since `previous` (absent when there is none). */
  change: Partial<Record<keyof HealthFigures, number>>
  /** Snapshots kept locally, oldest first (the trend). */
  history: HealthSnapshot[]
  /** How often a new snapshot is kept (minutes); null when this answer keeps none (an agent's). */
  snapshotEveryMinutes: number | null
  /** Parts the caller may not read: the figures that depend on them are null. */
  unavailable: InsightPart[]
  computedAt: string
}

export interface InsightApi {
  /** Each open need of a space against open offers, tools, facilities and skills, ranked, with reasons. */
  match(input: MatchInput): Promise<MatchResult>
  gaps(input: GapsInput): Promise<GapsResult>
  suggest(input: SuggestInput): Promise<SuggestResult>
  /** The figures now, and how each moved since the last snapshot kept here. */
  health(input: HealthInput): Promise<HealthResult>
}
