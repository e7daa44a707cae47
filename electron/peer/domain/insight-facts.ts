/**
 * The facts of a space the gap, suggestion and health reports read, besides its resources
 * (the worker holds those): bookings, the map, the members, and when each member last did
 * something. Each part comes only from a collection the caller may read; a part it may not
 * read is empty (bookings) or null (map, members), and adds nothing to `lastActive`.
 *
 * `lastActive` per did: the latest of resources they own (their `updatedAt`, added in the
 * worker), bookings made or cancelled, proposals written, stances cast, outcomes recorded, map
 * nodes and edges made. Pages are documents of their own and are not read for it.
 */
import { bookings as bookingsCollection } from '../../../shared/collections/bookings.ts'
import { decisions as decisionsCollection } from '../../../shared/collections/decisions.ts'
import { map as mapCollection } from '../../../shared/collections/map.ts'
import { resources as resourcesCollection } from '../../../shared/collections/resources.ts'
import type { InsightBooking, InsightGraph, InsightMember } from '../../../shared/insight/contract.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { BookingStatus, type Booking } from '../../../shared/schemas/booking.ts'
import type { DecisionItem } from '../../../shared/schemas/decision.ts'
import type { CollectionStore } from './collection-store.ts'
import type { FactsWithoutResources } from './insight-protocol.ts'
import type { MapState } from './map-state.ts'

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
  const bookings: InsightBooking[] = []
  if (a.mayRead(bookingsCollection.name)) {
    for (const b of (await d.store.list<Booking>(spaceId, bookingsCollection.name)).items) {
      active.saw(b.by, b.createdAt)
      if (b.cancelledBy !== undefined) active.saw(b.cancelledBy, b.cancelledAt)
      bookings.push({ id: b.id, resource: b.resource, from: b.from, to: b.to, by: b.by, byName: d.nameOf(spaceId, b.by), cancelled: b.status === BookingStatus.Cancelled })
    }
  }
  if (a.mayRead(decisionsCollection.name)) {
    for (const item of (await d.store.list<DecisionItem>(spaceId, decisionsCollection.name)).items) {
      if (item.type === 'proposal') active.saw(item.author, item.createdAt)
      else if (item.type === 'stance') active.saw(item.voter, item.castAt)
      else active.saw(item.by, item.closedAt)
    }
  }
  let graph: InsightGraph | null = null
  if (a.mayRead(mapCollection.name)) {
    const { snapshot } = await d.mapState(spaceId)
    for (const item of [...snapshot.nodes, ...snapshot.edges]) if (item.createdBy !== undefined) active.saw(item.createdBy, item.createdAt)
    graph = {
      nodes: snapshot.nodes.map((n) => ({ id: n.id, label: n.label, type: n.type, tags: n.tags })),
      edges: snapshot.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, direction: e.direction })),
    }
  }
  return {
    spaceId, now: a.now, bookings, graph, members: a.members, lastActive: active.byDid,
    withResources: a.mayRead(resourcesCollection.name),
  }
}

class Activity {
  readonly byDid: Record<string, number> = {}

  saw(did: string, at: string | undefined): void {
    const t = at === undefined ? NaN : Date.parse(at)
    if (Number.isFinite(t) && t > (this.byDid[did] ?? -Infinity)) this.byDid[did] = t
  }
}
