/**
 * The one store every collection uses: list with filters and paging, get, put, update and
 * tombstone items of any registered collection of any space, over sharded documents, with
 * writes queued and batched, items from peers validated and quarantined, and changes
 * delivered to followers. A collection needs no code here: its registry entry is enough.
 *
 * Invariants:
 * - a space gets a collection the first time something is written to it (spaces made before
 *   the collection existed included): reading an unused collection is an empty list;
 * - this peer writes only what its own grants let it write, and says so in words otherwise
 *   (its members would drop the change);
 * - a write is acknowledged only once flushed (see WriteQueue); new shards are listed in the
 *   space's index in the same flush;
 * - a batch is written as changes of a few items each (change-pieces.ts), made and applied one
 *   per turn of the event loop, so a large write (an import of thousands) never stalls it for
 *   long, and still costs one durable write per shard per batch;
 * - a deleted item is a tombstone that syncs; lists leave tombstones out unless asked.
 */
import { updateText } from '@automerge/automerge'
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, DocId, SpaceId } from '../../../shared/ids.ts'
import type { Collection, ItemBase } from '../../../shared/collections/define.ts'
import type { CollectionRegistry } from '../../../shared/collections/registry.ts'
import { chooseShard } from '../../../shared/collections/shard.ts'
import { SPACE_SCHEMA_VERSION, type CollectionShardDoc } from '../../../shared/schemas/space.ts'
import type { Consent } from '../consent/consent.ts'
import type { Logger } from '../log.ts'
import type { IndexWriter } from './index-writer.ts'
import { LiveCollection, type ItemChange } from './live-collection.ts'
import { WriteQueue, type Outcome } from './write-queue.ts'
import { changePieces, jsonBytes, type PieceWrite } from './change-pieces.ts'
import { commitChanges, nextTurn, stagePieces, type StagedChange } from './durable-change.ts'
import { patchMap, sameValue, toPlain, toStored } from './stored-values.ts'
import { QueryCache } from './query-cache.ts'

export interface ListOptions<I> {
  /** Keep only the items for which this holds. */
  where?: (item: I) => boolean
  /** Order; by creation time (then id) when not given. */
  compare?: (a: I, b: I) => number
  offset?: number
  limit?: number
  /** Tombstones too. */
  includeDeleted?: boolean
  /**
   * Names this filter (the same key, the same `where`): its matches are then kept between
   * calls and brought up to date with the items that changed since, so paging through a large
   * collection costs the page, not the collection. Not with `compare`.
   */
  key?: string
  /** When an item's match may change by time alone (an expiry), as epoch ms; the kept matches are rebuilt after it. */
  changesAt?: (item: I) => number | undefined
}

export interface ListResult<I> {
  items: I[]
  /** Items matching, before paging. */
  total: number
  /** Shard documents the index lists that have not reached this peer yet. */
  syncing: number
}

type WriteOp =
  | { kind: 'insert'; item: ItemBase }
  | { kind: 'update'; id: string; patch: Record<string, unknown>; guard?: (current: ItemBase) => void }

export interface CollectionStoreDeps {
  repo: Repo
  consent: Consent
  /** Resolves once a member space's index has been read since this start (so every shard it lists is known). */
  indexRead: (spaceId: SpaceId) => Promise<void>
  index: IndexWriter
  registry: CollectionRegistry
  /** This peer's did: what it may write is what its own grants allow. */
  me: Did
  log: Logger
  now: () => number
  /** Every change to an open collection, local or from a peer. */
  onChange: (change: ItemChange) => void
  /** Writes one change of a document durably (see durable-change.ts). */
  persist: (documentId: DocumentId, change: Uint8Array) => Promise<void>
  /** A storage error as the caller should see it (a full disk in words). */
  storageError: (err: unknown) => unknown
}

interface Open { live: LiveCollection; queue: WriteQueue<WriteOp, ItemBase> }

export class CollectionStore {
  readonly #d: CollectionStoreDeps
  readonly #open = new Map<string, Open>()
  readonly #followers = new Map<string, Set<(change: ItemChange) => void>>()
  readonly #queries = new QueryCache()
  #stopped = false

  constructor(deps: CollectionStoreDeps) {
    this.#d = deps
  }

  /** The registry entry of a collection, or NOT_FOUND naming the ones there are. */
  collection(name: string): Collection {
    const c = this.#d.registry.get(name)
    if (!c) throw new CommonweaveError(ErrorCode.NotFound, `There is no collection "${name}". This peer knows: ${this.#d.registry.names().join(', ')}.`)
    return c
  }

