/**
 * Kept filters give what a full pass gives: random adds, edits, deletes and the passing of time,
 * checked against a plain filter over every item after each step.
 */
import { describe, expect, it } from 'vitest'
import type { ItemBase } from '../../shared/collections/define.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { QueryCache, type Source } from '../../electron/peer/domain/query-cache.ts'
import { byCreation, SortedItems } from '../../electron/peer/domain/sorted-items.ts'

type Item = ItemBase & { kind: string; expiresAt?: number }

function source(): Source & { put(i: Item): void; remove(id: string): void; all(): Item[] } {
  const byId = new Map<string, Item>()
  const sorted = new SortedItems<Item>()
  return {
    spaceId: 'space', def: { name: 'things' },
    inOrder: () => sorted.items, get: (id) => byId.get(id),
    put(i) { byId.set(i.id, i); sorted.set(i) },
    remove(id) { byId.delete(id); sorted.delete(id) },
    all: () => [...byId.values()].sort(byCreation),
  }
}

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

describe('QueryCache', () => {
  it.each([1, 2, 3, 4, 5])('matches a full pass after every step (seed %i)', (seed) => {
    const r = rng(seed)
    const src = source()
    const cache = new QueryCache()
    const ids: string[] = []
    let now = 1_000_000
    const kinds = ['tool', 'offer', 'need']
    const filters = kinds.map((k) => ({ key: k, keep: (i: Item) => i.kind === k && !i.deleted && !(i.expiresAt !== undefined && i.expiresAt <= now) }))
    for (let step = 0; step < 600; step++) {
      const roll = r()
      const changed: string[] = []
      if (roll < 0.45 || ids.length === 0) {
        const id = `id${step}`
        // Some items share a creation time: order falls back to the id.
        const createdAt = new Date(1_700_000_000_000 + Math.floor(r() * 200) * 1000).toISOString()
        src.put({ id, createdAt, updatedAt: createdAt, kind: kinds[Math.floor(r() * 3)]!, ...(r() < 0.3 ? { expiresAt: now + Math.floor(r() * 5000) } : {}) })
        ids.push(id)
        changed.push(id)
      } else if (roll < 0.75) {
        const id = ids[Math.floor(r() * ids.length)]!
        const old = src.get(id) as Item | undefined
        if (old) src.put({ ...old, kind: kinds[Math.floor(r() * 3)]!, deleted: r() < 0.2 })
        changed.push(id)
      } else if (roll < 0.85) {
        const id = ids[Math.floor(r() * ids.length)]!
        src.remove(id)
        changed.push(id)
      } else {
        now += Math.floor(r() * 800)
      }
      if (changed.length > 0) cache.changed({ spaceId: 'space' as SpaceId, collection: 'things', ids: changed })
      const f = filters[Math.floor(r() * filters.length)]!
      const kept = cache.matches<Item>(src, f.key, f.keep, now, (i) => i.expiresAt).map((i) => i.id)
      expect(kept).toEqual(src.all().filter(f.keep).map((i) => i.id))
    }
  })
})
