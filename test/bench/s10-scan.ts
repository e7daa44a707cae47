/**
 * S10's baselines: the same question answered without an index, over the same entries.
 *
 * - `linearScan` is what the index replaces: every item's text tokenised and folded as the
 *   index does it (words.ts), each query word matched by prefix or within the same edit
 *   distance (0.2 × its length, rounded, at most 2, for words of 4 letters or more), scored by
 *   term frequency with the same field boosts and the same weights for prefix and typo
 *   matches, all the words required and any of them when none has all, the caller's read check
 *   per document, the best `limit` kept. The target is held against this one.
 * - `includesScan` is the naive reference: `includes` of each folded query word in each
 *   item's folded text (kept between queries), all required, every item looked at, no
 *   ranking: it answers a weaker question (no typos, any substring, no order).
 */
import type { SearchEntry } from '../../shared/search/entries.ts'
import { fold, words } from '../../shared/search/words.ts'

const PREFIX_WEIGHT = 0.375
const FUZZY_WEIGHT = 0.45
const FIELDS = [['title', 3], ['body', 1], ['tags', 1.5]] as const

export interface ScanHit { key: string; score: number }

const fuzziness = (term: string): number => (term.length >= 4 ? Math.min(2, Math.round(term.length * 0.2)) : 0)

export function linearScan(entries: readonly SearchEntry[], query: string, limit: number, mayRead: (docId: string) => boolean): ScanHit[] {
  const terms = words(query).map(fold).filter((t) => t.length > 0)
  if (terms.length === 0) return []
  const fuzz = terms.map(fuzziness)
  const readable = new Map<string, boolean>()
  const scored = (all: boolean): ScanHit[] => {
    const hits: ScanHit[] = []
    for (const e of entries) {
      let ok = readable.get(e.docId)
      if (ok === undefined) readable.set(e.docId, (ok = mayRead(e.docId)))
      if (!ok) continue
      let score = 0
      let matched = 0
      for (const [field, boost] of FIELDS) {
        const text = field === 'tags' ? e.tags.join(' ') : e[field]
        for (const w of words(text)) {
          const token = fold(w)
          for (let i = 0; i < terms.length; i++) {
            const t = terms[i]!
            let weight = 0
            if (token === t) weight = 1
            else if (token.startsWith(t)) weight = PREFIX_WEIGHT
            else if (fuzz[i]! > 0 && Math.abs(token.length - t.length) <= fuzz[i]! && withinDistance(token, t, fuzz[i]!)) weight = FUZZY_WEIGHT
            if (weight === 0) continue
            score += boost * weight
            matched |= 1 << i
          }
        }
      }
      const needed = all ? (1 << terms.length) - 1 : 0
      if (score > 0 && (matched & needed) === needed) hits.push({ key: `${e.kind}:${e.id}`, score })
    }
    return hits
  }
  let hits = scored(true)
  if (hits.length === 0 && terms.length > 1) hits = scored(false)
  return hits.sort((a, b) => b.score - a.score).slice(0, limit)
}

/** Folded texts kept between queries, as a naive search would keep them. */
export function includesScanner(entries: readonly SearchEntry[]): (query: string, limit: number, mayRead: (docId: string) => boolean) => string[] {
  const hay = entries.map((e) => ({ key: `${e.kind}:${e.id}`, docId: e.docId, text: fold(`${e.title} ${e.body} ${e.tags.join(' ')}`) }))
  return (query, limit, mayRead) => {
    const terms = words(query).map(fold)
    const readable = new Map<string, boolean>()
    const out: string[] = []
    for (const h of hay) {
      if (!terms.every((t) => h.text.includes(t))) continue
      let ok = readable.get(h.docId)
      if (ok === undefined) readable.set(h.docId, (ok = mayRead(h.docId)))
      if (ok) out.push(h.key)
    }
    // Every match found (as the index finds them all before it ranks), the first `limit` kept.
    return out.slice(0, limit)
  }
}

let row = new Int32Array(64)
let prev = new Int32Array(64)

/** Whether the edit distance of a and b is at most k (Levenshtein, stopping once every cell of a row is past k). */
export function withinDistance(a: string, b: string, k: number): boolean {
  if (b.length + 1 > row.length) {
    row = new Int32Array(b.length * 2 + 2)
    prev = new Int32Array(b.length * 2 + 2)
  }
  for (let j = 0; j <= b.length; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    row[0] = i
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      row[j] = v
      if (v < best) best = v
    }
    if (best > k) return false
    const t = prev
    prev = row
    row = t
  }
  return prev[b.length]! <= k
}