  async list<I extends ItemBase>(spaceId: SpaceId, name: string, opts: ListOptions<I> = {}): Promise<ListResult<I>> {
    const { live } = await this.#opened(spaceId, name)
    const offset = opts.offset ?? 0
    const end = opts.limit === undefined ? Infinity : offset + opts.limit
    const keep = (item: I): boolean => (opts.includeDeleted === true || !item.deleted) && (!opts.where || opts.where(item))
    if (opts.compare) {
      const matching = (live.inOrder() as readonly I[]).filter(keep).sort(opts.compare)
      return { items: matching.slice(offset, end), total: matching.length, syncing: live.syncing }
    }
    if (opts.key !== undefined) {
      const matching = this.#queries.matches(live, `${opts.key}\u0000${opts.includeDeleted === true}`, keep, this.#d.now(), opts.changesAt)
      return { items: matching.slice(offset, end) as I[], total: matching.length, syncing: live.syncing }
    }
    // Already in creation order: one pass counts the matches and keeps only the page.
    const items: I[] = []
    let total = 0
    for (const item of live.inOrder() as readonly I[]) {
      if (!keep(item)) continue
      if (total >= offset && total < end) items.push(item)
      total++
    }
    return { items, total, syncing: live.syncing }
  }

  /** One item by id or unique id prefix; NOT_FOUND when there is none (or it was deleted). */
  async get<I extends ItemBase>(spaceId: SpaceId, name: string, idOrPrefix: string, opts: { includeDeleted?: boolean } = {}): Promise<I> {
    const { live } = await this.#opened(spaceId, name)
    return this.#find(live, idOrPrefix, opts.includeDeleted === true) as I
  }

  /**
   * Items with the shard document holding each, tombstones included: every one, or those of
   * `ids` that are here (what an index of the items re-reads when some change).
   */
  async located<I extends ItemBase>(spaceId: SpaceId, name: string, ids?: Iterable<string>): Promise<Array<{ item: I; shard: string }>> {
    const { live } = await this.#opened(spaceId, name)
    const out: Array<{ item: I; shard: string }> = []
    for (const id of ids ?? live.inOrder().map((i) => i.id)) {
      const item = live.get(id)
      const shard = live.shardOf(id)
      if (item && shard !== undefined) out.push({ item: item as I, shard })
    }
    return out
  }

  /** Adds a new item (already validated, with its id); resolves once it is on disk. */
  async put<I extends ItemBase>(spaceId: SpaceId, name: string, item: I): Promise<I> {
    const open = await this.#opened(spaceId, name)
    this.#mayWrite(open.live)
    return open.queue.enqueue({ kind: 'insert', item: { ...item, schemaVersion: open.live.def.version } }) as Promise<I>
  }

  /** Changes some fields of an item (a field set to undefined is removed); concurrent edits of other fields survive. */
  async update<I extends ItemBase>(spaceId: SpaceId, name: string, idOrPrefix: string, patch: Partial<I>, guard?: (current: I) => void): Promise<I> {
    const open = await this.#opened(spaceId, name)
    this.#mayWrite(open.live)
    const id = this.#find(open.live, idOrPrefix).id
    return open.queue.enqueue({ kind: 'update', id, patch: patch as Record<string, unknown>, ...(guard ? { guard: guard as (c: ItemBase) => void } : {}) }) as Promise<I>
  }

  /** Deletes an item: a tombstone that syncs; it stops being shown everywhere. */
  async tombstone<I extends ItemBase>(spaceId: SpaceId, name: string, idOrPrefix: string, guard?: (current: I) => void): Promise<I> {
    return this.update<I>(spaceId, name, idOrPrefix, { deleted: true } as Partial<I>, guard)
  }

  /** Calls `listener` with the ids of items that change in a collection of a space, until unsubscribed. */
  follow(spaceId: SpaceId, name: string, listener: (change: ItemChange) => void): () => void {
    this.collection(name)
    const key = keyOf(spaceId, name)
    let set = this.#followers.get(key)
    if (!set) this.#followers.set(key, (set = new Set()))
    set.add(listener)
    void this.#opened(spaceId, name).catch(() => {})
    return () => set.delete(listener)
  }

  /** The shard a new item of a collection would go to now, made if there is none (tests and tools reach into it). */
  async openShard(spaceId: SpaceId, name: string): Promise<DocId> {
    const open = await this.#opened(spaceId, name)
    const target = chooseShard(open.live.def.shard, open.live.fills())
    if (target) return target as DocId
    const handle = this.#newShard(open.live)
    await this.#d.repo.flush([handle.documentId, ...this.#d.index.register(spaceId, name, [handle.documentId])])
    return handle.documentId as unknown as DocId
  }

  /** Items quarantined in the open collections, in all and by space. */
  quarantined(): { total: number; bySpace: Map<SpaceId, number> } {
    const bySpace = new Map<SpaceId, number>()
    let total = 0
    for (const { live } of this.#open.values()) {
      total += live.quarantined
      bySpace.set(live.spaceId, (bySpace.get(live.spaceId) ?? 0) + live.quarantined)
    }
    return { total, bySpace }
  }

