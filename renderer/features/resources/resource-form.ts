/**
 * The add and edit forms as plain data: what the user typed (all strings, so nothing typed is
 * lost on an error), checked with the very schemas the peer applies so a bad field is explained
 * next to the form before anything is sent, in words about what was typed. The peer still
 * validates; this only shows its rules early. An edit sends only the fields that changed, so a
 * concurrent edit of another field on another peer survives the merge.
 */
import dayjs from 'dayjs'
import {
  EXPIRING_KINDS, ResourceEditSchema, ResourceInputSchema,
  type ResourceEdit, type ResourceInput, type ResourceKind, type ResourceView,
} from '../../../shared/schemas/resource.ts'
import type { ErrorData } from '../../../shared/errors.ts'

export interface ResourceFields {
  kind: ResourceKind
  title: string
  description: string
  /** Comma-separated. */
  tags: string
  quantity: string
  location: string
  availability: string
  /** A pool's id, or '' for none. */
  pool: string
  /** A `datetime-local` value (local time), or '' for none. */
  expiresAt: string
  lat: string
  lon: string
  status: ResourceView['status']
}

export type FieldName = keyof ResourceFields
export interface Problem { field: FieldName | null; message: string }
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] }

export const EMPTY_FIELDS: ResourceFields = {
  kind: 'offer', title: '', description: '', tags: '', quantity: '', location: '', availability: '',
  pool: '', expiresAt: '', lat: '', lon: '', status: 'open',
}

/** The fields showing an existing resource, for its edit form. */
export function fieldsOf(r: ResourceView): ResourceFields {
  return {
    kind: r.kind,
    title: r.title,
    description: r.description,
    tags: r.tags.join(', '),
    quantity: r.quantity === undefined ? '' : String(r.quantity),
    location: r.location ?? '',
    availability: r.availability ?? '',
    pool: r.pool ?? '',
    expiresAt: r.expiresAt ? toLocalInput(r.expiresAt) : '',
    lat: r.coordinates ? String(r.coordinates.lat) : '',
    lon: r.coordinates ? String(r.coordinates.lon) : '',
    status: r.status,
  }
}

export const expires = (kind: ResourceKind): boolean => EXPIRING_KINDS.includes(kind)

export function splitTags(text: string): string[] {
  return text.split(',').map((t) => t.trim()).filter(Boolean)
}

/** An ISO time as a `datetime-local` value in this browser's zone. */
export function toLocalInput(iso: string): string {
  const d = dayjs(iso)
  return d.isValid() ? d.format('YYYY-MM-DDTHH:mm') : ''
}

/** Typed values that are not text in the schema: numbers and the local time. Problems are collected, not thrown. */
function typed(f: ResourceFields, problems: Problem[]) {
  const number = (field: FieldName, text: string, what: string): number | undefined => {
    if (text.trim() === '') return undefined
    const n = Number(text.trim())
    if (Number.isFinite(n)) return n
    problems.push({ field, message: `${what} must be a number, not “${text.trim()}”.` })
    return undefined
  }
  const quantity = number('quantity', f.quantity, 'Quantity')
  const lat = number('lat', f.lat, 'Latitude')
  const lon = number('lon', f.lon, 'Longitude')
  if ((lat === undefined) !== (lon === undefined)) problems.push({ field: lat === undefined ? 'lat' : 'lon', message: 'Give both latitude and longitude, or neither.' })
  let expiresAt: string | undefined
  if (f.expiresAt.trim() !== '') {
    const d = dayjs(f.expiresAt)
    if (!d.isValid()) problems.push({ field: 'expiresAt', message: `“${f.expiresAt}” is not a date and time.` })
    else expiresAt = d.toISOString()
  }
  return {
    quantity,
    coordinates: lat !== undefined && lon !== undefined ? { lat, lon } : undefined,
    expiresAt,
  }
}

