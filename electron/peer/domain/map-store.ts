/**
 * A space's ecosystem map on the generic collection store: nodes and edges of the one `map`
 * collection, told apart by `kind`. What is particular to the map is here: naming a node by
 * id, id prefix or label; an edge only between live nodes; deleting a node deletes its edges;
 * an import written whole or not at all; and the map read once per change, not per call.
 *
 * Invariants:
 * - what is shown (`snapshot`) has no tombstone and no edge whose end is not a live node;
 * - the map is read from its shards once per change (a `collection:changed` for `map` drops the
 *   space's copy and moves its `version` on), so a large map costs one read per change, not
 *   one per call;
 * - every write is acknowledged only once on disk (the collection store's queue); a node's
 *   deletion and its edges' go in the same batch;
 * - `write` checks every item before writing any (map-write-check.ts).
 */
import { randomUUID } from 'node:crypto'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { map } from '../../../shared/collections/map.ts'
import type { MapAccess, MapSnapshot, MapWrite } from '../../../shared/map/contract.ts'
import {
  AddEdgeInputSchema, AddNodeInputSchema, EdgeDirection, EditNodeInputSchema,
  type MapEdge, type MapItem, type MapNode,
} from '../../../shared/schemas/map.ts'
import { runInSlices } from '../../../shared/map/formats/steps.ts'
import { validated } from '../../../shared/validate.ts'
import type { CollectionStore } from './collection-store.ts'
import type { ItemChange } from './live-collection.ts'
import { named, resolveNode } from './map-names.ts'
import { mapState, type MapState } from './map-state.ts'
import { pauseTurn } from './map-import.ts'
import { attributesFit, changedFields, checkWriteSteps, mergeAttributes } from './map-write-check.ts'

export interface MapStoreDeps {
  store: Pick<CollectionStore, 'list' | 'get' | 'put' | 'update' | 'tombstone'>
  /** Whether this peer may write a space's map (its own grants). */
  mayWrite: (spaceId: SpaceId) => boolean
  /** Whether this peer may read it. */
  mayRead: (spaceId: SpaceId) => boolean
  /** Whether this peer holds the space (one it left answers SPACE_NOT_FOUND, not its last map). */
  holds: (spaceId: SpaceId) => boolean
  me: Did
  now: () => number
}

const MAP = map.name

export class MapStore {
  readonly #d: MapStoreDeps
  /** The version of each space's map: moved on by every change. */
  readonly #versions = new Map<SpaceId, number>()
  #seq = 0
  readonly #cache = new Map<SpaceId, MapState>()
  readonly #reads = new Map<SpaceId, Promise<MapState>>()

  constructor(deps: MapStoreDeps) {
    this.#d = deps
  }

  /** A `collection:changed` event: a change of a space's map drops its copy. */
  changed(change: ItemChange): void {
    if (change.collection !== MAP) return
    this.#versions.set(change.spaceId, ++this.#seq)
    this.#cache.delete(change.spaceId)
    this.#reads.delete(change.spaceId)
  }

  /** A number that changes whenever the space's map changes (what the metrics are kept by). */
  version(spaceId: SpaceId): number {
    return this.#versions.get(spaceId) ?? 0
  }

