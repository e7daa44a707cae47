/**
 * The map's network metrics (README "Map metrics"), computed with graphology-metrics and
 * graphology-communities-louvain. Pure: the peer runs it in a worker thread
 * (electron/peer/domain/map-metrics-engine.ts); tests and the benchmark call it directly.
 *
 * How a map becomes a graph: one directed graph. A directed edge is an arc from → to; an
 * undirected or mutual edge is two arcs, one each way (so an undirected map gives the usual
 * undirected figures). Parallel edges between the same two nodes are one arc for everything
 * that follows paths or links (betweenness, closeness, eigenvector, reach, paths, communities,
 * density, reciprocity), and each counts in degree, which counts the map's edges. A loop (an
 * edge from a node to itself) counts once in degree, in-degree and out-degree, and nowhere else.
 */
import { DirectedGraph, UndirectedGraph } from 'graphology'
import { directedDensity } from 'graphology-metrics/graph/density.js'
import type { ComputedMetrics, MetricsGraph, MetricsProgress } from './contract.ts'
import { toComputed, toIndexed, type IndexedGraph, type IndexedMetrics } from './metrics-indexed.ts'
import { pathFigures, type Arcs } from './metrics-paths.ts'
import { betweennessCentrality, closenessCentrality, eigenvectorCentrality, louvain, LOUVAIN_SEED, seededRandom } from './metrics-graphology.ts'

/** The steps progress is reported in, in order. */
export const METRIC_STEPS = ['links', 'degree', 'betweenness', 'closeness', 'eigenvector', 'paths and reach', 'communities'] as const

/** Power iterations for eigenvector on the two-way graph, the fallback (graphology's default of 100 is kept for the directed one). */
const EIGENVECTOR_FALLBACK_ITERATIONS = 1000

export function computeMetrics(graph: MetricsGraph, onProgress?: MetricsProgress): ComputedMetrics {
  return toComputed(graph, computeIndexedMetrics(toIndexed(graph), onProgress))
}

export function computeIndexedMetrics(g: IndexedGraph, onProgress?: MetricsProgress): IndexedMetrics {
  const total = METRIC_STEPS.length
  const step = (i: number, detail = ''): void => onProgress?.(i, total, METRIC_STEPS[i]! + detail)
  const n = g.order
  if (n === 0) return emptyMetrics()
  step(0)
  const arcs = uniqueArcs(g)
  const directed = directedGraph(n, arcs)
  step(1)
  const { degree, inDegree, outDegree } = degrees(g)
  step(2)
  const betweenness = byIndex(n, betweennessCentrality(directed, { getEdgeWeight: null, normalized: true }))
  step(3)
  // Wasserman and Faust's variant: in a map of several parts, a node close to the few it can
  // be reached from does not look as central as one close to everyone.
  const closeness = byIndex(n, closenessCentrality(directed, { wassermanFaust: true }))
  step(4)
  const eigenvector = eigenvectorOf(directed, arcs, degree)
  step(5)
  const paths = pathFigures(n, arcs, (done) => step(5, ` (${done} of ${n} nodes)`))
  step(6)
  const { community, count, modularity } = communities(directed)
  onProgress?.(total, total, 'done')
  return {
    degree, inDegree, outDegree, betweenness, closeness, eigenvector, reach: paths.reach, community,
    graph: {
      nodes: n,
      edges: g.from.length,
      density: n > 1 ? directedDensity(n, arcs.from.length) : 0,
      reciprocity: reciprocity(arcs, n),
      diameter: paths.diameter,
      averagePathLength: paths.averagePathLength,
      communities: count,
      modularity,
    },
  }
}

function emptyMetrics(): IndexedMetrics {
  const ints = (): Int32Array => new Int32Array(0)
  const floats = (): Float64Array => new Float64Array(0)
  return {
    degree: ints(), inDegree: ints(), outDegree: ints(), betweenness: floats(), closeness: floats(), eigenvector: floats(), reach: floats(), community: ints(),
    graph: { nodes: 0, edges: 0, density: 0, reciprocity: 0, diameter: 0, averagePathLength: 0, communities: 0, modularity: 0 },
  }
}

function uniqueArcs(g: IndexedGraph): Arcs {
  const seen = new Set<number>()
  const from: number[] = []
  const to: number[] = []
  const add = (f: number, t: number): void => {
    const key = f * g.order + t
    if (f === t || seen.has(key)) return
    seen.add(key)
    from.push(f)
    to.push(t)
  }
  for (let k = 0; k < g.from.length; k++) {
    add(g.from[k]!, g.to[k]!)
    if (g.twoWay[k]) add(g.to[k]!, g.from[k]!)
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to) }
}

