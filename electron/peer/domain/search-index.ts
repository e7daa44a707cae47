/**
 * One search index per space (shared/search/space-search.ts), over what this peer holds of
 * the space's resources, bookings, decisions, pages and map nodes.
 *
 * Invariants:
 * - a space's index is built the first time it is searched, or in the background after
 *   start, whichever comes first; the build adds at most SLICE items (or SLICE_MS of work) at
 *   a time and yields to the event loop between slices, so the peer never stalls on it;
 * - after that it is kept up to date item by item: each `collection:changed` (local or synced)
 *   re-reads just the ids it names from the store; each page change just those pages. Changes
 *   that arrive while a build runs are re-read once it ends (the build's own reads may be
 *   older than them);
 * - a deleted item (a tombstone), or one no longer here, leaves the index; a space the peer
 *   left is dropped whole;
 * - every entry remembers the document holding its item: `search` keeps only what the caller
 *   may read (the filter runs inside the search, before the limit). A guest peer only ever
 *   receives documents it was granted, so its index holds only those; the filter is a second
 *   wall.
 */
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { SearchKind, SearchResult } from '../../../shared/api/pages-api.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { bookings } from '../../../shared/collections/bookings.ts'
import { decisions } from '../../../shared/collections/decisions.ts'
import { map } from '../../../shared/collections/map.ts'
import { pages as pagesCollection } from '../../../shared/collections/pages.ts'
import { resources } from '../../../shared/collections/resources.ts'
import type { Booking } from '../../../shared/schemas/booking.ts'
import type { DecisionItem } from '../../../shared/schemas/decision.ts'
import type { MapItem } from '../../../shared/schemas/map.ts'
import type { Resource } from '../../../shared/schemas/resource.ts'
import { bookingEntry, decisionEntry, entryKey, nodeEntry, pageEntry, resourceEntry, type PageText, type SearchEntry } from '../../../shared/search/entries.ts'
import { SpaceSearch, type SearchAsk } from '../../../shared/search/space-search.ts'
import type { Logger } from '../log.ts'
import type { CollectionStore } from './collection-store.ts'
import type { ItemChange } from './live-collection.ts'

/** Items added to an index between two yields to the event loop, at most; and the longest a slice runs, ms. */
export const SLICE = 500
export const SLICE_MS = 10

/**
 * Where pages' text comes from: the page catalog (a page is a document of its own, not an
 * item of a shard, so the collection store does not hold it). Its changes arrive as
 * `collection:changed` with the collection `pages`, as every collection's do.
 */
export interface PageTextSource {
  /** Reads the pages a space lists that are here (once; later calls wait for the same read). */
  open(spaceId: SpaceId): Promise<void>
  /** Every page of a space read here, deleted ones included. */
  entries(spaceId: SpaceId): PageText[]
  /** One page as read here; undefined when it is not (or is no page). */
  entry(spaceId: SpaceId, pageId: string): PageText | undefined
}

/** The sharded collections searched, with what each item contributes. */
const SOURCES: ReadonlyArray<{ collection: string; kind: SearchKind; entry: (item: never, docId: string) => SearchEntry | null }> = [
  { collection: resources.name, kind: 'resource', entry: (r: Resource, doc) => resourceEntry(r, doc) },
  { collection: bookings.name, kind: 'booking', entry: (b: Booking, doc) => bookingEntry(b, doc) },
  { collection: decisions.name, kind: 'decision', entry: (d: DecisionItem, doc) => decisionEntry(d, doc) },
  { collection: map.name, kind: 'node', entry: (n: MapItem, doc) => nodeEntry(n, doc) },
]
const SOURCE_OF = new Map(SOURCES.map((s) => [s.collection, s]))
const PAGES = pagesCollection.name

export interface SearchIndexDeps {
  store: Pick<CollectionStore, 'located'>
  /** The spaces this peer holds now. */
  spaces: { has(spaceId: SpaceId): boolean; spaceIds(): SpaceId[] }
  /** Pages' text (without it, pages are not searched). */
  pages?: PageTextSource
  log: Logger
}

interface SpaceState {
  search: SpaceSearch
  ready: Promise<void>
  /** collection (or PAGES) -> ids changed while the build ran; null once it has ended. */
  dirty: Map<string, Set<string>> | null
  dropped: boolean
}

export class SearchIndex {
  readonly #d: SearchIndexDeps
  readonly #spaces = new Map<SpaceId, SpaceState>()
  readonly #offs: Array<() => void> = []
  #warming: ReturnType<typeof setImmediate> | undefined
  #stopped = false

  constructor(deps: SearchIndexDeps) {
    this.#d = deps
  }

  /**
   * Follows changes (each collection change and page change as it comes, each space the peer
   * leaves), and builds every space's index in the background, one space after another.
   */
  start(subscribe: { collections: (l: (c: ItemChange) => void) => () => void; spaces: (l: (spaceId: SpaceId) => void) => () => void }): void {
    this.#offs.push(subscribe.collections((c) => this.changed(c)))
    this.#offs.push(subscribe.spaces((spaceId) => this.spaceChanged(spaceId)))
    this.#warming = setImmediate(() => void this.#warm())
  }

