/**
 * Named filters over open collections, kept between calls: the matches of each, in creation
 * order, brought up to date with only the items that changed since it was last asked for. A
 * page of a 10,000-item collection then costs the page and the changes, not a pass over every
 * item (S8).
 *
 * Invariants:
 * - a filter's matches are what a full pass would give: each changed item is judged again by
 *   the filter as it is asked for now; a filter whose matches can change with time alone (an
 *   expiry) is rebuilt once the earliest such time has passed;
 * - the same key means the same filter; at most MAX_QUERIES are kept, the least recently used
 *   dropped first, and one with more than MAX_PENDING changes waiting is dropped and rebuilt.
 */
import type { ItemBase } from '../../../shared/collections/define.ts'
import type { ItemChange } from './live-collection.ts'
import { SortedItems } from './sorted-items.ts'

const MAX_QUERIES = 64
const MAX_PENDING = 4096

/** What a kept filter reads: a collection's items in creation order, and one by id. */
export interface Source {
  readonly spaceId: string
  readonly def: { readonly name: string }
  inOrder(): readonly ItemBase[]
  get(id: string): ItemBase | undefined
}

interface Query {
  items: SortedItems<ItemBase>
  /** Ids changed since the matches were last brought up to date. */
  pending: Set<string>
  /** Rebuilt from scratch at or after this time (epoch ms). */
  validUntil: number
}

const prefixOf = (spaceId: string, collection: string): string => `${spaceId}\u0000${collection}\u0000`

export class QueryCache {
  readonly #queries = new Map<string, Query>()

  /** The matches of the filter named `key` over `source`, oldest first (an array that stays valid until the next call). */
  matches<I extends ItemBase>(source: Source, key: string, keep: (item: I) => boolean, now: number, changesAt?: (item: I) => number | undefined): readonly ItemBase[] {
    const k = prefixOf(source.spaceId, source.def.name) + key
    let q = this.#queries.get(k)
    this.#queries.delete(k)
    const until = (item: ItemBase, current: number): number => {
      const at = changesAt?.(item as I)
      return at !== undefined && at > now && at < current ? at : current
    }
    if (q && now < q.validUntil) {
      for (const id of q.pending) {
        const item = source.get(id)
        if (item) q.validUntil = until(item, q.validUntil)
        if (item && keep(item as I)) q.items.set(item)
        else q.items.delete(id)
      }
      q.pending.clear()
    } else {
      let validUntil = Infinity
      const matching: ItemBase[] = []
      for (const item of source.inOrder()) {
        validUntil = until(item, validUntil)
        if (keep(item as I)) matching.push(item)
      }
      q = { items: new SortedItems(matching), pending: new Set(), validUntil }
    }
    this.#queries.set(k, q)
    if (this.#queries.size > MAX_QUERIES) this.#queries.delete(this.#queries.keys().next().value!)
    return q.items.items
  }

  /** Items of a collection changed: every kept filter over it judges them again when next asked. */
  changed(change: ItemChange): void {
    const prefix = prefixOf(change.spaceId, change.collection)
    for (const [k, q] of this.#queries) {
      if (!k.startsWith(prefix)) continue
      for (const id of change.ids) q.pending.add(id)
      if (q.pending.size > MAX_PENDING) this.#queries.delete(k)
    }
  }

  clear(): void {
    this.#queries.clear()
  }
}
