/**
 * One collection of one space, open: its shard documents loaded and followed, every item
 * read through the collection's schema, and changes (local or from peers) turned into the
 * ids that changed, for listeners.
 *
 * Invariants:
 * - an item that fails its schema is quarantined (counted, logged once), never shown, and
 *   never blocks the valid items beside it; a shard that fails its own schema is skipped whole;
 * - only shards this space alone indexes are read or written (a document two spaces list is
 *   shared with neither's members, so writing to it would be lost);
 * - a shard listed but not here yet is waited for in the background, not failed on.
 */
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import type { Collection, ItemBase } from '../../../shared/collections/define.ts'
import { parseItem } from '../../../shared/collections/define.ts'
import type { ShardFill } from '../../../shared/collections/shard.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { CollectionShardDocSchema, type CollectionShardDoc } from '../../../shared/schemas/space.ts'
import type { Logger } from '../log.ts'
import { toPlain } from './stored-values.ts'
import { SortedItems } from './sorted-items.ts'
import { findWithin } from '../sync/find-within.ts'

const LOAD_TIMEOUT_MS = 30_000
const LOAD_CONCURRENCY = 8

export interface ItemChange {
  spaceId: SpaceId
  collection: string
  /** Ids of items added, changed, deleted or quarantined. */
  ids: string[]
}

interface Shard {
  handle: DocHandle<CollectionShardDoc>
  /** Items in the document, valid or not. */
  count: number
  off: () => void
}

export interface LiveCollectionDeps {
  repo: Repo
  log: Logger
  /** The shard documents the space's index lists for this collection now. */
  listed: () => string[]
  onChange: (change: ItemChange) => void
}

export class LiveCollection<I extends ItemBase = ItemBase> {
  readonly spaceId: SpaceId
  readonly def: Collection<I>
  readonly #d: LiveCollectionDeps
  readonly #shards = new Map<string, Shard>()
  /** Shard loads under way, by document id. */
  readonly #loads = new Map<string, Promise<void>>()
  readonly #queue: Array<() => void> = []
  #active = 0
  readonly #items = new Map<string, { item: I; shard: string }>()
  /** shard\0id -> why the item is quarantined */
  readonly #quarantined = new Map<string, string>()
  #loading: Promise<void> | undefined
  #closed = false
  /** Every valid item by creation time (then id), kept in order as items change: lists page through it without sorting. */
  readonly #inOrder = new SortedItems<I>()

  constructor(spaceId: SpaceId, def: Collection<I>, deps: LiveCollectionDeps) {
    this.spaceId = spaceId
    this.def = def
    this.#d = deps
  }

  /** Loads every listed shard that is here (once; later calls wait for the same load). */
  open(): Promise<void> {
    this.#loading ??= this.refresh()
    return this.#loading
  }

