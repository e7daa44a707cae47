/**
 * Keeps the insight worker's indexes up to date with the resources this peer holds.
 *
 * - A space is loaded at its first query (a peer whose insights are never asked for pays
 *   nothing), in slices of a few hundred items with a turn of the event loop between them, so
 *   loading thousands never stalls the peer.
 * - Once loaded, only what changes is sent: the ids of `collection:changed` are read again and
 *   go out as upserts, or as removes for deleted items; a change during the load is sent after it.
 * - `ready(space)` resolves once every change seen so far has been sent: a query made after it
 *   is answered over an index holding them (the worker applies messages in order).
 * - A dropped space (its grant ended; the worker was lost) is loaded afresh at its next query.
 *   One dropped while it loads (the worker lost or let go meanwhile) fails its load with
 *   UNAVAILABLE, and `ready` loads it once more into the fresh worker: a query is never sent
 *   to a worker that holds only part of the space, or none of it.
 */
import { resources as resourcesCollection } from '../../../shared/collections/resources.ts'
import type { InsightResource } from '../../../shared/insight/contract.ts'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { Resource } from '../../../shared/schemas/resource.ts'
import type { Logger } from '../log.ts'
import type { CollectionStore } from './collection-store.ts'
import { nextTurn } from './durable-change.ts'
import type { InsightEngine } from './insight-engine.ts'
import type { ItemChange } from './live-collection.ts'

const RESOURCES = resourcesCollection.name
/** Items read, converted and posted per turn of the event loop: a millisecond or two (the copy to the worker is most of it). */
const SLICE = 100

/** A stored resource as the engine reads it. */
export function insightResource(spaceId: SpaceId, r: Resource, ownerName: string | null): InsightResource {
  return {
    id: r.id, spaceId, kind: r.kind, status: r.status, title: r.title, description: r.description, tags: r.tags,
    owner: r.owner, ownerName, createdAt: r.createdAt, updatedAt: r.updatedAt,
    ...(r.quantity !== undefined ? { quantity: r.quantity } : {}),
    ...(r.location !== undefined ? { location: r.location } : {}),
    ...(r.coordinates !== undefined ? { coordinates: r.coordinates } : {}),
    ...(r.availability !== undefined ? { availability: r.availability } : {}),
    ...(r.expiresAt !== undefined ? { expiresAt: r.expiresAt } : {}),
  }
}

export interface InsightFeedDeps {
  store: Pick<CollectionStore, 'list' | 'located'>
  engine: Pick<InsightEngine, 'feed'>
  nameOf: (spaceId: SpaceId, did: string) => string | null
  log: Logger
}

interface Loaded { done: Promise<void> }

export class InsightFeed {
  readonly #d: InsightFeedDeps
  /** Spaces loaded or loading, each with its load. */
  readonly #loaded = new Map<SpaceId, Loaded>()
  /** Ids changed since they were last sent, per loaded space. */
  readonly #pending = new Map<SpaceId, Set<string>>()
  /** The sends under way per space, chained so they reach the worker in order. */
  readonly #sending = new Map<SpaceId, Promise<void>>()
  readonly #scheduled = new Set<SpaceId>()

  constructor(deps: InsightFeedDeps) {
    this.#d = deps
  }

  /** Whether the worker holds (or is loading) this space's index. */
  holds(spaceId: SpaceId): boolean {
    return this.#loaded.has(spaceId)
  }

  /** Resolves once the worker's index of the space holds every resource here and every change seen. */
  async ready(spaceId: SpaceId): Promise<void> {
    try {
      await this.#readyOnce(spaceId)
    } catch (err) {
      if (!(err instanceof CommonweaveError && err.code === ErrorCode.Unavailable)) throw err
      // Dropped while it was read into the worker: once more, into the fresh one.
      await this.#readyOnce(spaceId)
    }
  }

