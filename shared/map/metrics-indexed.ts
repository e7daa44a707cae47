/**
 * The map's graph as numbers, the form the metrics are computed on and the form that crosses
 * to the metrics worker: nodes are indices 0…order-1, edges are three typed arrays, so posting
 * a map of thousands of edges is a copy of a few buffers (or a transfer), not a structured
 * clone of thousands of objects on the peer's event loop.
 */
import type { GraphMetrics, NodeMetrics } from '../api/map-api.ts'
import type { ComputedMetrics, MetricsGraph } from './contract.ts'

export interface IndexedGraph {
  order: number
  /** One entry per map edge whose ends are both nodes: its ends as node indices. */
  from: Int32Array
  to: Int32Array
  /** 1 when the edge runs both ways (undirected or mutual), 0 when directed. */
  twoWay: Uint8Array
}

/** Every figure per node index, and the graph's. */
export interface IndexedMetrics {
  degree: Int32Array
  inDegree: Int32Array
  outDegree: Int32Array
  betweenness: Float64Array
  closeness: Float64Array
  eigenvector: Float64Array
  reach: Float64Array
  community: Int32Array
  graph: GraphMetrics
}

/** The nodes of a MetricsGraph as computed on: each id once (a repeated id is the first one). */
export function uniqueNodes(graph: MetricsGraph): Array<{ id: string; label: string }> {
  const seen = new Set<string>()
  return graph.nodes.filter((n) => !seen.has(n.id) && (seen.add(n.id), true))
}

/** The graph as indices; an edge with an end that is not one of the nodes is left out. */
export function toIndexed(graph: MetricsGraph): IndexedGraph {
  const nodes = uniqueNodes(graph)
  const index = new Map(nodes.map((n, i) => [n.id, i]))
  const from: number[] = []
  const to: number[] = []
  const twoWay: number[] = []
  for (const e of graph.edges) {
    const f = index.get(e.from)
    const t = index.get(e.to)
    if (f === undefined || t === undefined) continue
    from.push(f)
    to.push(t)
    twoWay.push(e.direction === 'directed' ? 0 : 1)
  }
  return { order: nodes.length, from: Int32Array.from(from), to: Int32Array.from(to), twoWay: Uint8Array.from(twoWay) }
}

/** The buffers of an IndexedGraph, to transfer it to a worker rather than copy it. */
export const graphBuffers = (g: IndexedGraph): ArrayBuffer[] => [g.from.buffer, g.to.buffer, g.twoWay.buffer] as ArrayBuffer[]

export const metricsBuffers = (m: IndexedMetrics): ArrayBuffer[] =>
  [m.degree, m.inDegree, m.outDegree, m.betweenness, m.closeness, m.eigenvector, m.reach, m.community].map((a) => a.buffer as ArrayBuffer)

/** The figures by index back on the map's ids and labels. */
export function toComputed(graph: MetricsGraph, m: IndexedMetrics): ComputedMetrics {
  const nodes: NodeMetrics[] = uniqueNodes(graph).map((n, i) => ({
    id: n.id,
    label: n.label,
    degree: m.degree[i]!,
    inDegree: m.inDegree[i]!,
    outDegree: m.outDegree[i]!,
    betweenness: m.betweenness[i]!,
    closeness: m.closeness[i]!,
    eigenvector: m.eigenvector[i]!,
    reach: m.reach[i]!,
    community: m.community[i]!,
  }))
  return { nodes, graph: m.graph }
}
