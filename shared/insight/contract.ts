/**
 * What the peer hands the insight engine, and what the engine answers (shared/insight/*.ts are
 * pure functions over these; the peer runs them in a worker and keeps their inputs up to date).
 *
 * Rules every part keeps:
 * - deterministic: the same inputs (and `now`) give the same output on every peer, in the same
 *   order (ties broken by createdAt, then id);
 * - a pair's match score depends on the pair and `now` only, never on the rest of the corpus,
 *   so an index finds exactly what scoring all pairs finds, and a match across spaces scores
 *   as it would at home;
 * - every point of a score is named in its reasons.
 */
import type { SpaceId } from '../ids.ts'
import type { HealthFigures, InsightPart, MatchReason } from '../api/insight-api.ts'
import type { ResourceKind, ResourceStatus } from '../schemas/resource.ts'
import type { NodeType, EdgeDirection } from '../schemas/map.ts'

/** A resource as the engine reads it (the stored item, minus what matching never looks at). */
export interface InsightResource {
  id: string
  spaceId: SpaceId
  kind: ResourceKind
  status: ResourceStatus
  title: string
  description: string
  tags: string[]
  owner: string
  ownerName: string | null
  quantity?: number
  location?: string
  coordinates?: { lat: number; lon: number }
  availability?: string
  expiresAt?: string
  createdAt: string
  updatedAt: string
}

export interface ScoredMatch {
  offer: InsightResource
  /** 0..1, rounded to 3 decimals. */
  score: number
  reasons: MatchReason[]
}

export interface MatchOptions {
  /** ms since the epoch: what counts as expired, and how soon "soon" is. */
  now: number
  /** At most this many matches per need. */
  perNeed: number
  /** Only matches scoring at least this. */
  minScore: number
}

/**
 * Open offers, tools, facilities and skills of one space, indexed so that a need is scored only
 * against those that share something with it (a tag or a word), never against all of them.
 * Kept up to date item by item; an item that is not open, or has expired, is never matched.
 */
export interface MatchIndex {
  /** Adds or replaces an item (any kind: needs are kept too, for `openNeeds`). */
  upsert(item: InsightResource): void
  remove(id: string): void
  readonly size: number
  get(id: string): InsightResource | undefined
  /** The open, unexpired needs, oldest first. */
  openNeeds(now: number): InsightResource[]
  /** The open, unexpired offers, tools, facilities and skills. */
  openOffers(now: number): InsightResource[]
  /** Matches for `need` among this index's offers, best first. */
  matchesFor(need: InsightResource, opts: MatchOptions): ScoredMatch[]
}

/** A booking, as the gap report reads it. */
export interface InsightBooking {
  id: string
  resource: string
  from: string
  to: string
  by: string
  byName: string | null
  cancelled: boolean
}

/** The map as the insight engine reads it: live nodes and edges only. */
export interface InsightGraph {
  nodes: Array<{ id: string; label: string; type: NodeType; tags: string[] }>
  edges: Array<{ id: string; from: string; to: string; direction: EdgeDirection }>
}

export interface InsightMember { did: string; name: string | null }

/** Everything about one space the reports read, as of `now`. */
export interface SpaceFacts {
  spaceId: SpaceId
  now: number
  resources: InsightResource[]
  bookings: InsightBooking[]
  /** null when this peer may not read the map. */
  graph: InsightGraph | null
  /** null when this peer may not read the roster. */
  members: InsightMember[] | null
  /** Per member did, the last time (ms) they added or changed anything this peer may read. */
  lastActive: Record<string, number>
  /** The parts the caller may not read: what depends on one is null or not shown, never counted as none. */
  unavailable: InsightPart[]
}

/** The gap report's tunables, each stated in its answer. */
export interface GapRules {
  minScore: number
  unmetAfterDays: number
  unusedAfterDays: number
  expiringWithinDays: number
}

export type { HealthFigures, InsightPart }
