/**
 * The check of a whole map write (an import) before any of it is written: every new node and
 * edge against the collection's schema, every id new, every edge's ends a live node or a node
 * of the same write, no edge from a node to itself, every update on a live node and valid once
 * applied. One problem refuses the whole write, and the error lists each problem with the item
 * it is in.
 *
 * The check is written as steps (one an item), so that the store can run it in slices and hand
 * the event loop back between them: checking an import of 7,000 items against the schemas takes
 * a few hundred milliseconds on a busy machine.
 */
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { MapWrite, NodeUpdate } from '../../../shared/map/contract.ts'
import type { Steps } from '../../../shared/map/formats/steps.ts'
import { MapEdgeSchema, MapNodeSchema, MAX_ATTRIBUTES, type AttributeValue, type Attributes, type MapEdge, type MapNode } from '../../../shared/schemas/map.ts'
import type { MapState } from './map-state.ts'

export interface CheckedWrite {
  nodes: MapNode[]
  edges: MapEdge[]
  /** Each updated node's changed fields, merged over what it holds now. */
  updates: Array<{ id: string; patch: Partial<MapNode> }>
}

interface Issue { path: string; message: string }

/** Attributes with `changes` merged in key by key (a null removes one). */
export function mergeAttributes(current: Attributes, changes: Record<string, AttributeValue | null>): Attributes {
  const next: Attributes = { ...current }
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete next[k]
    else next[k] = v
  }
  return next
}

/** Refuses, naming every problem, a write that cannot be made whole; otherwise what to write. Yields after each item. */
export function* checkWriteSteps(state: MapState, w: MapWrite, at: string): Steps<CheckedWrite> {
  const issues: Issue[] = []
  const fail = (path: string, message: string): void => void issues.push({ path, message })
  const newIds = new Set<string>()
  const fresh = (id: unknown, path: string): void => {
    if (typeof id !== 'string') return
    if (state.ids.has(id) || newIds.has(id)) fail(path, `the id ${id} is taken`)
    newIds.add(id)
  }

  const nodes: MapNode[] = []
  for (const [i, n] of w.nodes.entries()) {
    const path = `nodes[${i}]${typeof n?.label === 'string' ? ` "${n.label}"` : ''}`
    const parsed = MapNodeSchema.safeParse(n)
    if (!parsed.success) for (const is of parsed.error.issues) fail(`${path}.${is.path.join('.')}`, is.message)
    else nodes.push(parsed.data)
    fresh(n?.id, path)
    yield
  }
  const added = new Set(nodes.map((n) => n.id))

  const edges: MapEdge[] = []
  for (const [i, e] of w.edges.entries()) {
    const path = `edges[${i}]${typeof e?.type === 'string' ? ` (${e.type})` : ''}`
    const parsed = MapEdgeSchema.safeParse(e)
    fresh(e?.id, path)
    if (parsed.success) {
      const edge = parsed.data
      for (const end of ['from', 'to'] as const) {
        if (!state.live.has(edge[end]) && !added.has(edge[end])) {
          fail(`${path}.${end}`, state.gone.has(edge[end]) ? `node ${edge[end]} was deleted` : `no node ${edge[end]} in the map or in this import`)
        }
      }
      if (edge.from === edge.to) fail(path, 'an edge cannot link a node to itself')
      edges.push(edge)
    } else {
      for (const is of parsed.error.issues) fail(`${path}.${is.path.join('.')}`, is.message)
    }
    yield
  }

  const merged = new Map<string, MapNode>()
  for (const [i, u] of w.updates.entries()) {
    checkUpdate(state, u, `updates[${i}]`, at, merged, fail)
    yield
  }

  if (issues.length > 0) {
    const shown = issues.slice(0, 10).map((is) => `${is.path}: ${is.message}`).join('; ')
    const more = issues.length > 10 ? `; and ${issues.length - 10} more` : ''
    throw new CommonweaveError(ErrorCode.ValidationFailed, `Nothing was written to the map: ${issues.length} problem${issues.length === 1 ? '' : 's'} in what was to be written. ${shown}${more}.`, issues)
  }
  const updates = [...merged].map(([id, node]) => ({ id, patch: changedFields(state.live.get(id)!, node) }))
  return { nodes, edges, updates: updates.filter((u) => Object.keys(u.patch).length > 0) }
}

/** Checks one update, merged over the node as the write has it so far. */
function checkUpdate(state: MapState, u: NodeUpdate, at0: string, at: string, merged: Map<string, MapNode>, fail: (path: string, message: string) => void): void {
  const current = merged.get(u.id) ?? state.live.get(u.id)
  const path = `${at0}${current ? ` "${current.label}"` : ''}`
  if (!current) {
    fail(path, state.gone.has(u.id) ? `node ${u.id} was deleted` : `no node ${u.id} in the map`)
    return
  }
  const { attributes, ...fields } = u.set
  const next: MapNode = { ...current, ...fields, updatedAt: at }
  if (attributes) next.attributes = mergeAttributes(current.attributes, attributes)
  const parsed = MapNodeSchema.safeParse(next)
  if (!parsed.success) for (const is of parsed.error.issues) fail(`${path}.${is.path.join('.')}`, is.message)
  else merged.set(u.id, parsed.data)
}

/** The fields of `next` that differ from `current` (a field `next` lacks is removed: undefined). */
export function changedFields(current: MapNode, next: MapNode): Partial<MapNode> {
  const patch: Record<string, unknown> = {}
  const keys = new Set([...Object.keys(current), ...Object.keys(next)])
  for (const k of keys) {
    if (k === 'updatedAt') continue
    const a = (current as Record<string, unknown>)[k]
    const b = (next as Record<string, unknown>)[k]
    if (JSON.stringify(a) !== JSON.stringify(b)) patch[k] = b
  }
  return patch as Partial<MapNode>
}

/** Refuses attributes over the limit in words (the schema's own check says only "at most"). */
export function attributesFit(a: Attributes): void {
  if (Object.keys(a).length > MAX_ATTRIBUTES) {
    throw new CommonweaveError(ErrorCode.ValidationFailed, `A node holds at most ${MAX_ATTRIBUTES} attributes; this change would give it ${Object.keys(a).length}. Remove some (an attribute set to null is removed).`)
  }
}
