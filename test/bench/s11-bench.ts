/**
 * S11, the peer's half: every metric of a map of 2,000 nodes and 5,000 edges (seeded, with
 * community structure, a mix of directed, undirected and mutual edges), computed
 *   - by the peer's engine, in its worker thread (WorkerMetricsEngine): the graph posted as
 *     typed arrays, the figures back on the map's ids; and
 *   - by graphology called directly in this process on the same graph (the baseline): degrees,
 *     betweenness, closeness, eigenvector (with the same fallback), Louvain (the same seed),
 *     density and reciprocity through graphology's own API. graphology has no average path
 *     length, so reach, diameter and average path length come from the same breadth-first
 *     search the peer uses (metrics-paths.ts) on graphology's graph; graphology-shortest-path's
 *     singleSourceLength from every node gives the same figures far slower, and is timed once,
 *     for context.
 * Runs alternate, so the machine's load falls on both alike; medians are reported. While the
 * engine computes, monitorEventLoopDelay watches this process's event loop (its longest stall is
 * what a peer would feel) and eventLoopUtilization says how long the loop was busy at all; the
 * same watch over as long with nothing computing gives the machine's own noise. The engine's first computation (the worker starting) is reported on its own.
 */
import { loadavg } from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { DirectedGraph, UndirectedGraph } from 'graphology'
import { directedDensity } from 'graphology-metrics/graph/density.js'
import { singleSourceLength } from 'graphology-shortest-path/unweighted.js'
import type { MetricsGraph } from '../../shared/map/contract.ts'
import { pathFigures } from '../../shared/map/metrics-paths.ts'
import { betweennessCentrality as betweenness, closenessCentrality as closeness, eigenvectorCentrality as eigenvector, louvain, LOUVAIN_SEED, seededRandom } from '../../shared/map/metrics-graphology.ts'
import type { EdgeDirection } from '../../shared/schemas/map.ts'
import { WorkerMetricsEngine } from '../../electron/peer/domain/map-metrics-engine.ts'

export interface S11Result {
  nodes: number
  edges: number
  communities: number
  /** The first computation of the map, the worker's start and module loading included (not among the runs). */
  coldMs: number
  engineMs: number[]
  directMs: number[]
  /** Per engine run: the longest stall of this event loop (monitorEventLoopDelay's maximum, 1 ms resolution). */
  stallMs: number[]
  /** Per run, for comparison: the same timer's longest gap over as long a time with nothing computing (the machine's own noise). */
  idleStallMs: number[]
  /** Per engine run: how long this event loop was busy (eventLoopUtilization) while the worker computed. */
  busyMs: number[]
  /** Where the baseline's time goes, from its last run. */
  directSteps: Record<string, number>
  /** The path figures by graphology-shortest-path's singleSourceLength from every node, once, for context. */
  graphologyPathsMs: number
  /** The largest difference between the engine's and the baseline's figures (should be ~0). */
  agreement: Record<string, number>
  /** The machine's load average (1 min) when the runs began. */
  load: number
}