  stop(): void {
    this.#stopped = true
    clearImmediate(this.#warming)
    for (const off of this.#offs.splice(0)) off()
    for (const st of this.#spaces.values()) st.dropped = true
    this.#spaces.clear()
  }

  /** The best hits for `query` among the items of a space the caller may read (see SpaceSearch.search). */
  async search(spaceId: SpaceId, query: string, ask: SearchAsk): Promise<SearchResult> {
    if (!this.#d.spaces.has(spaceId)) {
      throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows the spaces you are in.`)
    }
    const st = this.#state(spaceId)
    await st.ready
    return st.search.search(query, ask)
  }

  /** Items of a collection changed (a `collection:changed` event): those of the searched collections, and pages, are read again. */
  changed(change: ItemChange): void {
    if (SOURCE_OF.has(change.collection) || (change.collection === PAGES && this.#d.pages)) this.#changed(change.spaceId, change.collection, change.ids)
  }

  /** A space's consent or documents changed: a space the peer no longer holds is dropped. */
  spaceChanged(spaceId: SpaceId): void {
    if (this.#d.spaces.has(spaceId)) return
    const st = this.#spaces.get(spaceId)
    if (!st) return
    st.dropped = true
    this.#spaces.delete(spaceId)
  }

  /** Whether a space's index has been built (for tests and the bench). */
  isBuilt(spaceId: SpaceId): boolean {
    const st = this.#spaces.get(spaceId)
    return st !== undefined && st.dirty === null
  }

  /** A space's index, its build started if it was not. */
  #state(spaceId: SpaceId): SpaceState {
    let st = this.#spaces.get(spaceId)
    if (!st) {
      const fresh: SpaceState = { search: new SpaceSearch(), ready: Promise.resolve(), dirty: new Map(), dropped: false }
      fresh.ready = this.#build(spaceId, fresh)
      // A failed build is forgotten, so the next search tries again (and says why it failed).
      fresh.ready.catch(() => { if (this.#spaces.get(spaceId) === fresh) this.#spaces.delete(spaceId) })
      this.#spaces.set(spaceId, (st = fresh))
    }
    return st
  }

  async #build(spaceId: SpaceId, st: SpaceState): Promise<void> {
    const slice = new Slice()
    for (const source of SOURCES) {
      for (const { item, shard } of await this.#d.store.located(spaceId, source.collection)) {
        if (slice.due()) await slice.yield()
        if (st.dropped) return
        const entry = source.entry(item as never, shard)
        if (entry) st.search.set(entry)
      }
    }
    if (this.#d.pages) {
      await this.#d.pages.open(spaceId)
      for (const page of this.#d.pages.entries(spaceId)) {
        if (slice.due()) await slice.yield()
        if (st.dropped) return
        const entry = pageEntry(page)
        if (entry) st.search.set(entry)
      }
    }
    // What changed while the build ran, read again now (until no more arrives meanwhile).
    while (st.dirty !== null && st.dirty.size > 0 && !st.dropped) {
      const dirty = st.dirty
      st.dirty = new Map()
      for (const [collection, ids] of dirty) await this.#reread(spaceId, st, collection, [...ids])
    }
    st.dirty = null
  }

  /** Changed ids of a collection (or of pages): read again now, or after the build under way. */
  #changed(spaceId: SpaceId, collection: string, ids: string[]): void {
    const st = this.#spaces.get(spaceId)
    // A space never searched nor built yet reads everything when it is.
    if (!st || st.dropped || this.#stopped) return
    if (st.dirty !== null) {
      let set = st.dirty.get(collection)
      if (!set) st.dirty.set(collection, (set = new Set()))
      for (const id of ids) set.add(id)
      return
    }
    this.#reread(spaceId, st, collection, ids).catch((err: unknown) => {
      this.#d.log.warn('could not bring the search index up to date with a change', { spaceId, collection, error: String(err) })
    })
  }

  async #reread(spaceId: SpaceId, st: SpaceState, collection: string, ids: string[]): Promise<void> {
    if (collection === PAGES) {
      for (const id of ids) {
        const page = this.#d.pages?.entry(spaceId, id)
        const entry = page ? pageEntry(page) : null
        if (entry) st.search.set(entry)
        else st.search.remove(entryKey('page', id))
      }
      return
    }
    const source = SOURCE_OF.get(collection)!
    const found = await this.#d.store.located(spaceId, collection, ids)
    if (st.dropped) return
    const here = new Set<string>()
    for (const { item, shard } of found) {
      here.add(item.id)
      const entry = source.entry(item as never, shard)
      if (entry) st.search.set(entry)
      else st.search.remove(entryKey(source.kind, item.id))
    }
    // Gone from every shard here (quarantined, or its shard left the space): out of the index.
    for (const id of ids) if (!here.has(id)) st.search.remove(entryKey(source.kind, id))
  }

  /** Builds every space's index in the background, one after another. */
  async #warm(): Promise<void> {
    for (const spaceId of this.#d.spaces.spaceIds()) {
      if (this.#stopped) return
      if (!this.#d.spaces.has(spaceId)) continue
      await this.#state(spaceId).ready.catch((err: unknown) => {
        this.#d.log.debug('could not build a space\'s search index in the background; the first search tries again', { spaceId, error: String(err) })
      })
    }
  }
}

/**
 * A slice of a long build: due after SLICE items, or sooner once it has run SLICE_MS (a page
 * holds a hundred times the words of a resource), then `yield` lets timers, I/O and other
 * callbacks run before going on.
 */
class Slice {
  #items = 0
  #since = performance.now()

  due(): boolean {
    return ++this.#items >= SLICE || performance.now() - this.#since >= SLICE_MS
  }

  async yield(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    this.#items = 0
    this.#since = performance.now()
  }
}
