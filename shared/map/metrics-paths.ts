/**
 * The figures that need every shortest path from every node: reach, diameter and average path
 * length. graphology-metrics has no average path length, and its diameter is Infinity for a
 * map in several parts (most real maps), so these come from one breadth-first search per node
 * over the arcs, kept in flat arrays (what graphology's own indices do): O(nodes × arcs) time,
 * O(nodes) memory per search.
 */

/** The arcs of the simple directed graph: each (from, to) once, no loops. */
export interface Arcs {
  from: Int32Array
  to: Int32Array
}

export interface PathFigures {
  /** Per node: the share of the other nodes reached within two steps along the arcs. */
  reach: Float64Array
  /** The longest shortest path between two nodes where the second can be reached from the first; 0 when none can. */
  diameter: number
  /** The mean length of those shortest paths; 0 when there are none. */
  averagePathLength: number
}

/** Outgoing neighbours in compressed rows: node i's are targets[starts[i]…starts[i+1]). */
function outRows(order: number, arcs: Arcs): { starts: Int32Array; targets: Int32Array } {
  const starts = new Int32Array(order + 1)
  for (const f of arcs.from) starts[f + 1]!++
  for (let i = 0; i < order; i++) starts[i + 1]! += starts[i]!
  const fill = starts.slice(0, order)
  const targets = new Int32Array(arcs.from.length)
  for (let k = 0; k < arcs.from.length; k++) targets[fill[arcs.from[k]!]!++] = arcs.to[k]!
  return { starts, targets }
}

/**
 * Pairs (u, v) with no path from u to v are left out of the diameter and the average: on a map
 * in several parts (or with one-way links) these are the figures within the parts, as Kumu
 * reports them. `onSource` is told how many searches are done, now and then.
 */
export function pathFigures(order: number, arcs: Arcs, onSource?: (done: number) => void): PathFigures {
  const { starts, targets } = outRows(order, arcs)
  const reach = new Float64Array(order)
  const dist = new Int32Array(order).fill(-1)
  const queue = new Int32Array(order)
  let diameter = 0
  let total = 0
  let pairs = 0
  const every = Math.max(1, Math.ceil(order / 20))
  for (let s = 0; s < order; s++) {
    let head = 0
    let tail = 0
    let near = 0
    dist[s] = 0
    queue[tail++] = s
    while (head < tail) {
      const u = queue[head++]!
      const d = dist[u]! + 1
      for (let j = starts[u]!; j < starts[u + 1]!; j++) {
        const v = targets[j]!
        if (dist[v]! !== -1) continue
        dist[v] = d
        queue[tail++] = v
        total += d
        if (d <= 2) near++
        if (d > diameter) diameter = d
      }
    }
    pairs += tail - 1
    reach[s] = order > 1 ? near / (order - 1) : 0
    for (let k = 0; k < tail; k++) dist[queue[k]!] = -1
    if (onSource && (s + 1) % every === 0) onSource(s + 1)
  }
  return { reach, diameter, averagePathLength: pairs > 0 ? total / pairs : 0 }
}