  /**
   * Loads shards the index lists that are not loaded yet (the index grew, or a shard arrived), and
   * resolves once every listed shard is loaded or known to be not here yet (whichever call began
   * loading it: a second caller waits for the first one's loads).
   */
  async refresh(): Promise<void> {
    const listed = this.#d.listed()
    for (const id of listed) {
      if (this.#shards.has(id) || this.#loads.has(id)) continue
      const load = this.#limit(() => this.#load(id)).finally(() => this.#loads.delete(id))
      this.#loads.set(id, load)
    }
    await Promise.all(listed.map((id) => this.#loads.get(id)))
  }

  async #load(id: string): Promise<void> {
    try {
      this.adopt(await findWithin<CollectionShardDoc>(this.#d.repo, id, LOAD_TIMEOUT_MS))
    } catch (err) {
      this.#d.log.debug('a shard is not here yet; waiting for it', { spaceId: this.spaceId, collection: this.def.name, docId: id, error: String(err) })
      const handle = this.#d.repo.handles[id as DocumentId] as DocHandle<CollectionShardDoc> | undefined
      handle?.whenReady().then(() => this.adopt(handle), () => {})
    }
  }

  /** Runs `fn` with at most LOAD_CONCURRENCY loads in flight. */
  async #limit<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#active >= LOAD_CONCURRENCY) await new Promise<void>((r) => this.#queue.push(r))
    this.#active++
    try {
      return await fn()
    } finally {
      this.#active--
      this.#queue.shift()?.()
    }
  }

  /** Follows a shard document that is ready here (one this peer just made, or one just loaded). */
  adopt(handle: DocHandle<CollectionShardDoc>): void {
    const id = handle.documentId as string
    if (this.#closed || this.#shards.has(id)) return
    const onChange = ({ patches }: { patches: Array<{ path: Array<string | number> }> }): void => {
      const ids = new Set<string>()
      for (const p of patches) {
        if (p.path[0] !== 'items') return this.#reread(id, null) // the shard itself changed shape
        if (p.path.length === 1) return this.#reread(id, null)
        ids.add(String(p.path[1]))
      }
      this.#reread(id, ids)
    }
    handle.on('change', onChange)
    this.#shards.set(id, { handle, count: 0, off: () => handle.off('change', onChange) })
    this.#reread(id, null)
  }

  get(id: string): I | undefined {
    return this.#items.get(id)?.item
  }

  /** The shard an item is in. */
  shardOf(id: string): string | undefined {
    return this.#items.get(id)?.shard
  }

  /** Every valid item, tombstones included, oldest first (then by id); it changes in place as items change. */
  inOrder(): readonly I[] {
    return this.#inOrder.items
  }

  get size(): number {
    return this.#items.size
  }

  /** How full each loaded shard is. */
  fills(): ShardFill[] {
    return [...this.#shards].map(([id, s]) => ({ id, count: s.count }))
  }

  handle(shardId: string): DocHandle<CollectionShardDoc> | undefined {
    return this.#shards.get(shardId)?.handle
  }

  /** Shards the index lists that are not here yet. */
  get syncing(): number {
    return this.#d.listed().filter((id) => !this.#shards.has(id)).length
  }

  get quarantined(): number {
    return this.#quarantined.size
  }

  close(): void {
    this.#closed = true
    for (const s of this.#shards.values()) s.off()
    this.#shards.clear()
  }

  /** Reads the named items of a shard again (all of them when `ids` is null), and tells listeners what changed. */
  #reread(shardId: string, ids: Set<string> | null): void {
    const shard = this.#shards.get(shardId)
    if (!shard) return
    const parsed = CollectionShardDocSchema.safeParse(shard.handle.doc())
    const changed: string[] = []
    if (!parsed.success || parsed.data.space !== this.spaceId || parsed.data.type !== this.def.name) {
      this.#d.log.warn('a collection shard is quarantined: it does not match the schema', { spaceId: this.spaceId, collection: this.def.name, docId: shardId })
      for (const [id, e] of this.#items) if (e.shard === shardId) { this.#items.delete(id); changed.push(id) }
      shard.count = 0
    } else {
      const raw = parsed.data.items
      shard.count = Object.keys(raw).length
      const scope = ids ?? new Set([...Object.keys(raw), ...[...this.#items].filter(([, e]) => e.shard === shardId).map(([id]) => id)])
      for (const id of scope) {
        const key = `${shardId}\u0000${id}`
        const before = this.#items.get(id)
        if (!(id in raw)) {
          if (before?.shard === shardId) {
            this.#items.delete(id)
            changed.push(id)
          }
          this.#quarantined.delete(key)
          continue
        }
        const r = parseItem(this.def, toPlain(raw[id]))
        if (r.ok && r.item.id === id) {
          this.#quarantined.delete(key)
          // A shard read again whole (loaded, or synced) reports only the items that differ: a
          // page that listens would otherwise fetch everything again for a load.
          if (before?.shard === shardId && sameItem(before.item, r.item)) continue
          changed.push(id)
          this.#items.set(id, { item: r.item, shard: shardId })
        } else {
          const reason = r.ok ? 'its id does not match its key' : r.reason
          // Reported when it stops being shown, or is quarantined for a new reason; not on every reread.
          if (before?.shard === shardId || this.#quarantined.get(key) !== reason) changed.push(id)
          if (this.#quarantined.get(key) !== reason) this.#d.log.warn('item quarantined: it does not match the schema', { spaceId: this.spaceId, collection: this.def.name, id: id.slice(0, 64), reason })
          this.#quarantined.set(key, reason)
          if (this.#items.get(id)?.shard === shardId) this.#items.delete(id)
        }
      }
    }
    for (const id of changed) {
      const e = this.#items.get(id)
      if (e) this.#inOrder.set(e.item)
      else this.#inOrder.delete(id)
    }
    if (changed.length > 0) this.#d.onChange({ spaceId: this.spaceId, collection: this.def.name, ids: changed })
  }
}

/** Two parsed items hold the same values (plain JSON data, keys in a stable order by the schema). */
function sameItem(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Maps with at most `limit` calls in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