  /** After a space's index or consent changed: open collections pick up new shards, and collections that now have some open. */
  spaceChanged(spaceId: SpaceId): void {
    if (this.#stopped || !this.#d.consent.spaces.has(spaceId)) return
    for (const c of this.#d.registry.all()) {
      if (c.shard.kind !== 'fill') continue // pages: their own store follows them
      const open = this.#open.get(keyOf(spaceId, c.name))
      if (open) void open.live.refresh()
      else if (this.#listed(spaceId, c.name).length > 0) void this.#opened(spaceId, c.name).catch(() => {})
    }
  }

  /** Closes what is open of a space this peer left. */
  forgetSpace(spaceId: SpaceId): void {
    for (const c of this.#d.registry.all()) {
      const key = keyOf(spaceId, c.name)
      this.#open.get(key)?.live.close()
      this.#open.delete(key)
      this.#followers.delete(key)
    }
    this.#queries.clear()
  }

  stop(): void {
    this.#stopped = true
    for (const { live } of this.#open.values()) live.close()
    this.#open.clear()
    this.#queries.clear()
    this.#followers.clear()
  }

  async #opened(spaceId: SpaceId, name: string): Promise<Open> {
    const def = this.collection(name)
    if (def.shard.kind !== 'fill') {
      throw new CommonweaveError(ErrorCode.NotFound, `${def.label} are documents of their own, not items of shards: use "commonweave ${def.name === 'pages' ? 'page list' : def.name}" and its API instead.`)
    }
    if (!this.#d.consent.spaces.has(spaceId)) {
      throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows the spaces you are in.`)
    }
    const key = keyOf(spaceId, name)
    let open = this.#open.get(key)
    if (!open) {
      const live = new LiveCollection(spaceId, def, {
        repo: this.#d.repo, log: this.#d.log,
        listed: () => this.#listed(spaceId, name),
        onChange: (change) => this.#changed(change),
      })
      const queue = new WriteQueue<WriteOp, ItemBase>((batch) => this.#apply(live, batch))
      open = { live, queue }
      this.#open.set(key, open)
    }
    await this.#d.indexRead(spaceId)
    await open.live.open()
    return open
  }

  /** Shard documents of a collection that this space alone indexes. */
  #listed(spaceId: SpaceId, name: string): string[] {
    const spaces = this.#d.consent.spaces
    return spaces.docsIn(spaceId, name).filter((id) => spaces.ownerOf(id) === spaceId)
  }

  #changed(change: ItemChange): void {
    this.#queries.changed(change)
    this.#d.onChange(change)
    for (const l of this.#followers.get(keyOf(change.spaceId, change.collection)) ?? []) {
      try {
        l(change)
      } catch (err) {
        this.#d.log.error('a collection follower failed', { error: String(err) })
      }
    }
  }

  #find(live: LiveCollection, idOrPrefix: string, includeDeleted = false): ItemBase {
    const what = live.def.label.toLowerCase()
    const exact = live.get(idOrPrefix)
    if (exact && (!exact.deleted || includeDeleted)) return exact
    if (exact) throw new CommonweaveError(ErrorCode.NotFound, `Item ${idOrPrefix} of this space's ${what} was deleted.`)
    const matches: ItemBase[] = []
    const gone: ItemBase[] = []
    if (idOrPrefix.length >= MIN_PREFIX) {
      // Ids are lower-case UUIDs; a start typed in capitals is the same start.
      const start = idOrPrefix.toLowerCase()
      for (const i of live.inOrder()) {
        if (!i.id.startsWith(idOrPrefix) && !i.id.startsWith(start)) continue
        if (includeDeleted || !i.deleted) matches.push(i)
        else gone.push(i)
      }
    }
    if (matches.length === 1) return matches[0]!
    if (matches.length === 0 && gone.length === 1) throw new CommonweaveError(ErrorCode.NotFound, `Item ${gone[0]!.id} of this space's ${what} was deleted.`)
    if (matches.length > 1) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `"${idOrPrefix}" is the start of ${matches.length} ids in ${what} (${matches.slice(0, 5).map((m) => m.id).join(', ')}${matches.length > 5 ? ', …' : ''}); give more of it.`)
    }
    const short = idOrPrefix.length < MIN_PREFIX ? ` An id can be shortened to no fewer than ${MIN_PREFIX} characters.` : ''
    throw new CommonweaveError(ErrorCode.NotFound, `No item ${idOrPrefix} in this space's ${what}.${short}${live.syncing > 0 ? ' Part of it has not synced here yet.' : ''}`)
  }

  #mayWrite(live: LiveCollection): void {
    if (this.#d.consent.allowsCollection(this.#d.me, 'write', live.spaceId, live.def.name)) return
    const what = live.def.label.toLowerCase()
    const reads = this.#d.consent.allowsCollection(this.#d.me, 'read', live.spaceId, live.def.name)
    throw new CommonweaveError(ErrorCode.Forbidden, reads
      ? `You may read this space's ${what} but not change them: its members would drop the change. Ask a member for a write grant.`
      : `You may not change this space's ${what}. Ask a member for a write grant.`)
  }

  #newShard(live: LiveCollection): DocHandle<CollectionShardDoc> {
    const handle = this.#d.repo.create<CollectionShardDoc>({ schemaVersion: SPACE_SCHEMA_VERSION, type: live.def.name, space: live.spaceId, items: {} })
    live.adopt(handle)
    return handle
  }