  /** The map as read at its current version (read again only after it changed). */
  async state(spaceId: SpaceId): Promise<MapState> {
    const cached = this.#cache.get(spaceId)
    if (cached && cached.version === this.version(spaceId) && this.#d.holds(spaceId)) return cached
    let read = this.#reads.get(spaceId)
    if (!read) {
      const version = this.version(spaceId)
      read = this.#d.store.list<MapItem>(spaceId, MAP, { includeDeleted: true }).then((page) => {
        const state = mapState(page.items, page.syncing, version)
        // A change during the read leaves the copy stale: it is not kept.
        if (this.version(spaceId) === version) this.#cache.set(spaceId, state)
        return state
      }).finally(() => { if (this.#reads.get(spaceId) === read) this.#reads.delete(spaceId) })
      this.#reads.set(spaceId, read)
    }
    return read
  }

  /** The live nodes and edges. */
  async snapshot(spaceId: SpaceId): Promise<MapSnapshot & { syncing: number }> {
    const s = await this.state(spaceId)
    return { ...s.snapshot, syncing: s.syncing }
  }

  /** The live node named by id, id prefix or unique label. */
  async node(spaceId: SpaceId, ref: string): Promise<MapNode> {
    return resolveNode(await this.state(spaceId), ref)
  }

  async addNode(spaceId: SpaceId, input: unknown, by: Did = this.#d.me): Promise<MapNode> {
    await this.#writable(spaceId)
    const data = validated(AddNodeInputSchema, input)
    const at = this.#at()
    const node: MapNode = {
      id: randomUUID(), kind: 'node', type: data.type, label: data.label,
      description: data.description ?? '', tags: [...new Set(data.tags ?? [])], attributes: data.attributes ?? {},
      ...(data.url !== undefined ? { url: data.url } : {}),
      ...(data.resources !== undefined ? { resources: [...new Set(data.resources)] } : {}),
      createdAt: at, updatedAt: at, createdBy: by,
    }
    return this.#d.store.put(spaceId, MAP, node)
  }

  /** Changes only the fields given; attributes merge key by key (null removes one), a null url is cleared. */
  async editNode(spaceId: SpaceId, ref: string, input: unknown): Promise<MapNode> {
    const state = await this.#writable(spaceId)
    const data = validated(EditNodeInputSchema, input)
    if (Object.keys(data).length === 0) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, 'Nothing to change: give at least one field (type, label, description, tags, url, attributes, resources).')
    }
    const current = resolveNode(state, ref)
    const { attributes, url, tags, resources, ...fields } = data
    const next: MapNode = { ...current, ...fields }
    if (tags !== undefined) next.tags = [...new Set(tags)]
    if (resources !== undefined) next.resources = [...new Set(resources)]
    if (url === null) delete next.url
    else if (url !== undefined) next.url = url
    if (attributes !== undefined) {
      next.attributes = mergeAttributes(current.attributes, attributes)
      attributesFit(next.attributes)
    }
    const patch = changedFields(current, next)
    if (Object.keys(patch).length === 0) return current
    return this.#d.store.update<MapNode>(spaceId, MAP, current.id, patch, (n) => this.#stillNode(n))
  }

