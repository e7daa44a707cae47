/**
 * Which columns a written sheet has. Each custom field gets a column of its own, as Kumu expects,
 * up to MAX_COLUMNS in all; a map whose nodes have more distinct attribute names than that (2,000
 * nodes with 50 names each made a sheet of 100,000 columns, and ran the peer out of memory) keeps
 * the most used ones as columns and writes the rest of each item's attributes as one JSON object
 * in the last column, MORE_ATTRIBUTES. Reading a sheet, that column is read back into the item's
 * attributes, by their names, so the sheet still round-trips. An attribute that is itself named
 * MORE_ATTRIBUTES always travels inside it.
 */
import { isRecord } from './json-text.ts'
import { fieldAt, putAttribute, refuse } from './fields.ts'
import { MAX_COLUMNS } from './csv-rows.ts'
import type { Attributes } from '../../schemas/map.ts'

export const MORE_ATTRIBUTES = 'More attributes (JSON)'

export interface Columns {
  /** The fields and custom fields that have a column, in the order they are written. */
  own: string[]
  /** Whether the sheet ends with the MORE_ATTRIBUTES column. */
  more: boolean
}

/** The columns for `items`: `base` first, then custom fields by first use, the least used moved into MORE_ATTRIBUTES when there are too many. */
export function columnsOf(items: ReadonlyArray<Record<string, unknown>>, base: readonly string[]): Columns {
  const uses = new Map<string, number>()
  const isBase = new Set(base)
  for (const item of items) for (const k of Object.keys(item)) if (!isBase.has(k)) uses.set(k, (uses.get(k) ?? 0) + 1)
  const custom = [...uses.keys()]
  if (base.length + custom.length <= MAX_COLUMNS && !uses.has(MORE_ATTRIBUTES)) return { own: [...base, ...custom], more: false }
  const room = MAX_COLUMNS - base.length - 1
  // The most used keep a column (the first met when as used); they are written in the order first met.
  const kept = new Set(custom.filter((k) => k !== MORE_ATTRIBUTES).map((k, i) => ({ k, i, n: uses.get(k)! }))
    .sort((a, b) => b.n - a.n || a.i - b.i).slice(0, room).map(({ k }) => k))
  return { own: [...base, ...custom.filter((k) => kept.has(k))], more: true }
}

/** An item's attributes that have no column of their own, as the MORE_ATTRIBUTES cell ('' when none). */
export function moreCell(item: Record<string, unknown>, own: ReadonlySet<string>): string {
  const rest = Object.entries(item).filter(([k]) => !own.has(k))
  return rest.length === 0 ? '' : JSON.stringify(Object.fromEntries(rest))
}

/** Takes the MORE_ATTRIBUTES cell out of a row's fields, as the attributes it holds (checked as any others). */
function takeMore(fields: Record<string, unknown>, at: string): Attributes {
  const name = Object.keys(fields).find((k) => k.trim().toLowerCase() === MORE_ATTRIBUTES.toLowerCase())
  if (name === undefined) return {}
  const raw = fields[name]
  delete fields[name]
  const place = fieldAt(at, MORE_ATTRIBUTES)
  let parsed: unknown
  try {
    parsed = JSON.parse(String(raw))
  } catch (err) {
    return refuse(`${place} must be a JSON object of attributes ({"name": value}): ${err instanceof Error ? err.message : String(err)}`)
  }
  if (!isRecord(parsed)) return refuse(`${place} must be a JSON object of attributes ({"name": value})`)
  const attributes: Attributes = {}
  for (const [k, v] of Object.entries(parsed)) putAttribute(attributes, k, v, at)
  return attributes
}

/** Reads a row with `read` (an element or a connection), its MORE_ATTRIBUTES cell added to the attributes. */
export function withMore<T extends { attributes: Attributes }>(fields: Record<string, unknown>, at: string, read: (fields: Record<string, unknown>) => T): T {
  const more = takeMore(fields, at)
  const item = read(fields)
  for (const [k, v] of Object.entries(more)) putAttribute(item.attributes, k, v, at)
  return item
}
