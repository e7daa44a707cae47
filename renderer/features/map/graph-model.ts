/**
 * The graphology graph the canvas draws, kept equal to the peer's map by changing it in place:
 * nodes and edges that came are added, those that went are dropped, and changed fields are
 * written, while every position stays. A change from another peer therefore moves nothing that
 * was already on the screen, and a node that comes linked to one already there appears beside it.
 *
 * Node attributes are sigma's (x, y, label, size, color) plus the map's own (`kind`, `tags`);
 * sigma's `type` is its drawing program, so the node's type is `kind`. An edge's sigma `type`
 * is `arrow` for a directed edge and `line` otherwise; `from` and `to` are kept on it so the
 * edge reducer needs no lookup.
 */
import { MultiGraph } from 'graphology'
import type { MapGraphView } from '../../../shared/api/map-api.ts'
import type { NodeType } from '../../../shared/schemas/map.ts'

export interface NodeAttrs {
  x: number
  y: number
  label: string | null
  kind: NodeType
  tags: string[]
  size: number
  color: string
  hidden?: boolean
  highlighted?: boolean
  forceLabel?: boolean
  zIndex?: number
}

export interface EdgeAttrs {
  type: 'arrow' | 'line'
  from: string
  to: string
  relation: string
  size: number
  color: string
  hidden?: boolean
  zIndex?: number
}

export type MapGraph = MultiGraph<NodeAttrs, EdgeAttrs>

export function newMapGraph(): MapGraph {
  // Mixed (directed and undirected edges) and multi (two nodes may be linked by several typed edges).
  return new MultiGraph<NodeAttrs, EdgeAttrs>({ type: 'mixed', allowSelfLoops: true })
}

/** Where a node first appears: a kept position, or a place of its own. */
export type Place = (id: string) => { x: number; y: number }

export interface GraphChange {
  added: number
  dropped: number
  /** Whether nodes or edges came or went (a running layout starts again over the new shape). */
  reshaped: boolean
}

type NodeItem = MapGraphView['nodes'][number]
type EdgeItem = MapGraphView['edges'][number]

const sameTags = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((t, i) => t === b[i])
const sigmaType = (e: EdgeItem): EdgeAttrs['type'] => (e.direction === 'directed' ? 'arrow' : 'line')

function syncNode(graph: MapGraph, n: NodeItem, place: Place): boolean {
  if (!graph.hasNode(n.id)) {
    const at = place(n.id)
    graph.addNode(n.id, { x: at.x, y: at.y, label: n.label, kind: n.type, tags: n.tags, size: 5, color: '#868e96' })
    return true
  }
  const a = graph.getNodeAttributes(n.id)
  if (a.label !== n.label || a.kind !== n.type || !sameTags(a.tags, n.tags)) {
    graph.mergeNodeAttributes(n.id, { label: n.label, kind: n.type, tags: n.tags })
  }
  return false
}

/** What keeping one edge did. */
type EdgeStep = 'same' | 'added' | 'dropped' | 'redrawn'

function syncEdge(graph: MapGraph, e: EdgeItem): EdgeStep {
  let had = false
  if (graph.hasEdge(e.id)) {
    const a = graph.getEdgeAttributes(e.id)
    if (a.from === e.from && a.to === e.to && a.type === sigmaType(e)) {
      if (a.relation !== e.type) graph.setEdgeAttribute(e.id, 'relation', e.type)
      return 'same'
    }
    // Its ends or its kind of line changed: drawn again as a new edge.
    graph.dropEdge(e.id)
    had = true
  }
  if (!graph.hasNode(e.from) || !graph.hasNode(e.to)) return had ? 'dropped' : 'same'
  const attrs: EdgeAttrs = { type: sigmaType(e), from: e.from, to: e.to, relation: e.type, size: 1, color: '#ced4da' }
  if (e.direction === 'directed') graph.addDirectedEdgeWithKey(e.id, e.from, e.to, attrs)
  else graph.addUndirectedEdgeWithKey(e.id, e.from, e.to, attrs)
  return had ? 'redrawn' : 'added'
}

/**
 * The middle of what the canvas shows, in the graph's coordinates, and a short distance there
 * (a few dozen pixels on the screen); null when nothing is drawn yet.
 */