function directedGraph(n: number, arcs: Arcs): DirectedGraph {
  const graph = new DirectedGraph({ allowSelfLoops: false })
  for (let i = 0; i < n; i++) graph.addNode(String(i))
  for (let k = 0; k < arcs.from.length; k++) graph.addEdge(String(arcs.from[k]), String(arcs.to[k]))
  return graph
}

/** Edges touching each node, as the map has them: an undirected or mutual edge counts once in degree and once each way. */
function degrees(g: IndexedGraph): { degree: Int32Array; inDegree: Int32Array; outDegree: Int32Array } {
  const degree = new Int32Array(g.order)
  const inDegree = new Int32Array(g.order)
  const outDegree = new Int32Array(g.order)
  for (let k = 0; k < g.from.length; k++) {
    const f = g.from[k]!
    const t = g.to[k]!
    degree[f]!++
    outDegree[f]!++
    inDegree[t]!++
    if (f === t) continue
    degree[t]!++
    if (g.twoWay[k]) {
      inDegree[f]!++
      outDegree[t]!++
    }
  }
  return { degree, inDegree, outDegree }
}

const byIndex = (n: number, values: Record<string, number>): Float64Array => {
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = values[String(i)] ?? 0
  return out
}

/**
 * Eigenvector centrality: prestige from incoming links, on the directed graph. Power iteration
 * may not converge there (links that mostly run one way, with no cycles to carry weight round):
 * then it is computed with every link taken both ways; should that not converge either, every
 * node has 0. A node without links has 0.
 */
function eigenvectorOf(directed: DirectedGraph, arcs: Arcs, degree: Int32Array): Float64Array {
  const n = directed.order
  if (arcs.from.length === 0) return new Float64Array(n)
  let values: Float64Array | null = tryEigenvector(directed, 100)
  if (!values) {
    const twoWay = new UndirectedGraph({ allowSelfLoops: false })
    directed.forEachNode((node) => { twoWay.addNode(node) })
    for (let k = 0; k < arcs.from.length; k++) twoWay.mergeEdge(String(arcs.from[k]), String(arcs.to[k]))
    values = tryEigenvector(twoWay, EIGENVECTOR_FALLBACK_ITERATIONS) ?? new Float64Array(n)
  }
  // Below 1e-12 is power iteration's rounding, not prestige: shown as 0, not 4e-18.
  for (let i = 0; i < n; i++) if (degree[i] === 0 || !Number.isFinite(values[i]) || Math.abs(values[i]!) < 1e-12) values[i] = 0
  return values
}

function tryEigenvector(graph: DirectedGraph | UndirectedGraph, maxIterations: number): Float64Array | null {
  try {
    return byIndex(graph.order, eigenvectorCentrality(graph, { getEdgeWeight: null, maxIterations }))
  } catch {
    return null
  }
}

/**
 * Louvain with a seeded random source, so the same map gives the same communities; numbered by
 * size, 0 the largest (ties: the one holding the lowest node index first). A node without
 * links is a community of its own.
 */
function communities(directed: DirectedGraph): { community: Int32Array; count: number; modularity: number } {
  const n = directed.order
  const found = louvain.detailed(directed, { getEdgeWeight: null, rng: seededRandom(LOUVAIN_SEED) })
  const raw = byIndex(n, found.communities)
  const sizes = new Map<number, { size: number; first: number }>()
  for (let i = 0; i < n; i++) {
    const c = sizes.get(raw[i]!)
    if (c) c.size++
    else sizes.set(raw[i]!, { size: 1, first: i })
  }
  const order = [...sizes].sort((a, b) => b[1].size - a[1].size || a[1].first - b[1].first)
  const renumber = new Map(order.map(([c], rank) => [c, rank]))
  const community = new Int32Array(n)
  for (let i = 0; i < n; i++) community[i] = renumber.get(raw[i]!)!
  return { community, count: sizes.size, modularity: Number.isFinite(found.modularity) ? found.modularity : 0 }
}

/** The share of arcs whose reverse arc exists too (an undirected or mutual edge is both). */
function reciprocity(arcs: Arcs, n: number): number {
  if (arcs.from.length === 0) return 0
  const keys = new Set<number>()
  for (let k = 0; k < arcs.from.length; k++) keys.add(arcs.from[k]! * n + arcs.to[k]!)
  let returned = 0
  for (let k = 0; k < arcs.from.length; k++) if (keys.has(arcs.to[k]! * n + arcs.from[k]!)) returned++
  return returned / arcs.from.length
}