/** The add form as the input the peer takes, or what is wrong with it. */
export function toInput(f: ResourceFields, now = Date.now()): Checked<ResourceInput> {
  const problems: Problem[] = []
  const t = typed(f, problems)
  const tags = splitTags(f.tags)
  const candidate: Record<string, unknown> = { kind: f.kind, title: f.title }
  if (f.description.trim()) candidate['description'] = f.description.trim()
  if (tags.length) candidate['tags'] = tags
  if (t.quantity !== undefined) candidate['quantity'] = t.quantity
  if (f.location.trim()) candidate['location'] = f.location
  if (f.availability.trim()) candidate['availability'] = f.availability
  if (t.coordinates) candidate['coordinates'] = t.coordinates
  if (f.pool) candidate['pool'] = f.pool
  if (t.expiresAt && expires(f.kind)) {
    if (Date.parse(t.expiresAt) <= now) problems.push({ field: 'expiresAt', message: 'The expiry is in the past; give a later time.' })
    candidate['expiresAt'] = t.expiresAt
  }
  const parsed = ResourceInputSchema.safeParse(candidate)
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => describe(i.path, i.message, tags)))
  return problems.length || !parsed.success ? { ok: false, problems } : { ok: true, value: parsed.data }
}

/** The edit form as the fields that changed from `was` (null clears one), or what is wrong. */
export function toEdit(was: ResourceView, f: ResourceFields, now = Date.now()): Checked<ResourceEdit> {
  const problems: Problem[] = []
  const t = typed(f, problems)
  const before = fieldsOf(was)
  const tags = splitTags(f.tags)
  const edit: Record<string, unknown> = {}
  const text = (k: 'location' | 'availability') => { if (f[k].trim() !== before[k].trim()) edit[k] = f[k].trim() ? f[k] : null }
  if (f.title !== before.title) edit['title'] = f.title
  if (f.description.trim() !== before.description.trim()) edit['description'] = f.description.trim()
  if (tags.join('\n') !== was.tags.join('\n')) edit['tags'] = tags
  if (f.quantity.trim() !== before.quantity) edit['quantity'] = t.quantity ?? null
  text('location')
  text('availability')
  if (f.lat.trim() !== before.lat || f.lon.trim() !== before.lon) edit['coordinates'] = t.coordinates ?? null
  if (f.pool !== before.pool) edit['pool'] = f.pool || null
  if (f.status !== was.status) edit['status'] = f.status
  if (expires(was.kind) && f.expiresAt !== before.expiresAt) {
    if (t.expiresAt && Date.parse(t.expiresAt) <= now) problems.push({ field: 'expiresAt', message: 'The expiry is in the past; give a later time, or close the item instead.' })
    edit['expiresAt'] = t.expiresAt ?? null
  }
  if (Object.keys(edit).length === 0 && problems.length === 0) return { ok: false, problems: [{ field: null, message: 'Nothing changed.' }] }
  const parsed = ResourceEditSchema.safeParse(edit)
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => describe(i.path, i.message, tags)))
  return problems.length || !parsed.success ? { ok: false, problems } : { ok: true, value: parsed.data }
}

const FIELD_OF: Record<string, FieldName> = { coordinates: 'lat', expiresAt: 'expiresAt', expiresInSeconds: 'expiresAt' }

/** A schema complaint as a sentence about the field the user typed. */
function describe(path: PropertyKey[], message: string, tags: string[]): Problem {
  const [key, index] = path
  const name = typeof key === 'string' ? key : ''
  const field = (FIELD_OF[name] ?? (name in EMPTY_FIELDS ? name : null)) as FieldName | null
  const sentence = message.charAt(0).toUpperCase() + message.slice(1)
  if (name === 'tags' && typeof index === 'number') return { field, message: `“${tags[index] ?? ''}” is not a valid tag. ${sentence}.` }
  return { field, message: `${sentence}.` }
}

/** The peer's refusal as problems: each failing field in words where it names them, else its message. */
export function peerProblems(error: ErrorData, typedTags: string): Problem[] {
  const details = Array.isArray(error.details) ? (error.details as Array<{ path?: unknown; message?: unknown }>) : []
  const issues = details.filter((d) => typeof d.path === 'string' && typeof d.message === 'string')
  if (issues.length === 0) return [{ field: null, message: error.message }]
  const tags = splitTags(typedTags)
  return issues.map((d) => describe((d.path as string).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), d.message as string, tags))
}