export type ViewCentre = () => { x: number; y: number; r: number } | null

/**
 * Makes `graph` hold exactly the map's nodes and edges, in place; says what it changed. A node
 * that comes to a graph already drawn is put beside a node it is linked to, or (linked to
 * none) near the middle of the view, where the weaver who added it is looking.
 */
export function syncGraph(graph: MapGraph, view: Pick<MapGraphView, 'nodes' | 'edges'>, place: Place, centre?: ViewCentre): GraphChange {
  let added = 0
  let dropped = 0
  // Nodes that come to a graph already drawn: placed beside a neighbour once the edges are in.
  const came: string[] = []
  const drawnBefore = graph.order > 0
  const nodeIds = new Set<string>()
  for (const n of view.nodes) nodeIds.add(n.id)
  const edgeIds = new Set<string>()
  for (const e of view.edges) edgeIds.add(e.id)
  // Edges first: dropping a node drops its edges with it.
  for (const id of graph.edges()) {
    if (!edgeIds.has(id)) { graph.dropEdge(id); dropped++ }
  }
  for (const id of graph.nodes()) {
    if (!nodeIds.has(id)) { graph.dropNode(id); dropped++ }
  }
  for (const n of view.nodes) {
    if (!syncNode(graph, n, place)) continue
    added++
    if (drawnBefore) came.push(n.id)
  }
  let redrawn = 0
  for (const e of view.edges) {
    const step = syncEdge(graph, e)
    if (step === 'added') added++
    else if (step === 'dropped') dropped++
    else if (step === 'redrawn') redrawn++
  }
  if (came.length > 0) placeNearNeighbours(graph, came, centre?.() ?? null)
  return { added, dropped, reshaped: added + dropped + redrawn > 0 }
}

/** A short hash of an id, 0…1: where around its neighbour a node is put, the same each time. */
function unit(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0
  return h / 0xffffffff
}

/**
 * Puts each node that came linked to a node already drawn beside it (half the neighbour's
 * shortest link away, at an angle of its own), not on the seeded disc far from everything it
 * touches. A node that came alone goes near the middle of the view (`mid`), at an angle and a
 * distance of its own so that several do not stack; without a view it keeps its seeded place.
 */
function placeNearNeighbours(graph: MapGraph, came: readonly string[], mid: ReturnType<ViewCentre>): void {
  const fresh = new Set(came)
  for (const id of came) {
    const anchor = graph.neighbors(id).find((n) => !fresh.has(n))
    if (anchor === undefined) {
      if (mid === null) continue
      const angle = unit(id) * 2 * Math.PI
      const r = mid.r * (1 + unit(`${id}.r`))
      graph.mergeNodeAttributes(id, { x: mid.x + r * Math.cos(angle), y: mid.y + r * Math.sin(angle) })
      continue
    }
    const at = graph.getNodeAttributes(anchor)
    let reach = Infinity
    for (const other of graph.neighbors(anchor)) {
      if (fresh.has(other)) continue
      const o = graph.getNodeAttributes(other)
      reach = Math.min(reach, Math.hypot(o.x - at.x, o.y - at.y))
    }
    const r = Number.isFinite(reach) && reach > 0 ? reach / 2 : 5
    const angle = unit(id) * 2 * Math.PI
    graph.mergeNodeAttributes(id, { x: at.x + r * Math.cos(angle), y: at.y + r * Math.sin(angle) })
  }
}

/** A place of its own for each id: a point on a disc large enough for `count` nodes, the same each time. */
export function seededPlace(count: number): Place {
  const radius = 10 * Math.sqrt(Math.max(count, 1))
  return (id) => {
    // FNV-1a of the id, two ways: an angle and a distance from the centre.
    let h = 0x811c9dc5
    let g = 0x01000193
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i)
      h = Math.imul(h ^ c, 0x01000193) >>> 0
      g = Math.imul(g ^ c, 0x811c9dc5) >>> 0
    }
    const angle = (h / 0xffffffff) * 2 * Math.PI
    const r = radius * Math.sqrt(g / 0xffffffff)
    return { x: r * Math.cos(angle), y: r * Math.sin(angle) }
  }
}
