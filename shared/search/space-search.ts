/**
 * One space's search index: MiniSearch over the entries of entries.ts, kept up to date one
 * item at a time (`set`, `remove`), asked with the caller's read check.
 *
 * How a query matches (the choices, and why):
 * - fields: title (boost 3: a word in the title says more of what an item is than one in a
 *   long body), tags (boost 1.5), body;
 * - every query word matches by prefix ("bik" finds bike, as a search box is typed into),
 *   but a single Latin letter or digit (see `prefixed`);
 *   words of 4 letters or more also with typos: an edit distance of 0.2 × the word's length,
 *   rounded ("trailr" finds trailer, 1 edit; at most 2). Shorter words are matched as typed
 *   or as a prefix only: a typo allowance on "van" would match "can", "man", "vat", … ;
 *   fuzzy and prefix matches weigh less than exact ones (MiniSearch's weights);
 * - several words: AND (an item must match every word, so each word typed narrows), and when
 *   nothing the caller may read matches them all, OR (items matching most words first), so a
 *   query with one word no item has still finds something.
 * - the caller's read check runs inside the search, before ranking and the limit: hidden items
 *   never take the place of good hits, nor change what the OR fallback sees. It is asked once
 *   per document (a shard holds many items).
 */
import MiniSearch, { type SearchResult as MiniResult } from 'minisearch'
import type { SearchHit, SearchKind, SearchResult } from '../api/pages-api.ts'
import { entryKey, shownTitle, type SearchEntry } from './entries.ts'
import { snippetOfFlat } from './snippet.ts'
import { fold, words } from './words.ts'

export const DEFAULT_LIMIT = 20
const FIELDS = ['title', 'body', 'tags'] as const
const FUZZY_FROM = 4

export interface SearchAsk {
  /** At most this many hits (DEFAULT_LIMIT when not given). */
  limit?: number
  /** Only these kinds (all when not given). */
  kinds?: readonly SearchKind[]
  /** Whether the caller may read a document: only items held in one it may read are hits. */
  mayRead: (docId: string) => boolean
}

/**
 * Whether a query word matches by prefix: every word but a single Latin letter or digit, whose
 * prefix is half the vocabulary (what a search box sends after one keystroke); one letter of
 * another script (a Han character) often is a word, and starts few others.
 */
function prefixed(term: string): boolean {
  return term.length > 1 || !/^[a-z0-9]$/.test(term)
}

/** The options of the one MiniSearch setup: the index and the linear-scan baseline of the bench agree on them. */
export const MATCHING = {
  prefix: prefixed,
  fuzzy: (term: string): number | false => (term.length >= FUZZY_FROM ? 0.2 : false),
  maxFuzzy: 2,
  boost: { title: 3, tags: 1.5 },
} as const

export class SpaceSearch {
  readonly #mini = new MiniSearch<SearchEntry>({
    idField: 'key',
    fields: [...FIELDS],
    storeFields: [],
    extractField: (e, field) => (field === 'key' ? entryKey(e.kind, e.id) : field === 'tags' ? e.tags.join(' ') : e[field as 'title' | 'body']),
    tokenize: words,
    processTerm: (term) => fold(term) || null,
    searchOptions: { ...MATCHING, combineWith: 'AND' },
  })
  readonly #entries = new Map<string, SearchEntry>()
  /** How many entries each document holds: `indexed` for a caller without a look at every entry. */
  readonly #perDoc = new Map<string, number>()

  /** Items in the index. */
  get size(): number {
    return this.#entries.size
  }

  has(key: string): boolean {
    return this.#entries.has(key)
  }

  /** Adds an item, or replaces what the index held of it. */
  set(entry: SearchEntry): void {
    const key = entryKey(entry.kind, entry.id)
    const before = this.#entries.get(key)
    if (before) {
      if (sameEntry(before, entry)) return
      this.remove(key)
    }
    this.#entries.set(key, entry)
    this.#perDoc.set(entry.docId, (this.#perDoc.get(entry.docId) ?? 0) + 1)
    this.#mini.add(entry)
  }

  /** Drops an item (deleted, gone, or no longer readable here); nothing when it is not there. */
  remove(key: string): void {
    const before = this.#entries.get(key)
    if (!before) return
    this.#entries.delete(key)
    const left = (this.#perDoc.get(before.docId) ?? 1) - 1
    if (left > 0) this.#perDoc.set(before.docId, left)
    else this.#perDoc.delete(before.docId)
    this.#mini.discard(key)
  }

  /** The keys of the items of one kind (to reconcile a kind with its source). */
  keysOf(kind: SearchKind): string[] {
    return [...this.#entries.values()].filter((e) => e.kind === kind).map((e) => entryKey(e.kind, e.id))
  }

  /**
   * The best hits for `query` among the items the caller may read, best first; `indexed` is
   * how many items of the index the caller may read (any kind): all a hit can come from.
   */
  search(query: string, ask: SearchAsk): SearchResult {
    const readable = new Map<string, boolean>()
    const mayRead = (docId: string): boolean => {
      let ok = readable.get(docId)
      if (ok === undefined) readable.set(docId, (ok = ask.mayRead(docId)))
      return ok
    }
    const kinds = ask.kinds && ask.kinds.length > 0 ? new Set(ask.kinds) : null
    const filter = (r: MiniResult): boolean => {
      const e = this.#entries.get(r.id as string)
      return e !== undefined && (kinds === null || kinds.has(e.kind)) && mayRead(e.docId)
    }
    let results = this.#mini.search(query, { filter })
    if (results.length === 0 && words(query).length > 1) results = this.#mini.search(query, { filter, combineWith: 'OR' })
    const hits = results.slice(0, ask.limit ?? DEFAULT_LIMIT).map((r) => this.#hit(r, mayRead))
    let indexed = 0
    for (const [docId, n] of this.#perDoc) if (mayRead(docId)) indexed += n
    return { hits, indexed }
  }

  #hit(r: MiniResult, mayRead: (docId: string) => boolean): SearchHit {
    const e = this.#entries.get(r.id as string)!
    const parent = e.titleFrom ? this.#entries.get(e.titleFrom.key) : undefined
    const title = shownTitle(e, parent && mayRead(parent.docId) ? parent.title : null)
    const matched = new Set(r.terms)
    // A match in the title alone (an item with no body of its own): the title is the snippet.
    const { snippet, marks } = snippetOfFlat(e.body.length > 0 ? e.body : e.title, matched)
    return {
      kind: e.kind, id: e.id, title, snippet, marks, score: Math.round(r.score * 1000) / 1000,
      ...(e.parentId !== undefined ? { parentId: e.parentId } : {}),
    }
  }
}

function sameEntry(a: SearchEntry, b: SearchEntry): boolean {
  return a.title === b.title && a.body === b.body && a.docId === b.docId && a.parentId === b.parentId &&
    a.tags.length === b.tags.length && a.tags.every((t, i) => t === b.tags[i])
}
