/**
 * The node and link forms' fields, checked with the schemas the peer applies (so a bad field is
 * said before sending, in the same words), and the peer's refusal as problems by field.
 */
import type { MapNodeView } from '../../../shared/api/map-api.ts'
import type { ErrorData } from '../../../shared/errors.ts'
import { AddEdgeInputSchema, AddNodeInputSchema, EditNodeInputSchema, type AddEdgeInput, type AddNodeInput, type EdgeDirection, type EditNodeInput, type NodeType } from '../../../shared/schemas/map.ts'

export interface NodeFields { type: NodeType; label: string; description: string; url: string; tags: string }
export interface LinkFields { from: string; to: string; type: string; direction: EdgeDirection; label: string }
export interface Problem { field: string | null; message: string }
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] }

export const EMPTY_NODE: NodeFields = { type: 'organisation', label: '', description: '', url: '', tags: '' }

export function fieldsOf(n: MapNodeView): NodeFields {
  return { type: n.type, label: n.label, description: n.description, url: n.url ?? '', tags: n.tags.join(', ') }
}

const splitTags = (text: string): string[] => text.split(',').map((t) => t.trim()).filter(Boolean)
const sentence = (m: string): string => `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}`

function problemsOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Problem[] {
  return issues.map((i) => ({ field: typeof i.path[0] === 'string' ? i.path[0] : null, message: sentence(i.message) }))
}

export function checkNew(f: NodeFields): Checked<AddNodeInput> {
  const input = { type: f.type, label: f.label.trim(), description: f.description.trim() || undefined, url: f.url.trim() || undefined, tags: splitTags(f.tags) }
  const parsed = AddNodeInputSchema.safeParse(input)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: problemsOf(parsed.error.issues) }
}

/** Only the fields that changed (an emptied web address is cleared), or what is wrong. */
export function checkEdit(was: MapNodeView, f: NodeFields): Checked<EditNodeInput> {
  const before = fieldsOf(was)
  const edit: Record<string, unknown> = {}
  if (f.type !== before.type) edit['type'] = f.type
  if (f.label.trim() !== before.label) edit['label'] = f.label.trim()
  if (f.description.trim() !== before.description.trim()) edit['description'] = f.description.trim()
  if (f.url.trim() !== before.url) edit['url'] = f.url.trim() || null
  if (splitTags(f.tags).join(',') !== was.tags.join(',')) edit['tags'] = splitTags(f.tags)
  if (Object.keys(edit).length === 0) return { ok: false, problems: [{ field: null, message: 'Nothing changed.' }] }
  const parsed = EditNodeInputSchema.safeParse(edit)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: problemsOf(parsed.error.issues) }
}

export function checkLink(f: LinkFields): Checked<AddEdgeInput> {
  const problems: Problem[] = []
  if (!f.from) problems.push({ field: 'from', message: 'Choose the node the edge starts from.' })
  if (!f.to) problems.push({ field: 'to', message: 'Choose the node the edge goes to.' })
  const parsed = AddEdgeInputSchema.safeParse({ from: f.from || '-', to: f.to || '-', type: f.type.trim(), direction: f.direction, label: f.label.trim() || undefined })
  if (!parsed.success) problems.push(...problemsOf(parsed.error.issues).filter((p) => p.field !== 'from' && p.field !== 'to'))
  return problems.length === 0 && parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems }
}

/** The peer's refusal as problems: each failing field where it names them, else its message. */
export function peerProblems(error: ErrorData): Problem[] {
  const details = Array.isArray(error.details) ? (error.details as Array<{ path?: unknown; message?: unknown }>) : []
  const issues = details.filter((d): d is { path: string; message: string } => typeof d.path === 'string' && typeof d.message === 'string')
  if (issues.length === 0) return [{ field: null, message: error.message }]
  return issues.map((d) => ({ field: d.path.split('.')[0] ?? null, message: sentence(d.message) }))
}
