/**
 * Search hits in words for the CLI: one line per hit, its kind, its title, the snippet with
 * the matched words shown (bold on a terminal, «word» otherwise), and its id.
 *
 * A snippet's marks are offsets into the raw text, and neutralising text from peers
 * (safe-text.ts) changes lengths: so the snippet is cut into marked and unmarked parts first
 * (`inParts`), and each part is neutralised on its own after.
 */
import type { SearchHit, SearchResult } from '../../shared/api/pages-api.ts'
import { looksLikeDocumentId } from '../../shared/ids.ts'
import { DEFAULT_LIMIT } from '../../shared/search/space-search.ts'

export interface SnippetPart { text: string; marked: boolean }
export type HitInParts = Omit<SearchHit, 'snippet' | 'marks'> & { parts: SnippetPart[] }
export interface SearchResultInParts { hits: HitInParts[]; indexed: number }

/** What was asked, as typed on the command line: the words, the space (a name, or an id), the limit. */
export interface SearchAsked { QUERY?: unknown; SPACE?: unknown; limit?: unknown }

const BOLD = '\x1b[1m'
const PLAIN = '\x1b[22m'
const PARENT_KIND: Record<string, string> = { booking: 'resource', decision: 'proposal' }

/** A result with each snippet cut at its marks (marks out of order or out of range are dropped, not trusted). */
export function inParts(r: SearchResult): SearchResultInParts {
  return {
    indexed: r.indexed,
    hits: r.hits.map(({ snippet, marks, ...hit }) => {
      const parts: SnippetPart[] = []
      let at = 0
      for (const [start, end] of marks) {
        if (!(start >= at && end > start && end <= snippet.length)) continue
        if (start > at) parts.push({ text: snippet.slice(at, start), marked: false })
        parts.push({ text: snippet.slice(start, end), marked: true })
        at = end
      }
      if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false })
      return { ...hit, parts }
    }),
  }
}

/** The hits as lines; `bold` on a terminal that shows it. */
export function searchLines(r: SearchResultInParts, asked: SearchAsked, bold: boolean): string {
  const query = typeof asked.QUERY === 'string' ? asked.QUERY.trim() : ''
  const where = typeof asked.SPACE === 'string' && !looksLikeDocumentId(asked.SPACE) ? asked.SPACE : 'this space'
  const searched = `${r.indexed} item${r.indexed === 1 ? '' : 's'} you may read searched`
  if (r.hits.length === 0) return `No matches for "${query}" in ${where} (${searched}).`
  const limit = typeof asked.limit === 'string' && /^\d+$/.test(asked.limit.trim()) ? Number(asked.limit) : DEFAULT_LIMIT
  const mark = (t: string): string => (bold ? `${BOLD}${t}${PLAIN}` : `«${t}»`)
  const lines = r.hits.map((h) => {
    const snippet = h.parts.map((p) => (p.marked ? mark(p.text) : p.text)).join('')
    const plain = h.parts.map((p) => p.text).join('')
    // A hit whose snippet is its title (matched there, nothing else to show): the title, marked, once.
    const text = plain === h.title ? snippet : `${h.title}${snippet ? ` — ${snippet}` : ''}`
    const parent = h.parentId !== undefined ? `, of ${PARENT_KIND[h.kind] ?? 'item'} ${h.parentId.slice(0, 8)}` : ''
    return `${h.kind.padEnd(8)}  ${text}  (${h.id.slice(0, 8)}${parent})`
  })
  const more = r.hits.length >= limit ? `\nThe best ${limit} shown; --limit N shows more (up to 100).` : ''
  return `${r.hits.length} match${r.hits.length === 1 ? '' : 'es'} for "${query}" in ${where}, best first (${searched}):\n${lines.join('\n')}${more}`
}
