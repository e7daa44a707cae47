/**
 * The facts of a space the gap, suggestion and health reports read, besides its resources
 * (the worker holds those): bookings, the map, the members, and when each member last did
 * something. Each part comes only from a collection the caller may read; a part it may not
 * read is listed in `unavailable` (its bookings empty, its map or members null), and adds
 * nothing to `lastActive`: the reports show what depends on it as not known, never as none.
 *
 * `lastActive` per did: the latest of resources they own (their `updatedAt`, added in the
 * worker), bookings made or cancelled, proposals written, stances cast, outcomes recorded, map
 * nodes and edges made. Pages are documents of their own and are not read for it.
 *
 * Items are gone through a slice per turn of the event loop: a space of tens of thousands of
 * bookings and decisions never holds the peer's event loop for long.
 */
import type { InsightPart } from '../../../shared/api/insight-api.ts'
import { bookings as bookingsCollection } from '../../../shared/collections/bookings.ts'
import { decisions as decisionsCollection } from '../../../shared/collections/decisions.ts'
import type { InsightBooking, InsightGraph, InsightMember } from '../../../shared/insight/contract.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { BookingStatus, type Booking } from '../../../shared/schemas/booking.ts'
import type { DecisionItem } from '../../../shared/schemas/decision.ts'
import type { CollectionStore } from './collection-store.ts'
import { nextTurn } from './durable-change.ts'
import type { FactsWithoutResources } from './insight-protocol.ts'
import type { MapState } from './map-state.ts'

/** Items gone through per turn of the event loop: a millisecond or two. */
export const FACTS_SLICE = 1000

export interface FactsDeps {
  store: Pick<CollectionStore, 'list'>
  /** The map as last read (map-store.ts keeps it until it changes). */
  mapState: (spaceId: SpaceId) => Promise<MapState>
  nameOf: (spaceId: SpaceId, did: string) => string | null
}

export interface FactsAsked {
  spaceId: SpaceId
  now: number
  /** Whether the caller may read this collection of the space. */
  mayRead: (collection: string) => boolean
  /** The roster, or null where the caller may not see it. */
  members: InsightMember[] | null
}

export async function gatherFacts(d: FactsDeps, a: FactsAsked): Promise<FactsWithoutResources> {
  const { spaceId } = a
  const active = new Activity()
  const unavailable: InsightPart[] = []
  /** Whether the caller may read a collection; one it may not is listed in `unavailable`. */
  const readable = (part: InsightPart & string): boolean => {
    const may = a.mayRead(part)
    if (!may) unavailable.push(part)
    return may
  }
  const withResources = readable('resources')
  const bookings: InsightBooking[] = []
  if (readable('bookings')) {
    await inSlices((await d.store.list<Booking>(spaceId, bookingsCollection.name)).items, (b) => {
      active.saw(b.by, b.createdAt)
      if (b.cancelledBy !== undefined) active.saw(b.cancelledBy, b.cancelledAt)
      bookings.push({ id: b.id, resource: b.resource, from: b.from, to: b.to, by: b.by, byName: d.nameOf(spaceId, b.by), cancelled: b.status === BookingStatus.Cancelled })
    })
  }
  if (readable('decisions')) {
    await inSlices((await d.store.list<DecisionItem>(spaceId, decisionsCollection.name)).items, (item) => {
      if (item.type === 'proposal') active.saw(item.author, item.createdAt)
      else if (item.type === 'stance') active.saw(item.voter, item.castAt)
      else active.saw(item.by, item.closedAt)
    })
  }
  let graph: InsightGraph | null = null
  if (readable('map')) {
    const { snapshot } = await d.mapState(spaceId)
    graph = { nodes: [], edges: [] }
    const g = graph
    await inSlices(snapshot.nodes, (n) => {
      if (n.createdBy !== undefined) active.saw(n.createdBy, n.createdAt)
      g.nodes.push({ id: n.id, label: n.label, type: n.type, tags: n.tags })
    })
    await inSlices(snapshot.edges, (e) => {
      if (e.createdBy !== undefined) active.saw(e.createdBy, e.createdAt)
      g.edges.push({ id: e.id, from: e.from, to: e.to, direction: e.direction })
    })
  }
  if (a.members === null) unavailable.push('members')
  return { spaceId, now: a.now, bookings, graph, members: a.members, lastActive: active.byDid, unavailable, withResources }
}

/** `f` for each item, a slice per turn of the event loop. */
async function inSlices<T>(items: readonly T[], f: (item: T) => void): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % FACTS_SLICE === 0) await nextTurn()
    f(items[i]!)
  }
}

class Activity {
  readonly byDid: Record<string, number> = {}

  saw(did: string, at: string | undefined): void {
    const t = at === undefined ? NaN : Date.parse(at)
    if (Number.isFinite(t) && t > (this.byDid[did] ?? -Infinity)) this.byDid[did] = t
  }
}