  /** Deletes a node and every edge touching it: tombstones, written in one batch. */
  async deleteNode(spaceId: SpaceId, ref: string): Promise<{ deleted: true; id: string; edges: number }> {
    const node = resolveNode(await this.#writable(spaceId), ref)
    // Every live edge touching it, shown or not (one whose other end is gone too).
    const edges = (await this.#d.store.list<MapEdge>(spaceId, MAP, { where: (i) => i.kind === 'edge' && (i.from === node.id || i.to === node.id) })).items
    await Promise.all([
      this.#d.store.tombstone<MapNode>(spaceId, MAP, node.id, (n) => this.#stillNode(n)),
      ...edges.map((e) => this.#d.store.tombstone(spaceId, MAP, e.id)),
    ])
    return { deleted: true, id: node.id, edges: edges.length }
  }

  /** Links two live nodes, each named by id, id prefix or unique label; directed unless said otherwise. */
  async addEdge(spaceId: SpaceId, input: unknown, by: Did = this.#d.me): Promise<MapEdge> {
    const state = await this.#writable(spaceId)
    const data = validated(AddEdgeInputSchema, input)
    const from = resolveNode(state, data.from, 'from')
    const to = resolveNode(state, data.to, 'to')
    if (from.id === to.id) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `An edge links two different nodes: from and to both name ${named(from)}.`)
    }
    const direction = data.direction ?? EdgeDirection.Directed
    // The same link twice would count twice in every figure (an import never makes one either).
    const same = state.snapshot.edges.find((e) => e.type.toLowerCase() === data.type.toLowerCase() &&
      ((e.from === from.id && e.to === to.id) || (e.direction !== EdgeDirection.Directed && direction !== EdgeDirection.Directed && e.from === to.id && e.to === from.id)))
    if (same) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `${named(from)} and ${named(to)} are already linked as "${same.type}" (edge ${same.id.slice(0, 8)}): change that edge, or give this one another type.`)
    }
    const at = this.#at()
    const edge: MapEdge = {
      id: randomUUID(), kind: 'edge', from: from.id, to: to.id, type: data.type,
      direction,
      description: data.description ?? '', tags: [...new Set(data.tags ?? [])], attributes: data.attributes ?? {},
      ...(data.label !== undefined ? { label: data.label } : {}),
      createdAt: at, updatedAt: at, createdBy: by,
    }
    return this.#d.store.put(spaceId, MAP, edge)
  }

  /** Deletes an edge named by id or id prefix. */
  async deleteEdge(spaceId: SpaceId, ref: string): Promise<{ deleted: true; id: string }> {
    await this.#writable(spaceId)
    const item = await this.#d.store.get<MapItem>(spaceId, MAP, ref.trim())
    if (item.kind !== 'edge') {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `${item.id} is a node (${named(item)}), not an edge: "commonweave map delete-node" deletes a node and its edges.`)
    }
    await this.#d.store.tombstone(spaceId, MAP, item.id)
    return { deleted: true, id: item.id }
  }

  /** Writes a whole import: every item checked first; one problem and nothing is written. */
  async write(spaceId: SpaceId, w: MapWrite, _by: Did = this.#d.me): Promise<void> {
    // In slices: checking thousands of items at once would hold the event loop for hundreds of ms.
    const checked = await runInSlices(checkWriteSteps(await this.#writable(spaceId), w, this.#at()), pauseTurn)
    // Queued in one turn, so the collection store writes them as one batch (or a few, for a large import).
    await Promise.all([
      ...checked.nodes.map((n) => this.#d.store.put(spaceId, MAP, n)),
      ...checked.edges.map((e) => this.#d.store.put(spaceId, MAP, e)),
      ...checked.updates.map((u) => this.#d.store.update<MapNode>(spaceId, MAP, u.id, u.patch)),
    ])
  }

  /** Tombstones edges (the repair of edges to deleted nodes). */
  async tombstoneEdges(spaceId: SpaceId, ids: readonly string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.#d.store.tombstone(spaceId, MAP, id)))
  }

  /** What an import or export needs of one space's map, its current state read. */
  async access(spaceId: SpaceId, by: Did = this.#d.me): Promise<MapAccess> {
    let current = (await this.state(spaceId)).snapshot
    return {
      snapshot: () => current,
      write: async (w) => {
        await this.write(spaceId, w, by)
        current = (await this.state(spaceId)).snapshot
      },
      newId: () => randomUUID(),
      now: () => this.#at(),
      by,
    }
  }

  mayWrite(spaceId: SpaceId): boolean {
    return this.#d.mayWrite(spaceId)
  }

  /** The map's state, once it is known this peer may write it (FORBIDDEN in words otherwise). */
  async #writable(spaceId: SpaceId): Promise<MapState> {
    const state = await this.state(spaceId)
    if (this.#d.mayWrite(spaceId)) return state
    throw new CommonweaveError(ErrorCode.Forbidden, this.#d.mayRead(spaceId)
      ? 'You may read this space\'s map but not change it: its members would drop the change. Ask a member for a write grant on "map".'
      : 'You may not change this space\'s map. Ask a member for a write grant on "map".')
  }

  /** A guard: the item to change is still a node (an id prefix could name an edge). */
  #stillNode(n: MapNode): void {
    if (n.kind !== 'node') throw new CommonweaveError(ErrorCode.ValidationFailed, `${n.id} is an edge, not a node.`)
  }

  #at(): string {
    return new Date(this.#d.now()).toISOString()
  }
}
