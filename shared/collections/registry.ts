/**
 * Every kind of shared data this version of Commonweave knows, by name. The peer takes its
 * registry as a value (tests register throwaway collections); this is the default one.
 */
import type { Collection } from './define.ts'
import { bookings } from './bookings.ts'
import { decisions } from './decisions.ts'
import { map } from './map.ts'
import { pages } from './pages.ts'
import { pools } from './pools.ts'
import { resources } from './resources.ts'

export class CollectionRegistry {
  readonly #byName = new Map<string, Collection>()

  constructor(collections: readonly Collection[]) {
    for (const c of collections) {
      if (this.#byName.has(c.name)) throw new Error(`collection ${c.name} is registered twice`)
      this.#byName.set(c.name, c)
    }
  }

  get(name: string): Collection | undefined {
    return this.#byName.get(name)
  }

  has(name: string): boolean {
    return this.#byName.has(name)
  }

  names(): string[] {
    return [...this.#byName.keys()]
  }

  all(): Collection[] {
    return [...this.#byName.values()]
  }
}

/** The collections of this version of Commonweave. */
export const COLLECTIONS: readonly Collection[] = [resources, pools, bookings, decisions, pages, map] as unknown as Collection[]

export const defaultRegistry = (): CollectionRegistry => new CollectionRegistry(COLLECTIONS)