/** `nodes` in groups of ~100; 85% of edges inside a group; 60% undirected, 25% directed, 15% mutual; no loops, no repeated pair. */
export function s11Map(nodes: number, edges: number, seed = 11): MetricsGraph & { groups: number } {
  const rnd = seededRandom(seed)
  const groups = Math.max(1, Math.round(nodes / 100))
  const groupOf = (i: number): number => i % groups
  const members: number[][] = Array.from({ length: groups }, () => [])
  for (let i = 0; i < nodes; i++) members[groupOf(i)]!.push(i)
  const pairs = new Set<string>()
  const out: MetricsGraph['edges'] = []
  while (out.length < edges) {
    const a = Math.floor(rnd() * nodes)
    const pool = rnd() < 0.85 ? members[groupOf(a)]! : null
    const b = pool ? pool[Math.floor(rnd() * pool.length)]! : Math.floor(rnd() * nodes)
    const key = a < b ? `${a}:${b}` : `${b}:${a}`
    if (a === b || pairs.has(key)) continue
    pairs.add(key)
    const r = rnd()
    const direction: EdgeDirection = r < 0.6 ? 'undirected' : r < 0.85 ? 'directed' : 'mutual'
    out.push({ from: `n${a}`, to: `n${b}`, direction })
  }
  return { nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i}`, label: `Node ${i}` })), edges: out, groups }
}

/** Every metric by graphology directly, on a graph keyed by the map's ids. */
function directGraphology(map: MetricsGraph, paths: 'bfs' | 'graphology'): { values: Record<string, Record<string, number>>; steps: Record<string, number> } {
  const steps: Record<string, number> = {}
  let t = performance.now()
  const lap = (name: string): void => {
    const now = performance.now()
    steps[name] = now - t
    t = now
  }
  const g = new DirectedGraph({ allowSelfLoops: false })
  for (const n of map.nodes) g.addNode(n.id)
  const degree: Record<string, number> = {}
  for (const e of map.edges) {
    g.mergeEdge(e.from, e.to)
    if (e.direction !== 'directed') g.mergeEdge(e.to, e.from)
    degree[e.from] = (degree[e.from] ?? 0) + 1
    degree[e.to] = (degree[e.to] ?? 0) + 1
  }
  lap('graph')
  const inDegree: Record<string, number> = {}
  const outDegree: Record<string, number> = {}
  g.forEachNode((n) => { inDegree[n] = g.inDegree(n); outDegree[n] = g.outDegree(n) })
  lap('degree')
  const bc = betweenness(g, { getEdgeWeight: null, normalized: true })
  lap('betweenness')
  const cc = closeness(g, { wassermanFaust: true })
  lap('closeness')
  let ev: Record<string, number>
  try {
    ev = eigenvector(g, { getEdgeWeight: null, maxIterations: 100 })
  } catch {
    const u = new UndirectedGraph()
    g.forEachNode((n) => { u.addNode(n) })
    g.forEachEdge((_e, _a, s, d) => { u.mergeEdge(s, d) })
    ev = eigenvector(u, { getEdgeWeight: null, maxIterations: 1000 })
  }
  lap('eigenvector')
  const { reach, diameter, averagePathLength } = paths === 'bfs' ? bfsPaths(g) : graphologyPaths(g)
  lap('paths and reach')
  const communities = louvain.detailed(g, { getEdgeWeight: null, rng: seededRandom(LOUVAIN_SEED) })
  lap('communities')
  let returned = 0
  g.forEachEdge((_e, _a, s, d) => { if (g.hasDirectedEdge(d, s)) returned++ })
  const graph = { density: directedDensity(g), reciprocity: returned / g.size, diameter, averagePathLength, modularity: communities.modularity }
  lap('graph figures')
  return { values: { degree, inDegree, outDegree, betweenness: bc, closeness: cc, eigenvector: ev, reach, graph }, steps }
}

type Paths = { reach: Record<string, number>; diameter: number; averagePathLength: number }

/** Reach, diameter and average path length by graphology-shortest-path's singleSourceLength from every node. */
function graphologyPaths(g: DirectedGraph): Paths {
  const reach: Record<string, number> = {}
  let diameter = 0
  let sum = 0
  let pairs = 0
  g.forEachNode((n) => {
    const lengths = singleSourceLength(g, n)
    let near = 0
    for (const other in lengths) {
      const d = lengths[other]!
      if (d === 0) continue
      if (d <= 2) near++
      if (d > diameter) diameter = d
      sum += d
      pairs++
    }
    reach[n] = near / (g.order - 1)
  })
  return { reach, diameter, averagePathLength: sum / pairs }
}

/** The same figures by the flat-array search the peer uses (metrics-paths.ts), on graphology's graph. */
function bfsPaths(g: DirectedGraph): Paths {
  const ids = g.nodes()
  const index = new Map(ids.map((id, i) => [id, i]))
  const from = new Int32Array(g.size)
  const to = new Int32Array(g.size)
  let k = 0
  g.forEachEdge((_e, _a, s, d) => { from[k] = index.get(s)!; to[k++] = index.get(d)! })
  const p = pathFigures(g.order, { from, to })
  return { reach: Object.fromEntries(ids.map((id, i) => [id, p.reach[i]!])), diameter: p.diameter, averagePathLength: p.averagePathLength }
}

/** Runs `work` while monitorEventLoopDelay (a native 1 ms timer) and eventLoopUtilization watch this event loop. */
export async function watched<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number; busyMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  const before = performance.eventLoopUtilization()
  try {
    const value = await work()
    return { value, stallMs: delay.max / 1e6, busyMs: performance.eventLoopUtilization(before).active }
  } finally {
    delay.disable()
  }
}

export async function s11(nodes = 2000, edges = 5000, runs = 5): Promise<S11Result> {
  const map = s11Map(nodes, edges)
  const engine = new WorkerMetricsEngine()
  const t0 = performance.now()
  await engine.compute(map)
  const coldMs = performance.now() - t0
  const result: S11Result = {
    nodes, edges, communities: map.groups, coldMs, engineMs: [], directMs: [], stallMs: [], busyMs: [], idleStallMs: [],
    directSteps: {}, graphologyPathsMs: 0, agreement: {}, load: loadavg()[0]!,
  }
  try {
    for (let i = 0; i < runs; i++) {
      let t = performance.now()
      const direct = directGraphology(map, 'bfs')
      result.directMs.push(performance.now() - t)
      result.directSteps = direct.steps
      t = performance.now()
      const { value: ours, stallMs, busyMs } = await watched(() => engine.compute(map))
      result.engineMs.push(performance.now() - t)
      result.stallMs.push(stallMs)
      result.busyMs.push(busyMs)
      const quiet = result.engineMs.at(-1)!
      result.idleStallMs.push((await watched(() => new Promise((r) => setTimeout(r, quiet)))).stallMs)
      if (i === 0) result.agreement = agreement(ours.nodes as unknown as Array<Record<string, unknown>>, direct.values, ours.graph as unknown as Record<string, number>)
    }
  } finally {
    await engine.close()
  }
  result.graphologyPathsMs = directGraphology(map, 'graphology').steps['paths and reach']!
  return result
}

/** The largest absolute difference per figure between the engine's answer and graphology's. */
function agreement(ours: Array<Record<string, unknown>>, theirs: Record<string, Record<string, number>>, graph: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const key of ['degree', 'inDegree', 'outDegree', 'betweenness', 'closeness', 'eigenvector', 'reach']) {
    out[key] = Math.max(...ours.map((n) => Math.abs((n[key] as number) - (theirs[key]![n['id'] as string] ?? 0))))
  }
  for (const key of ['density', 'reciprocity', 'diameter', 'averagePathLength', 'modularity']) out[key] = Math.abs(graph[key]! - theirs['graph']![key]!)
  return out
}