  /** Applies a batch of writes: a few changes per shard, new shards listed in the index, one flush. */
  async #apply(live: LiveCollection, batch: WriteOp[]): Promise<Array<Outcome<ItemBase>>> {
    const fills = new Map(live.fills().map((f) => [f.id, f.count]))
    const plan = new Map<string, Array<PieceWrite<CollectionShardDoc>>>()
    const text = new Set(live.def.text)
    const keyed = new Set(live.def.keyed)
    const pending = new Map<string, { item: ItemBase; shard: string }>()
    const created: string[] = []
    const at = new Date(this.#d.now()).toISOString()
    const outcomes = batch.map((op): Outcome<ItemBase> => {
      try {
        if (op.kind === 'insert') {
          if (live.get(op.item.id) || pending.has(op.item.id)) throw new CommonweaveError(ErrorCode.ValidationFailed, `An item ${op.item.id} exists already.`)
          let shard = chooseShard(live.def.shard, [...fills].map(([id, count]) => ({ id, count })))
          if (shard === null && !this.#d.consent.spaces.isMember(live.spaceId)) {
            // A guest cannot list a new shard in an index it does not hold: the fullest it knows takes it.
            shard = [...fills].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
            if (shard === null) throw new CommonweaveError(ErrorCode.Forbidden, 'This collection has no document here yet, and only members can start one.')
          }
          if (shard === null) {
            shard = this.#newShard(live).documentId
            created.push(shard)
          }
          fills.set(shard, (fills.get(shard) ?? 0) + 1)
          const item = op.item
          push(plan, shard, { apply: (d) => { d.items[item.id] = toStored(item, text) }, bytes: jsonBytes(item) })
          pending.set(item.id, { item, shard })
          return { ok: true, value: item }
        }
        const current = pending.get(op.id) ?? (live.get(op.id) ? { item: live.get(op.id)!, shard: live.shardOf(op.id)! } : undefined)
        if (!current || (current.item.deleted && !op.patch['deleted'])) throw new CommonweaveError(ErrorCode.NotFound, `No item ${op.id} in this space's ${live.def.label.toLowerCase()}.`)
        op.guard?.(current.item)
        const patch = { ...op.patch, updatedAt: at }
        const next = { ...current.item, ...patch } as ItemBase
        for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (next as Record<string, unknown>)[k]
        push(plan, current.shard, { bytes: jsonBytes(patch), apply: (d) => {
          const target = d.items[op.id] as Record<string, unknown> | undefined
          if (target === undefined) return
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined) delete target[k]
            else if (sameValue(toPlain(target[k]), v)) continue
            // A text field edited in place merges with concurrent edits of it, a map key by key; anything else is replaced.
            else if (text.has(k) && typeof v === 'string' && typeof target[k] === 'string') updateText(d, ['items', op.id, k], v)
            else if (!(keyed.has(k) && patchMap(target[k], v))) target[k] = toStored(v)
          }
        } })
        pending.set(op.id, { item: next, shard: current.shard })
        return { ok: true, value: next }
      } catch (err) {
        return { ok: false, error: err }
      }
    })
    const listed = created.length > 0 ? this.#d.index.register(live.spaceId, live.def.name, created) : []
    const staged: StagedChange[] = []
    for (const [i, [shard, writes]] of [...plan].entries()) {
      const handle = live.handle(shard)
      if (!handle) throw new CommonweaveError(ErrorCode.Internal, `shard ${shard} is not open`)
      if (i > 0) await nextTurn()
      const s = await stagePieces(handle, changePieces(writes, live.fills().find((f) => f.id === shard)?.count ?? 0))
      if (s) staged.push(s)
    }
    // Durable before visible (durable-change.ts): a batch the disk refuses is never shown.
    await commitChanges(this.#d, staged, [...created, ...listed] as DocumentId[]).catch((err: unknown) => { throw this.#d.storageError(err) })
    return outcomes
  }
}

/** The shortest start of an id that may stand for it. */
export const MIN_PREFIX = 4

function keyOf(spaceId: SpaceId, name: string): string {
  return `${spaceId}\u0000${name}`
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
