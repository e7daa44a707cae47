/**
 * The values a map file brings, made into what a node or an edge may hold, with the limits of
 * shared/schemas/map.ts. A value past a limit refuses the whole file with an error naming its
 * place (`elements[3].Notes: …`): an import is all or nothing, and a weaver fixes the file.
 * What only needs tidying is tidied: spaces in a label, tags with characters a tag cannot hold.
 *
 * These are hand-written checks, not zod: a map of 7,000 items is checked in milliseconds.
 */
import { CommonweaveError, ErrorCode } from '../../errors.ts'
import {
  MAX_ATTRIBUTE_NAME, MAX_ATTRIBUTE_TEXT, MAX_ATTRIBUTES, MAX_DESCRIPTION, MAX_EDGE_TYPE, MAX_LABEL, MAX_LIST, MAX_LIST_ITEM, MAX_TAG, MAX_TAGS, MAX_URL,
  type AttributeValue, type Attributes,
} from '../../schemas/map.ts'
import { hasVisibleChar, STEERING_CHARS } from '../../schemas/text.ts'

/** How deep a field's objects may nest (Murmurations' `geolocation.lat` is one deep). */
export const MAX_NESTING = 8

/** Whether `v` holds objects or lists nested deeper than `levels`; never recurses further than that. */
function nestsDeeper(v: unknown, levels: number): boolean {
  if (typeof v !== 'object' || v === null) return false
  if (levels === 0) return true
  for (const inner of Object.values(v)) if (nestsDeeper(inner, levels - 1)) return true
  return false
}

function refuseNesting(at: string): never {
  return refuse(`${at}: its objects or lists nest more than ${MAX_NESTING} deep; a map's attribute holds text, a number, true/false or a list of texts`)
}

/**
 * Sets `key` on `o` as its own property. Plain assignment of `__proto__` sets an object's
 * prototype instead (and a text value is then dropped without a word), so names that come from
 * a file or a map go through here.
 */
export function putOwn<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Refuses the file, naming the place: `elements[3].label is required`, `line 4: …`. */
export function refuse(message: string): never {
  throw new CommonweaveError(ErrorCode.ValidationFailed, message)
}

/** The place of a field: `elements[3].label`, or `line 5, label` in a CSV sheet. */
export function fieldAt(at: string, name: string): string {
  if (at === '') return name
  return /\bline \d+$/.test(at) ? `${at}, ${name}` : `${at}.${name}`
}

const lead = (at: string): string => (at === '' ? '' : `${at}: `)

/** Text of a cell or field: a string, or a number or yes/no written as text. */
function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  if (typeof v === 'boolean') return String(v)
  return undefined
}

/** One line: spaces (new lines too) made one, steering characters left out. */
function oneLine(s: string): string {
  return s.replace(/\s+/gu, ' ').replace(STEERING_CHARS, '').trim()
}

/** A node's label (required), or an edge's label or type. */
export function lineOf(v: unknown, at: string, max = MAX_LABEL): string {
  const text = asText(v)
  if (text === undefined) return v === undefined || v === null ? refuse(`${at} is required`) : refuse(`${at} must be text`)
  const line = oneLine(text)
  if (line === '' || !hasVisibleChar(line)) refuse(`${at} is required`)
  if (line.length > max) refuse(`${at} is at most ${max} characters (it has ${line.length})`)
  return line
}

export const edgeTypeOf = (v: unknown, at: string): string => lineOf(v, at, MAX_EDGE_TYPE)

/** An optional single line: undefined when absent or empty. */
export function optionalLineOf(v: unknown, at: string, max = MAX_LABEL): string | undefined {
  const text = asText(v)
  return text === undefined || oneLine(text) === '' ? undefined : lineOf(text, at, max)
}

/** A description: several lines kept, control characters other than new lines and tabs left out. */
export function descriptionOf(v: unknown, at: string): string {
  if (v === undefined || v === null) return ''
  const text = asText(v)
  if (text === undefined) refuse(`${at} must be text`)
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim()
  if (clean.length > MAX_DESCRIPTION) refuse(`${at} is at most ${MAX_DESCRIPTION} characters (it has ${clean.length})`)
  return clean
}

/** A tag as the map keeps them: lower case, letters, digits, spaces, `_`, `.`, `-` (other characters become spaces). */
export function tidyTag(raw: string): string {
  return raw.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}\p{N} _.-]+/gu, ' ').replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+/u, '').trim().slice(0, MAX_TAG).trim()
}

