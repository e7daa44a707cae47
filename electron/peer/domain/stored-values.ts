/**
 * How item values are kept in Automerge documents. Automerge 3 keeps a JavaScript string as
 * collaborative text (one operation per character); a collection keeps only the fields it
 * names as text, and every other string as an `ImmutableString` (one operation, last write
 * wins), which makes a shard of 256 resources about three times cheaper to load. Reading turns
 * them back into plain strings, so nothing past the store sees the difference.
 */
import { ImmutableString } from '@automerge/automerge'

/** A value as it is written into a document: strings become scalars, except the top-level fields named as text. */
export function toStored(value: unknown, text: ReadonlySet<string> = NONE, top = true): unknown {
  if (typeof value === 'string') return new ImmutableString(value)
  if (Array.isArray(value)) return value.map((v) => toStored(v, NONE, false))
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof ImmutableString)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue
      out[k] = top && text.has(k) && typeof v === 'string' ? v : toStored(v, NONE, false)
    }
    return out
  }
  return value
}

/** A value as read from a document, with every scalar string a plain string again. */
export function toPlain(value: unknown): unknown {
  if (value instanceof ImmutableString) return value.toString()
  if (Array.isArray(value)) return value.map(toPlain)
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v)
    return out
  }
  return value
}

const NONE: ReadonlySet<string> = new Set()

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof ImmutableString)

/**
 * Writes `next` over the map `target` of a document key by key: a key that changed is written,
 * a key gone is deleted, an unchanged one is left alone. Two peers changing different keys of
 * one map (a node's attributes) apart then both keep their change; replacing the whole map
 * would keep only one of them. Answers false when `target` is no map to write into.
 */
export function patchMap(target: unknown, next: unknown): boolean {
  if (!isRecord(target) || !isRecord(next)) return false
  for (const k of Object.keys(target)) if (!(k in next) || next[k] === undefined) delete target[k]
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined || sameValue(toPlain(target[k]), v)) continue
    if (!patchMap(target[k], v)) target[k] = toStored(v, NONE, false)
  }
  return true
}

/** Equal as JSON values: an unchanged field is not written again, so it cannot win over a concurrent edit. */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}
