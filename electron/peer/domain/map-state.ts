/**
 * A space's map as read once from its collection: the live nodes and edges (what every answer
 * shows), the deleted nodes (to name them in errors), and the edges that still point at a
 * deleted node (a weaver linked to it offline while another deleted it), which are never shown
 * and which the repair tombstones.
 */
import type { MapSnapshot } from '../../../shared/map/contract.ts'
import type { MapEdge, MapItem, MapNode } from '../../../shared/schemas/map.ts'
import { labelKey, type NodeLookup } from './map-names.ts'

export interface MapState extends NodeLookup {
  /** The map's version this was read at (see MapStore.version). */
  version: number
  snapshot: MapSnapshot
  /** Live edges whose end is a deleted node: hidden, and to be tombstoned. */
  dangling: MapEdge[]
  /** Every item's id, tombstones included: a new item may not reuse one. */
  ids: ReadonlySet<string>
}

/** The state of a map from its items (tombstones included) in creation order. */
export function mapState(items: readonly MapItem[], syncing: number, version: number): MapState {
  const live = new Map<string, MapNode>()
  const gone = new Map<string, MapNode>()
  const byLabel = new Map<string, MapNode[]>()
  const ids = new Set<string>()
  const edges: MapEdge[] = []
  for (const item of items) {
    ids.add(item.id)
    if (item.kind === 'edge') {
      if (!item.deleted) edges.push(item)
      continue
    }
    if (item.deleted) {
      gone.set(item.id, item)
      continue
    }
    live.set(item.id, item)
    const key = labelKey(item.label)
    const same = byLabel.get(key)
    if (same) same.push(item)
    else byLabel.set(key, [item])
  }
  const shown: MapEdge[] = []
  const dangling: MapEdge[] = []
  for (const e of edges) {
    if (live.has(e.from) && live.has(e.to)) shown.push(e)
    // An end not here at all may be a node still syncing: hidden, but left alone.
    else if (gone.has(e.from) || gone.has(e.to)) dangling.push(e)
  }
  return { version, snapshot: { nodes: [...live.values()], edges: shown }, dangling, ids, live, gone, byLabel, syncing }
}
