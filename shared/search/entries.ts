/**
 * What each kind of item contributes to search: the words indexed (title, body, tags), the
 * title a hit shows, what to open (parentId), and the document that holds it (what a caller
 * must be allowed to read for the hit to reach them).
 *
 * - resource: title; description and location; tags and its kind ("tool", "offer", …);
 * - booking: its note only (a booking without one has no words of its own: searching the
 *   resource's title finds the resource, not its every booking); shown as a booking of its
 *   resource, which it opens;
 * - decision: a proposal's title and details; an outcome's statement and a stance's reason,
 *   shown under their proposal's title, which they open;
 * - page: title, tags and the plain text of its body;
 * - node (of the map): its label; its description, tags and the texts of its attributes; its
 *   tags and type. Edges have no hit of their own.
 *
 * Pools have no kind of hit of their own (the contract lists none); their names are not words
 * of the resources in them.
 */
import type { SearchKind } from '../api/pages-api.ts'
import type { Resource } from '../schemas/resource.ts'
import type { Booking } from '../schemas/booking.ts'
import type { DecisionItem } from '../schemas/decision.ts'
import type { MapItem } from '../schemas/map.ts'
import { flatten } from './snippet.ts'

/** One item as the index holds it. */
export interface SearchEntry {
  kind: SearchKind
  id: string
  /** Indexed, boosted, and shown; empty for an item titled by its parent. */
  title: string
  /** Indexed, and where snippets come from; whitespace runs as one space. */
  body: string
  tags: string[]
  parentId?: string
  /** An item shown under its parent's title (a booking, a stance, an outcome): the parent's key, and the words around it. */
  titleFrom?: { key: string; prefix: string; otherwise: string }
  /** The document that holds the item (a shard, or the page's own): read access to it is what a hit needs. */
  docId: string
}

/** The one key of an item in a space's index (ids are unique within a collection, and each kind is one collection). */
export function entryKey(kind: SearchKind, id: string): string {
  return `${kind}:${id}`
}

/** The title a hit shows: its own, or its parent's with the words around it (`parentTitle` null when the parent is absent or hidden from the caller). */
export function shownTitle(entry: SearchEntry, parentTitle: string | null): string {
  if (!entry.titleFrom) return entry.title
  return parentTitle === null ? entry.titleFrom.otherwise : `${entry.titleFrom.prefix}${parentTitle}`
}

/** Each `…Entry` answers null for an item with nothing to find: deleted (a tombstone), or without words of its own. */
export function resourceEntry(r: Resource, docId: string): SearchEntry | null {
  if (r.deleted) return null
  return {
    kind: 'resource', id: r.id, title: r.title, docId,
    body: flatten([r.description, r.location ?? ''].filter((t) => t.length > 0).join(' — ')),
    tags: [...r.tags, r.kind],
  }
}

/** A booking's entry: its note (none, no entry). */
export function bookingEntry(b: Booking, docId: string): SearchEntry | null {
  const note = flatten(b.note ?? '')
  if (note.length === 0 || b.deleted) return null
  return {
    kind: 'booking', id: b.id, title: '', body: note, tags: [], parentId: b.resource, docId,
    titleFrom: { key: entryKey('resource', b.resource), prefix: 'Booking of ', otherwise: 'A booking' },
  }
}

/** A proposal's, outcome's or stance's entry (a stance without a reason, none). */
export function decisionEntry(d: DecisionItem, docId: string): SearchEntry | null {
  if (d.deleted) return null
  if (d.type === 'proposal') return { kind: 'decision', id: d.id, title: d.title, body: flatten(d.details), tags: [d.process], docId }
  const text = flatten(d.type === 'outcome' ? d.statement : d.reason)
  if (text.length === 0) return null
  const titleFrom = d.type === 'outcome'
    ? { key: entryKey('decision', d.decision), prefix: 'Outcome of ', otherwise: 'The outcome of a proposal' }
    : { key: entryKey('decision', d.decision), prefix: 'A reason on ', otherwise: 'A reason on a proposal' }
  return { kind: 'decision', id: d.id, title: '', body: text, tags: [], parentId: d.decision, titleFrom, docId }
}

/** A page as its store gives it: its id is its document id. */
export interface PageText {
  id: string
  title: string
  tags: string[]
  /** Its body as plain text (no block markers, no markup). */
  text: string
  deleted?: boolean
}

export function pageEntry(p: PageText): SearchEntry | null {
  if (p.deleted) return null
  return { kind: 'page', id: p.id, title: p.title, body: flatten(p.text), tags: p.tags, docId: p.id }
}

/** A map node's entry (an edge, none). */
export function nodeEntry(n: MapItem, docId: string): SearchEntry | null {
  if (n.kind !== 'node' || n.deleted) return null
  const attributes = Object.values(n.attributes).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v : []))
  const body = flatten([n.description, ...n.tags, ...attributes].filter((t) => t.length > 0).join(' — '))
  return { kind: 'node', id: n.id, title: n.label, body, tags: [...n.tags, n.type], docId }
}
