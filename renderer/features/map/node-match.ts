/**
 * Finding a node by what a weaver types, the same way in the node list and in the "Link two
 * nodes" picker, and as the CLI and search read a name: case, accents, Unicode compatibility
 * forms and runs of spaces do not count (labelKey), and each typed word is the start of a word
 * of the label or of a tag, in any order. "cafe zur" finds "Café Zürich", "communit kitch"
 * finds "Community Kitchen". A typed text found whole inside the label finds it too ("kitchen"
 * finds "Soupkitchen"), as the list did before.
 */
import { labelKey } from '../../../shared/map/normalise.ts'

/** What a node is found by, folded once (a list of thousands is matched on each key press). */
export interface NodeKeys {
  label: string
  words: readonly string[]
}

const WORD_BREAK = /[^\p{L}\p{N}]+/u

const wordsOf = (folded: string): string[] => folded.split(WORD_BREAK).filter((w) => w !== '')

export function nodeKeys(node: { label: string; tags?: readonly string[] }): NodeKeys {
  const label = labelKey(node.label)
  const words = wordsOf(label)
  for (const t of node.tags ?? []) words.push(...wordsOf(labelKey(t)))
  return { label, words }
}

/** How well a node answers the query: 0 its label starts with it, 1 it is found otherwise; null not found. */
export type Rank = 0 | 1

/** The test for one query, or null when the query is empty (everything is found). */
export function nodeMatcher(query: string): ((keys: NodeKeys) => Rank | null) | null {
  const whole = labelKey(query)
  if (whole === '') return null
  const typed = wordsOf(whole)
  return (keys) => {
    if (keys.label.startsWith(whole)) return 0
    if (keys.label.includes(whole)) return 1
    if (typed.length === 0) return null
    return typed.every((t) => keys.words.some((w) => w.startsWith(t))) ? 1 : null
  }
}

/** Of `items`, those the query finds, the ones whose label starts with it first; otherwise in the order given. */
export function findNodes<T>(items: readonly T[], keysOf: (item: T) => NodeKeys, query: string): readonly T[] {
  const match = nodeMatcher(query)
  if (match === null) return items
  const first: T[] = []
  const rest: T[] = []
  for (const item of items) {
    const rank = match(keysOf(item))
    if (rank === 0) first.push(item)
    else if (rank === 1) rest.push(item)
  }
  return first.concat(rest)
}