/** Tags: a list, or one text with `|` between them. Empty ones and repeats are left out. */
export function tagsOf(v: unknown, at: string): string[] {
  if (v === undefined || v === null || v === '') return []
  const raw = Array.isArray(v) ? v.map((t) => asText(t) ?? '') : typeof v === 'string' ? v.split('|') : refuse(`${at} must be a list of tags`)
  const tags = [...new Set(raw.map(tidyTag).filter((t) => t !== ''))]
  if (tags.length > MAX_TAGS) refuse(`${at}: at most ${MAX_TAGS} tags (it has ${tags.length})`)
  return tags
}

/** A web address (http or https), or undefined when `v` is none: such a value is kept as an attribute instead. */
export function webUrlOf(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined
  const u = v.trim()
  if (u === '' || u.length > MAX_URL) return undefined
  // A bare host as profiles often give it ("open.coop", "www.example.org/about"): on the web.
  if (/^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?::\d+)?(?:[/?#]\S*)?$/u.test(u)) return webUrlOf(`https://${u}`)
  try {
    return ['http:', 'https:'].includes(new URL(u).protocol) ? u : undefined
  } catch {
    return undefined
  }
}

/** A free attribute's value, or undefined for an empty one (absent, null, '', []). */
export function attributeValueOf(v: unknown, at: string): AttributeValue | undefined {
  if (v === undefined || v === null || v === '') return undefined
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return Number.isFinite(v) ? v : refuse(`${at} must be a finite number`)
  if (typeof v === 'string') {
    if (v.length > MAX_ATTRIBUTE_TEXT) refuse(`${at}: an attribute's text is at most ${MAX_ATTRIBUTE_TEXT} characters (it has ${v.length})`)
    return v
  }
  if (Array.isArray(v)) {
    if (nestsDeeper(v, MAX_NESTING)) refuseNesting(at)
    const items = v.flatMap((x) => {
      const t = typeof x === 'object' && x !== null ? JSON.stringify(x) : asText(x)
      return t === undefined || t === '' ? [] : [t]
    })
    if (items.length === 0) return undefined
    if (items.length > MAX_LIST) refuse(`${at}: an attribute holds at most ${MAX_LIST} values (it has ${items.length})`)
    const long = items.find((t) => t.length > MAX_LIST_ITEM)
    if (long !== undefined) refuse(`${at}: each of an attribute's values is at most ${MAX_LIST_ITEM} characters ("${long.slice(0, 30)}…" has ${long.length})`)
    return items
  }
  return refuse(`${at} must be text, a number, true/false, or a list of texts`)
}

/**
 * Puts one field of the file into `attributes` under its name. An object (Murmurations'
 * `geolocation`) becomes one attribute a key: `geolocation.lat`, `geolocation.lon`; one nested
 * deeper than MAX_NESTING is refused, naming the field (before it could exhaust the stack).
 */
export function putAttribute(attributes: Attributes, name: string, v: unknown, at: string): void {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    if (nestsDeeper(v, MAX_NESTING)) refuseNesting(fieldAt(at, name.trim()))
    for (const [k, inner] of Object.entries(v)) putAttribute(attributes, `${name}.${k}`, inner, at)
    return
  }
  const key = name.trim()
  const place = fieldAt(at, key)
  if (key === '') refuse(`${lead(at)}an attribute name cannot be empty`)
  if (key.length > MAX_ATTRIBUTE_NAME) refuse(`${place}: an attribute name is at most ${MAX_ATTRIBUTE_NAME} characters`)
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f]/u.test(key)) refuse(`${lead(at)}an attribute name cannot hold control characters`)
  // The map's own schema passes `__proto__` by without a word (zod drops the key): refused here,
  // so a field is never lost unsaid.
  if (key === '__proto__') refuse(`${place}: an attribute cannot be named "__proto__"; rename the field`)
  const value = attributeValueOf(v, place)
  if (value === undefined) return
  if (!Object.hasOwn(attributes, key) && Object.keys(attributes).length >= MAX_ATTRIBUTES) refuse(`${lead(at)}at most ${MAX_ATTRIBUTES} attributes (custom fields) a node or an edge`)
  putOwn(attributes, key, value)
}