  async #readyOnce(spaceId: SpaceId): Promise<void> {
    let loaded = this.#loaded.get(spaceId)
    if (!loaded) {
      const entry: Loaded = { done: Promise.resolve() }
      entry.done = this.#load(spaceId, entry)
      entry.done.catch(() => { if (this.#loaded.get(spaceId) === entry) this.#forget(spaceId) })
      this.#loaded.set(spaceId, (loaded = entry))
      this.#pending.set(spaceId, new Set())
    }
    await loaded.done
    await this.#send(spaceId)
  }

  /** A `collection:changed` event. */
  changed(change: ItemChange): void {
    if (change.collection !== RESOURCES) return
    const pending = this.#pending.get(change.spaceId)
    if (!pending) return
    for (const id of change.ids) pending.add(id)
    if (this.#scheduled.has(change.spaceId)) return
    this.#scheduled.add(change.spaceId)
    // Changes come in bursts (a sync brings a shard's worth): one send for the burst.
    setImmediate(() => {
      this.#scheduled.delete(change.spaceId)
      // Dropped meanwhile (its grant ended): not loaded again for a change.
      if (!this.#loaded.has(change.spaceId)) return
      this.ready(change.spaceId).catch((err: unknown) => this.#d.log.debug('could not bring a space\'s match index up to date', { spaceId: change.spaceId, error: String(err) }))
    })
  }

  /** Lets the worker drop a space's index (loaded afresh if asked again). */
  drop(spaceId: SpaceId): void {
    if (!this.#loaded.has(spaceId)) return
    this.#forget(spaceId)
    this.#d.engine.feed({ type: 'drop', spaceId })
  }

  /** The worker is gone, and every index with it. */
  reset(): void {
    for (const spaceId of [...this.#loaded.keys()]) this.#forget(spaceId)
  }

  #forget(spaceId: SpaceId): void {
    this.#loaded.delete(spaceId)
    this.#pending.delete(spaceId)
    this.#sending.delete(spaceId)
  }

  /** Every item, slice by slice; fails (UNAVAILABLE) when the space is dropped meanwhile. Tombstones are read too, so paging is not thrown off by a delete. */
  async #load(spaceId: SpaceId, entry: Loaded): Promise<void> {
    for (let offset = 0; ; offset += SLICE) {
      const page = await this.#d.store.list<Resource>(spaceId, RESOURCES, { offset, limit: SLICE, includeDeleted: true })
      if (this.#loaded.get(spaceId) !== entry) throw dropped()
      this.#post(spaceId, page.items)
      if (offset + SLICE >= page.total) return
      await nextTurn()
    }
  }

  /** Sends the pending changes of a space, after what is being sent already. */
  #send(spaceId: SpaceId): Promise<void> {
    const pending = this.#pending.get(spaceId)
    const before = this.#sending.get(spaceId) ?? Promise.resolve()
    if (!pending || pending.size === 0) return before
    const ids = [...pending]
    pending.clear()
    const run = before.then(async () => {
      for (let i = 0; i < ids.length; i += SLICE) {
        if (i > 0) await nextTurn()
        const slice = ids.slice(i, i + SLICE)
        const found = await this.#d.store.located<Resource>(spaceId, RESOURCES, slice)
        if (!this.#pending.has(spaceId)) throw dropped()
        const here = new Set(found.map(({ item }) => item.id))
        this.#post(spaceId, found.map(({ item }) => item))
        // Not here any more: quarantined by a later change, or its shard gone.
        const gone = slice.filter((id) => !here.has(id))
        if (gone.length > 0) this.#d.engine.feed({ type: 'remove', spaceId, ids: gone })
      }
    })
    const settled = run.catch(() => {})
    this.#sending.set(spaceId, settled)
    void settled.then(() => { if (this.#sending.get(spaceId) === settled) this.#sending.delete(spaceId) })
    return run
  }

  #post(spaceId: SpaceId, items: readonly Resource[]): void {
    const live = items.filter((r) => !r.deleted)
    const deleted = items.filter((r) => r.deleted).map((r) => r.id)
    if (live.length > 0) this.#d.engine.feed({ type: 'upsert', spaceId, items: live.map((r) => insightResource(spaceId, r, this.#d.nameOf(spaceId, r.owner))) })
    if (deleted.length > 0) this.#d.engine.feed({ type: 'remove', spaceId, ids: deleted })
  }
}

const dropped = (): CommonweaveError =>
  new CommonweaveError(ErrorCode.Unavailable, 'The worker computing insights stopped while it was reading this space\'s resources: ask again.')
