/**
 * The map as the reports read it: live nodes in id order (so every peer walks them alike,
 * whatever order it holds them in), and each node's neighbours with direction set aside
 * (a link either way is a link), without repeats or loops.
 */
import type { InsightGraph } from './contract.ts'

export interface Neighbourhoods {
  nodes: InsightGraph['nodes']
  index: Map<string, number>
  /** Per node index, its neighbours' indices, ascending. */
  neighbours: number[][]
  /** Distinct linked pairs (undirected). */
  links: number
}

export function neighbourhoods(graph: InsightGraph): Neighbourhoods {
  const seen = new Set<string>()
  const nodes = graph.nodes.filter((n) => !seen.has(n.id) && (seen.add(n.id), true)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const index = new Map(nodes.map((n, i) => [n.id, i]))
  const sets: Array<Set<number>> = nodes.map(() => new Set())
  for (const e of graph.edges) {
    const [a, b] = [index.get(e.from), index.get(e.to)]
    if (a === undefined || b === undefined || a === b) continue
    sets[a]!.add(b)
    sets[b]!.add(a)
  }
  const neighbours = sets.map((s) => [...s].sort((x, y) => x - y))
  return { nodes, index, neighbours, links: neighbours.reduce((sum, list) => sum + list.length, 0) / 2 }
}

/** Whether two nodes are linked: a binary search of the shorter neighbour list. */
export function linked(h: Neighbourhoods, a: number, b: number): boolean {
  const [list, x] = h.neighbours[a]!.length <= h.neighbours[b]!.length ? [h.neighbours[a]!, b] : [h.neighbours[b]!, a]
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (list[mid] === x) return true
    if (list[mid]! < x) lo = mid + 1
    else hi = mid - 1
  }
  return false
}
