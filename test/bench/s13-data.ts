/**
 * S13's space: resources whose titles carry the words the filter queries look for, and
 * nothing else that would match them (descriptions and tags use other words), so the rows a
 * query should leave are known in advance. Also the filter baseline: the same queries run
 * over the same items in Node, with nothing but the filtering itself.
 */
import type { AddResourceInput } from '../../shared/api/resources-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { ResourceView } from '../../shared/schemas/resource.ts'

const KINDS = ['tool', 'offer', 'need', 'facility', 'skill'] as const
const THINGS = [
  'ladder', 'cordless drill', 'tent', 'kayak', 'sewing machine', 'projector', 'wheelbarrow', 'canoe', 'bread oven', 'pressure washer',
  'telescope', 'weaving loom', 'pottery kiln', 'tandem bicycle', 'cargo trailer', 'anvil', 'chainsaw', 'bee suit', 'cider press', 'tile cutter',
] as const

/** The resource numbered `i`: its title starts `Item i:` and names one of twenty things. */
export function s13Input(spaceId: SpaceId, i: number): AddResourceInput {
  return {
    spaceId, kind: KINDS[i % KINDS.length]!, title: `Item ${i}: ${THINGS[i % THINGS.length]!}`,
    description: 'Kept in the shed behind the hall; ask before taking it out for a weekend.',
    tags: ['shared', `shelf-${i % 40}`], quantity: 1,
  }
}

/** A title after an edit: the same `Item i:` start (so it keeps its place in a list sorted by title), then a word no other title has. */
export const editedTitle = (i: number, edit: number): string => `Item ${i}: ${THINGS[i % THINGS.length]!}, mended ${edit}`

/** The number in a row's `Item i:`, or null. */
export function itemNumber(text: string): number | null {
  const m = /Item (\d+):/.exec(text)
  return m ? Number(m[1]) : null
}

/**
 * Queries of different reach, as a user would type them: a thing (one item in twenty), a
 * number (one item, or the few hundred whose number holds those digits), a two-word thing,
 * and one that matches nothing.
 */
export const S13_QUERIES = ['kayak', 'Item 4242', 'telescope', 'Item 77', 'bread oven', 'Item 9999', 'anvil', 'nothing like this'] as const

/** What the board searches: a resource's title, description and tags, lower-cased. */
const haystack = (r: ResourceView): string => `${r.title}\n${r.description}\n${r.tags.join(' ')}`.toLowerCase()

/** A query's words: the board keeps a resource when every one occurs in its text, in any order. */
export const queryWords = (query: string): string[] => query.toLowerCase().split(/\s+/).filter(Boolean)

/** The resources `query` matches, as the board matches them (every word, case-insensitive). */
export function nodeFilter(items: readonly ResourceView[], query: string): ResourceView[] {
  const words = queryWords(query)
  return items.filter((r) => {
    const h = haystack(r)
    return words.every((w) => h.includes(w))
  })
}

/** The median time of filtering `items` by `query` in Node, over `runs` runs (ms). */
export function nodeFilterMs(items: readonly ResourceView[], query: string, runs = 21): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    nodeFilter(items, query)
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}
