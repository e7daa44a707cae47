/**
 * Text from others made safe to print. Titles, names and notes come from peers, and a peer's
 * data never passes this peer's API checks, so every string of a result is neutralised before
 * it is laid out for a person: a character that steers a terminal or reorders text (an escape,
 * a bell, a carriage return or newline, a bidi override) is shown as its code (`\x1b`,
 * `\u202e`), so it can neither act on the terminal nor forge a line. The layout's own newlines
 * are added afterwards and are untouched. JSON output keeps every value; it only escapes the
 * characters JSON.stringify leaves raw.
 */
import { STEERING_CHARS } from '../../shared/schemas/text.ts'

const hex = (c: string, width: number): string => (c.codePointAt(0) ?? 0).toString(16).padStart(width, '0')
const shown = (c: string): string => ((c.codePointAt(0) ?? 0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`)

/** `text` with every steering character shown as its code. */
export function safeText(text: string): string {
  return text.replace(STEERING_CHARS, shown)
}

/** `value` with every string in it (keys too) neutralised by `safeText`. */
export function safeValue<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T
  if (Array.isArray(value)) return value.map(safeValue) as T
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [safeText(k), safeValue(v)])) as T
  }
  return value
}

/** `value` as one line of JSON, with DEL, C1 controls, bidi controls and line separators escaped too (JSON.stringify leaves them raw). */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(STEERING_CHARS, (c) => `\\u${hex(c, 4)}`)
}
