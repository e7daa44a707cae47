/**
 * Items kept in creation order (then by id) as they change, one at a time: a list pages through
 * the array as it stands, never sorting the whole collection again. Insert and remove are a
 * binary search and one splice.
 */
import type { ItemBase } from '../../../shared/collections/define.ts'

/** Oldest first; ISO times compare as strings. */
export function byCreation(a: ItemBase, b: ItemBase): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export class SortedItems<I extends ItemBase> {
  readonly #items: I[] = []
  readonly #byId = new Map<string, I>()

  constructor(items: Iterable<I> = []) {
    for (const i of items) this.#byId.set(i.id, i)
    this.#items.push(...this.#byId.values())
    this.#items.sort(byCreation)
  }

  /** The items, oldest first. Read-only: it changes in place as items change. */
  get items(): readonly I[] {
    return this.#items
  }

  get size(): number {
    return this.#items.length
  }

  has(id: string): boolean {
    return this.#byId.has(id)
  }

  /** Puts an item in (replacing the one with its id, if any). */
  set(item: I): void {
    this.delete(item.id)
    this.#items.splice(this.#at(item), 0, item)
    this.#byId.set(item.id, item)
  }

  delete(id: string): void {
    const old = this.#byId.get(id)
    if (!old) return
    this.#byId.delete(id)
    const i = this.#at(old)
    if (this.#items[i] === old) this.#items.splice(i, 1)
    else this.#items.splice(this.#items.indexOf(old), 1)
  }

  /** Where `item` goes: the first index whose item sorts after it or is it. */
  #at(item: I): number {
    let lo = 0
    let hi = this.#items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (byCreation(this.#items[mid]!, item) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
