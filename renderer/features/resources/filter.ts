/**
 * The board's filtering, as pure functions over the whole list the page holds: the board keeps
 * every resource of the space in memory and answers a filter without asking the peer, so it
 * must stay fast at 10,000 items. One pass sorts items onto shelves (current, expired, closed),
 * counts kinds for the tabs, and keeps what matches; the text searched is lower-cased once
 * per item version and cached.
 */
import { RESOURCE_KINDS, type ResourceKind, type ResourceView } from '../../../shared/schemas/resource.ts'

/** Where an item sits on the board: listed, or apart because it expired or was closed. */
export type Shelf = 'current' | 'expired' | 'closed'
export const SHELVES: readonly Shelf[] = ['current', 'expired', 'closed']

export interface BoardFilter {
  kind: ResourceKind | 'all'
  /** Free text: matched against title, description, tags (and owner and pool names). */
  query: string
  tag: string | null
  /** Open or matched (closed items are their own shelf). */
  status: 'any' | 'open' | 'matched'
  /** A pool's id. */
  pool: string | null
  mine: boolean
  shelf: Shelf
}

export const NO_FILTER: BoardFilter = { kind: 'all', query: '', tag: null, status: 'any', pool: null, mine: false, shelf: 'current' }

/** Whether anything narrows the list beyond the shelf shown. */
export function isFiltered(f: BoardFilter): boolean {
  return f.kind !== 'all' || f.query.trim() !== '' || f.tag !== null || f.status !== 'any' || f.pool !== null || f.mine
}

export function shelfOf(r: Pick<ResourceView, 'status' | 'expired'>): Shelf {
  if (r.status === 'closed') return 'closed'
  return r.expired ? 'expired' : 'current'
}

export interface BoardResult {
  /** The items to list, in the order given. */
  items: ResourceView[]
  /** Per kind, items matching every filter but the kind, on the shelf shown (for the kind tabs). */
  kinds: Record<ResourceKind | 'all', number>
  /** Per shelf, items matching every filter (the kind included). */
  shelves: Record<Shelf, number>
}

// Keyed by the item object: a refreshed item is a new object, so its text is folded again.
const haystacks = new WeakMap<ResourceView, string>()

function haystack(r: ResourceView): string {
  let h = haystacks.get(r)
  if (h === undefined) {
    h = fold([r.title, r.description, r.tags.join(' '), r.ownerName ?? '', r.poolName ?? '', r.location ?? ''].join('\n'))
    haystacks.set(r, h)
  }
  return h
}

/** Case- and accent-insensitive text, for searching. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/**
 * Applies a filter. `me` is this peer's did (for "Mine"). Every word of the query must occur
 * somewhere in the item's text, in any order.
 */
export function filterResources(all: readonly ResourceView[], f: BoardFilter, me: string | null): BoardResult {
  const words = fold(f.query).split(/\s+/).filter(Boolean)
  const tag = f.tag === null ? null : f.tag.normalize('NFC').toLowerCase()
  const kinds = Object.fromEntries(['all', ...RESOURCE_KINDS].map((k) => [k, 0])) as BoardResult['kinds']
  const shelves: BoardResult['shelves'] = { current: 0, expired: 0, closed: 0 }
  const items: ResourceView[] = []
  for (const r of all) {
    if (f.mine && r.owner !== me) continue
    if (tag !== null && !r.tags.includes(tag)) continue
    if (f.pool !== null && r.pool !== f.pool) continue
    const shelf = shelfOf(r)
    // The status filter chooses among open and matched; the closed shelf is all closed items.
    if (shelf !== 'closed' && f.status !== 'any' && r.status !== f.status) continue
    if (words.length > 0) {
      const h = haystack(r)
      if (!words.every((w) => h.includes(w))) continue
    }
    if (shelf === f.shelf) {
      kinds.all++
      kinds[r.kind]++
    }
    if (f.kind !== 'all' && r.kind !== f.kind) continue
    shelves[shelf]++
    if (shelf === f.shelf) items.push(r)
  }
  return { items, kinds, shelves }
}

/** Every tag in use, most used first, then by name. */
export function tagsInUse(all: readonly ResourceView[]): Array<{ tag: string; count: number }> {
  const counts = new Map<string, number>()
  for (const r of all) for (const t of r.tags) counts.set(t, (counts.get(t) ?? 0) + 1)
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
}

/** Newest first: what people posted last is what they look for. */
export function newestFirst(all: readonly ResourceView[]): ResourceView[] {
  return [...all].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
}
