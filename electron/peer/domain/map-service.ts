/**
 * The ecosystem map as one part of the peer: its store, the repair of edges to deleted nodes,
 * and the answers the API gives (names instead of keys, what this peer may do, a node's linked
 * resources and figures). create-peer.ts builds one and hands it the peer's events.
 */
import { randomBytes } from 'node:crypto'
import type { MapGraphView, MapMetrics, MapNodeDetail, MapNodeView, MapView, MapEdgeView } from '../../../shared/api/map-api.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { map } from '../../../shared/collections/map.ts'
import { resources as resourcesCollection } from '../../../shared/collections/resources.ts'
import type { MetricsGraph } from '../../../shared/map/contract.ts'
import type { MapEdge, MapNode } from '../../../shared/schemas/map.ts'
import type { Resource } from '../../../shared/schemas/resource.ts'
import type { Consent } from '../consent/consent.ts'
import type { Logger } from '../log.ts'
import type { CollectionStore } from './collection-store.ts'
import type { ItemChange } from './live-collection.ts'
import { resolveNode } from './map-names.ts'
import { MapRepair } from './map-repair.ts'
import { MapStore } from './map-store.ts'
import { edgeView, nodeView } from './map-views.ts'

/** The figures of a map already computed for its current version (the metrics service's `peek`). */
export interface MetricsPeek {
  peek(spaceId: SpaceId, version: number): MapMetrics | null
}

export interface MapServiceDeps {
  store: CollectionStore
  consent: Pick<Consent, 'allowsCollection' | 'spaces'>
  me: Did
  now: () => number
  nameOf: (spaceId: SpaceId, did: string) => string | null
  log: Logger
  /** Follows `collection:changed`; returns how to stop. */
  follow: (listener: (change: ItemChange) => void) => () => void
  repairDelayMs?: number
}

export class MapService {
  readonly store: MapStore
  readonly #d: MapServiceDeps
  readonly #repair: MapRepair
  readonly #off: () => void
  #metrics: MetricsPeek = { peek: () => null }
  readonly #epoch = randomBytes(4).toString('hex')

  constructor(deps: MapServiceDeps) {
    this.#d = deps
    const may = (mode: 'read' | 'write') => (spaceId: SpaceId): boolean => deps.consent.allowsCollection(deps.me, mode, spaceId, map.name)
    this.store = new MapStore({ store: deps.store, mayWrite: may('write'), mayRead: may('read'), holds: (spaceId) => deps.consent.spaces.has(spaceId), me: deps.me, now: deps.now })
    this.#repair = new MapRepair({
      state: (spaceId) => this.store.state(spaceId), mayWrite: may('write'), log: deps.log,
      tombstone: (spaceId, ids) => this.store.tombstoneEdges(spaceId, ids),
      ...(deps.repairDelayMs !== undefined ? { delayMs: deps.repairDelayMs } : {}),
    })
    this.#off = deps.follow((change) => {
      if (change.collection !== map.name) return
      this.store.changed(change)
      this.#repair.changed(change.spaceId)
    })
  }

  /** Where a node's figures come from once the metrics service is built. */
  useMetrics(metrics: MetricsPeek): void {
    this.#metrics = metrics
  }

  async stop(): Promise<void> {
    this.#off()
    await this.#repair.stop()
  }

  /** `mayWrite`: whether the caller may write the map (the owner: whether this peer may). */
  async view(spaceId: SpaceId, mayWrite = this.store.mayWrite(spaceId)): Promise<MapView> {
    const s = await this.store.state(spaceId)
    const labelOf = (id: string): string | undefined => s.live.get(id)?.label
    return {
      nodes: s.snapshot.nodes.map((n) => this.nodeView(spaceId, n)),
      edges: s.snapshot.edges.map((e) => edgeView(e, labelOf)),
      syncing: s.syncing,
      may: { write: mayWrite },
    }
  }

  /** The map as the canvas draws it; `unchanged` when the caller holds it at `since` already. */
  async drawing(spaceId: SpaceId, since: string | undefined, mayWrite = this.store.mayWrite(spaceId)): Promise<MapGraphView> {
    const s = await this.store.state(spaceId)
    // The epoch tells this run of the peer from an earlier one, whose numbers started again at 0.
    const version = `${this.#epoch}.${s.version}`
    const base = { version, syncing: s.syncing, may: { write: mayWrite } }
    if (since === version) return { ...base, unchanged: true, nodes: [], edges: [] }
    return {
      ...base,
      nodes: s.snapshot.nodes.map((n) => ({ id: n.id, type: n.type, label: n.label, tags: n.tags })),
      edges: s.snapshot.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, type: e.type, direction: e.direction })),
    }
  }

  /**
   * One node in full. `mayRead` says whether the caller may read a document: a linked resource
   * it may not read, or that this peer does not hold (or that was deleted), is left out.
   */
  async detail(spaceId: SpaceId, ref: string, mayRead: (docId: string) => boolean, mayWrite = this.store.mayWrite(spaceId)): Promise<MapNodeDetail> {
    const s = await this.store.state(spaceId)
    const node = resolveNode(s, ref)
    const labelOf = (id: string): string | undefined => s.live.get(id)?.label
    const edges = s.snapshot.edges.filter((e) => e.from === node.id || e.to === node.id).map((e) => edgeView(e, labelOf))
    const figures = this.#metrics.peek(spaceId, s.version)?.nodes.find((m) => m.id === node.id) ?? null
    return {
      ...this.nodeView(spaceId, node), spaceId, edges, metrics: figures,
      linkedResources: await this.#linked(spaceId, node.resources ?? [], mayRead),
      may: { edit: mayWrite, delete: mayWrite },
    }
  }

  /** The graph the metrics are computed on, at the map's current version. */
  async graph(spaceId: SpaceId): Promise<{ version: number; graph: MetricsGraph }> {
    const s = await this.store.state(spaceId)
    return {
      version: s.version,
      graph: {
        nodes: s.snapshot.nodes.map((n) => ({ id: n.id, label: n.label })),
        edges: s.snapshot.edges.map((e) => ({ from: e.from, to: e.to, direction: e.direction })),
      },
    }
  }

  nodeView(spaceId: SpaceId, n: MapNode): MapNodeView {
    return nodeView(n, (did) => this.#d.nameOf(spaceId, did))
  }

  /** An edge as shown, with the labels of its ends as they are now. */
  async edgeView(spaceId: SpaceId, e: MapEdge): Promise<MapEdgeView> {
    const s = await this.store.state(spaceId)
    return edgeView(e, (id) => s.live.get(id)?.label)
  }

  async #linked(spaceId: SpaceId, ids: readonly string[], mayRead: (docId: string) => boolean): Promise<MapNodeDetail['linkedResources']> {
    if (ids.length === 0) return []
    try {
      const found = await this.#d.store.located<Resource>(spaceId, resourcesCollection.name, ids)
      return found.filter(({ item, shard }) => !item.deleted && mayRead(shard))
        .map(({ item }) => ({ id: item.id, kind: item.kind, title: item.title, status: item.status }))
    } catch (err) {
      // Resources this peer cannot open are resources it does not hold.
      this.#d.log.debug('could not read a node\'s linked resources', { spaceId, error: String(err) })
      return []
    }
  }
}
