/**
 * A snippet: a window of about 160 characters of plain text around the best match, with the
 * matched words marked by offsets (never markup: the text came from peers, and each reader
 * draws its own marks, bold in the app, «» or ANSI in the CLI).
 *
 * The best window is the one holding the most different matched words (then the most
 * matches, then the earliest); it starts a little before its first match so the reader has
 * some context, and is cut at word boundaries with "…" where text was left out.
 */
import { wordSpans } from './words.ts'

export interface Snippet {
  /** Plain text, whitespace runs as one space. */
  snippet: string
  /** [start, end) offsets in `snippet` of each matched word, in order. */
  marks: Array<[number, number]>
}

export const SNIPPET_WIDTH = 160
/** How much of the window comes before its first match. */
const LEAD = 0.25
const ELLIPSIS = '…'

/** Runs of whitespace (line breaks included) as one space, trimmed: how a snippet shows text. */
export function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * The window of `text` that best shows where the words in `matched` (folded terms, as the
 * index matched them) occur. With no match in `text`, its start, unmarked.
 */
export function snippetOf(text: string, matched: ReadonlySet<string>, width = SNIPPET_WIDTH): Snippet {
  return snippetOfFlat(flatten(text), matched, width)
}

/** `snippetOf` for a text already flattened (an index entry's body is: a page's is kilobytes, read for every hit). */
export function snippetOfFlat(flat: string, matched: ReadonlySet<string>, width = SNIPPET_WIDTH): Snippet {
  if (flat.length === 0) return { snippet: '', marks: [] }
  const hits = matched.size === 0 ? [] : wordSpans(flat).filter((w) => matched.has(w.term))
  if (hits.length === 0) return cut(flat, 0, width, [])
  // Slide over the matches: the window starting at hit i holds hits i..j while they end within it.
  let best = { first: 0, distinct: 0, count: 0 }
  for (let i = 0; i < hits.length; i++) {
    const limit = hits[i]!.start + width * (1 - LEAD)
    const terms = new Set<string>()
    let count = 0
    for (let j = i; j < hits.length && hits[j]!.end <= limit; j++) {
      terms.add(hits[j]!.term)
      count++
    }
    if (terms.size > best.distinct || (terms.size === best.distinct && count > best.count)) best = { first: i, distinct: terms.size, count }
  }
  const start = Math.max(0, hits[best.first]!.start - Math.floor(width * LEAD))
  return cut(flat, start, width, hits)
}

/** `flat` from about `from` for `width` characters, snapped to whole words, with the hits inside marked. */
function cut(flat: string, from: number, width: number, hits: Array<{ start: number; end: number }>): Snippet {
  let start = from
  // Start at a word's start: skip the rest of a word cut in two.
  if (start > 0 && /\S/.test(flat[start - 1]!)) {
    const space = flat.indexOf(' ', start)
    const firstHit = hits.find((h) => h.start >= from)?.start ?? Infinity
    start = space === -1 || space + 1 > firstHit ? Math.min(firstHit, flat.length) : space + 1
  }
  let end = Math.min(flat.length, start + width)
  if (end < flat.length && /\S/.test(flat[end]!)) {
    const space = flat.lastIndexOf(' ', end)
    // A window that is one long word is cut mid-word rather than left empty.
    if (space > start) end = space
  }
  const body = flat.slice(start, end).trimEnd()
  const before = start > 0 ? ELLIPSIS : ''
  const after = start + body.length < flat.length ? ELLIPSIS : ''
  const shift = before.length - start
  const marks: Array<[number, number]> = hits
    .filter((h) => h.start >= start && h.end <= start + body.length)
    .map((h) => [h.start + shift, h.end + shift])
  return { snippet: before + body + after, marks }
}
