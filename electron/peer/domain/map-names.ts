/**
 * How a weaver names a node of the map: by its id, the first characters of its id, or its
 * label when no other live node has that label (any case, accents, run of spaces or Unicode
 * form: the key an import deduplicates by, shared/map/normalise.ts). When several share the
 * key, a label spelt exactly as given wins (closestByLabel). A name that fits several nodes,
 * or none, is answered with the candidates, so the next try can be exact.
 */
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { closestByLabel, labelKey } from '../../../shared/map/normalise.ts'
import type { MapNode } from '../../../shared/schemas/map.ts'
import { MIN_PREFIX } from './collection-store.ts'

// map-state.ts keys its index of labels with this very function.
export { labelKey }

/** A node as a candidate in an error: its label, type and the start of its id. */
export function named(n: MapNode): string {
  return `"${n.label}" (${n.type}, ${n.id.slice(0, 8)})`
}

const SHOWN = 8

function listed(nodes: readonly MapNode[]): string {
  return nodes.slice(0, SHOWN).map(named).join(', ') + (nodes.length > SHOWN ? `, and ${nodes.length - SHOWN} more` : '')
}

export interface NodeLookup {
  /** Live nodes by id. */
  live: ReadonlyMap<string, MapNode>
  /** Deleted nodes by id (tombstones), to say "deleted" rather than "unknown". */
  gone: ReadonlyMap<string, MapNode>
  /** Live nodes by label key. */
  byLabel: ReadonlyMap<string, readonly MapNode[]>
  /** Shard documents of the map not here yet. */
  syncing: number
}

/** The live node `ref` names; NOT_FOUND or VALIDATION_FAILED (with the candidates) otherwise. `field` says which name it was (from, to). */
export function resolveNode(l: NodeLookup, ref: string, field?: string): MapNode {
  const trimmed = ref.trim()
  const what = field !== undefined ? `${field}: ` : ''
  const exact = l.live.get(trimmed)
  if (exact) return exact
  const byLabel = closestByLabel(l.byLabel.get(labelKey(trimmed)) ?? [], trimmed)
  if (byLabel.length === 1) return byLabel[0]!
  if (byLabel.length > 1) {
    throw new CommonweaveError(ErrorCode.ValidationFailed, `${what}"${trimmed}" is the label of ${byLabel.length} nodes: ${listed(byLabel)}. Name one by its id (or the start of it).`)
  }
  const gone = l.gone.get(trimmed)
  if (gone) throw new CommonweaveError(ErrorCode.NotFound, `${what}node ${named(gone)} was deleted.`)
  if (trimmed.length >= MIN_PREFIX) {
    const start = trimmed.toLowerCase()
    const matches = [...l.live.values()].filter((n) => n.id.startsWith(start))
    if (matches.length === 1) return matches[0]!
    if (matches.length > 1) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `${what}"${trimmed}" is the start of ${matches.length} nodes' ids: ${listed(matches)}. Give more of the id.`)
    }
  }
  const key = labelKey(trimmed)
  const deleted = [...l.gone.values()].find((n) => labelKey(n.label) === key)
  if (deleted) throw new CommonweaveError(ErrorCode.NotFound, `${what}node ${named(deleted)} was deleted.`)
  const near = key.length > 0 ? [...l.live.values()].filter((n) => labelKey(n.label).includes(key)) : []
  const hint = near.length > 0
    ? ` Nodes whose label holds "${trimmed}": ${listed(near)}.`
    : l.live.size > 0 ? ' "commonweave map list SPACE" shows the nodes there are.' : ' The map has no nodes yet: "commonweave map add-node" adds one.'
  const syncing = l.syncing > 0 ? ' Part of the map has not synced here yet.' : ''
  throw new CommonweaveError(ErrorCode.NotFound, `${what}no node "${trimmed}" in this space's map (by id, start of an id, or label).${hint}${syncing}`)
}
