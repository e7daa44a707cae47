/**
 * The map's metrics against figures worked out by hand (the working is beside each).
 * Conventions (shared/map/metrics.ts): an undirected or mutual edge is two arcs; betweenness is
 * normalised by (n−1)(n−2) ordered pairs; closeness is Wasserman–Faust over incoming paths:
 * (r / Σd) × (r / (n−1)), r the nodes that reach it; reach follows the arcs.
 */
import { describe, expect, it } from 'vitest'
import type { NodeMetrics } from '../../../shared/api/map-api.ts'
import type { ComputedMetrics, MetricsGraph } from '../../../shared/map/contract.ts'
import { computeMetrics, METRIC_STEPS } from '../../../shared/map/metrics.ts'
import { A, B, bridged, directed, edge, node, path, star } from './metrics-graphs.ts'

const of = (m: ComputedMetrics, id: string): NodeMetrics => m.nodes.find((n) => n.id === id)!
const figure = (m: ComputedMetrics, key: keyof NodeMetrics): Record<string, unknown> => Object.fromEntries(m.nodes.map((n) => [n.id, n[key]]))
const close = (values: Record<string, unknown>, expected: Record<string, number>): void => {
  for (const [id, v] of Object.entries(expected)) expect(values[id], id).toBeCloseTo(v, 4)
}

describe('a star: a centre linked to four leaves', () => {
  const m = computeMetrics(star)

  it('the centre has every link and lies on every path between leaves', () => {
    // degree: the centre touches 4 edges, each leaf 1; undirected edges count both ways in and out.
    expect(figure(m, 'degree')).toEqual({ c: 4, l1: 1, l2: 1, l3: 1, l4: 1 })
    expect(of(m, 'c')).toMatchObject({ inDegree: 4, outDegree: 4, label: 'C' })
    // betweenness: the 4×3 = 12 ordered leaf pairs all pass through c; normalised by (5−1)(5−2) = 12 → 1.
    close(figure(m, 'betweenness'), { c: 1, l1: 0, l2: 0, l3: 0, l4: 0 })
  })

  it('closeness, eigenvector and reach', () => {
    // closeness: c is 1 step from all 4 → 4/4 × 4/4 = 1; a leaf is 1 from c and 2 from 3 leaves → 4/7.
    close(figure(m, 'closeness'), { c: 1, l1: 4 / 7 })
    // eigenvector: λ = 2, vector (2, 1, 1, 1, 1)/√8 → c = 0.7071, leaves 0.3536.
    close(figure(m, 'eigenvector'), { c: 2 / Math.sqrt(8), l1: 1 / Math.sqrt(8), l4: 1 / Math.sqrt(8) })
    // reach: everyone is within two steps of everyone (a leaf: c at 1, the other leaves at 2).
    close(figure(m, 'reach'), { c: 1, l1: 1, l2: 1 })
  })

  it('the graph: density, reciprocity, diameter, average path length', () => {
    // density: 4 edges of 5·4/2 = 10 possible → 0.4. Paths: 4 pairs at 1 (centre–leaf), 6 leaf pairs at 2 → 16/10 = 1.6.
    expect(m.graph).toMatchObject({ nodes: 5, edges: 4, reciprocity: 1, diameter: 2 })
    expect(m.graph.density).toBeCloseTo(0.4, 10)
    expect(m.graph.averagePathLength).toBeCloseTo(1.6, 10)
  })
})

describe('a path a – b – c – d – e', () => {
  const m = computeMetrics(path)

  it('betweenness grows towards the middle', () => {
    // b lies on a–c, a–d, a–e (3 pairs, 6 ordered) → 6/12; c on a–d, a–e, b–d, b–e (4 pairs) → 8/12.
    close(figure(m, 'betweenness'), { a: 0, b: 0.5, c: 8 / 12, d: 0.5, e: 0 })
  })

  it('closeness, reach and eigenvector', () => {
    // closeness: a's distances 1+2+3+4 = 10 → 4/10; b's 1+1+2+3 = 7 → 4/7; c's 2+1+1+2 = 6 → 4/6.
    close(figure(m, 'closeness'), { a: 0.4, b: 4 / 7, c: 4 / 6, d: 4 / 7, e: 0.4 })
    // reach: a has b, c within two steps → 2/4; b has a, c, d → 3/4; c has all four.
    close(figure(m, 'reach'), { a: 0.5, b: 0.75, c: 1 })
    // eigenvector: λ = √3, vector (sin kπ/6)k=1…5 = (½, √3/2, 1, √3/2, ½), norm √3.
    close(figure(m, 'eigenvector'), { a: 0.5 / Math.sqrt(3), b: 0.5, c: 1 / Math.sqrt(3) })
  })

  it('diameter 4; the 10 pairs are 4 at 1, 3 at 2, 2 at 3, 1 at 4 → 20/10 = 2', () => {
    expect(m.graph.diameter).toBe(4)
    expect(m.graph.averagePathLength).toBeCloseTo(2, 10)
    expect(m.graph.density).toBeCloseTo(4 / 10, 10)
  })
})

describe('two cliques of four joined through a bridge node x (a1 – x – b1)', () => {
  const m = computeMetrics(bridged)

  it('the bridge node has the highest betweenness', () => {
    // x lies on all 4×4 = 16 pairs between the cliques; a1 on a2…a4 × {x, b1…b4} = 15 pairs.
    // Normalised (undirected): 2·16/(8·7) = 0.5714 and 2·15/56 = 0.5357; inside a clique, 0.
    close(figure(m, 'betweenness'), { x: 32 / 56, a1: 30 / 56, b1: 30 / 56, a2: 0, b4: 0 })
    const top = [...m.nodes].sort((p, q) => q.betweenness - p.betweenness)[0]!
    expect(top.id).toBe('x')
  })

  it('Louvain finds exactly two communities, one per clique; x joins one (the larger is numbered 0)', () => {
    const c = figure(m, 'community')
    expect(m.graph.communities).toBe(2)
    expect(new Set(A.map((id) => c[id])).size).toBe(1)
    expect(new Set(B.map((id) => c[id])).size).toBe(1)
    expect(c['a1']).not.toBe(c['b1'])
    // x's community holds five nodes, the other four: numbered by size.
    expect(c['x']).toBe(0)
    // Q = Σ L_c/m − (d_c/2m)², m = 14: {clique + x}: 7 links, degree sum 15; {clique}: 6 links, 13
    // → 7/14 − (15/28)² + 6/14 − (13/28)² = 0.42602.
    expect(m.graph.modularity).toBeCloseTo(0.42602, 4)
  })

  it('closeness and paths', () => {
    // x: 1 to a1 and b1, 2 to the six others → 8/14; a1: 3×1 + 1 + 2 + 3×3 = 15 → 8/15.
    close(figure(m, 'closeness'), { x: 8 / 14, a1: 8 / 15 })
    // a2 – a1 – x – b1 – b2 is the longest; the 36 pairs sum to 6+6+2+12+2+9+9+36 = 82.
    expect(m.graph.diameter).toBe(4)
    expect(m.graph.averagePathLength).toBeCloseTo(82 / 36, 10)
  })
})

describe('direction', () => {
  const m = computeMetrics(directed)

  it('in- and out-degree follow the arrows; a mutual edge counts once in degree, both ways in and out', () => {
    // a: a→b, b→a, a→c; b: the two with a; c: a→c and c↔d; d: c↔d.
    expect(m.nodes.map((n) => [n.id, n.degree, n.inDegree, n.outDegree])).toEqual([
      ['a', 3, 1, 2], ['b', 2, 1, 1], ['c', 2, 2, 1], ['d', 1, 1, 1],
    ])
  })

  it('reciprocity: arcs a→b, b→a, a→c, c→d, d→c; all but a→c returned → 4/5', () => {
    expect(m.graph.reciprocity).toBeCloseTo(0.8, 10)
    expect(m.graph.density).toBeCloseTo(5 / 12, 10)
  })

  it('paths follow the arrows: reach, betweenness, closeness, diameter', () => {
    // From a: b, c at 1, d at 2 → 3/3; from b: a at 1, c at 2 → 2/3; c and d reach only each other.
    close(figure(m, 'reach'), { a: 1, b: 2 / 3, c: 1 / 3, d: 1 / 3 })
    // a is on b→c and b→d; c is on a→d and b→d; of 3·2 = 6 ordered pairs each → 1/3.
    close(figure(m, 'betweenness'), { a: 1 / 3, b: 0, c: 1 / 3, d: 0 })
    // closeness over incoming paths: c is reached by a (1), b (2), d (1) → 3/4 × 3/3; d by c, a, b at 1, 2, 3 → 3/6.
    close(figure(m, 'closeness'), { a: 1 / 3, b: 1 / 3, c: 0.75, d: 0.5 })
    // b→a→c→d is the longest; the 8 reachable pairs sum to 1+1+2 + 1+2+3 + 1 + 1 = 12.
    expect(m.graph.diameter).toBe(3)
    expect(m.graph.averagePathLength).toBeCloseTo(1.5, 10)
  })

  it('eigenvector on a chain with no cycle falls back to the links taken both ways', () => {
    // a → b → c does not converge directed; undirected, λ = √2 and the vector is (1, √2, 1)/2.
    const chain = computeMetrics({ nodes: ['a', 'b', 'c'].map(node), edges: [edge('a', 'b', 'directed'), edge('b', 'c', 'directed')] })
    close(figure(chain, 'eigenvector'), { a: 0.5, b: Math.SQRT1_2, c: 0.5 })
  })
})

describe('mutual and parallel edges', () => {
  it('a mutual edge is one edge that runs both ways: the same paths as two directed edges, half the degree', () => {
    const mutual = computeMetrics({ nodes: ['a', 'b', 'c'].map(node), edges: [edge('a', 'b', 'mutual'), edge('b', 'c', 'undirected')] })
    const pair = computeMetrics({ nodes: ['a', 'b', 'c'].map(node), edges: [edge('a', 'b', 'directed'), edge('b', 'a', 'directed'), edge('b', 'c', 'directed'), edge('c', 'b', 'directed')] })
    for (const key of ['betweenness', 'closeness', 'eigenvector', 'reach', 'inDegree', 'outDegree'] as const) expect(figure(mutual, key)).toEqual(figure(pair, key))
    expect(figure(mutual, 'degree')).toEqual({ a: 1, b: 2, c: 1 })
    expect(figure(pair, 'degree')).toEqual({ a: 2, b: 4, c: 2 })
    // b sits between a and c both ways: 2 ordered pairs of 2·1.
    expect(of(mutual, 'b').betweenness).toBeCloseTo(1, 10)
    expect({ ...mutual.graph, edges: 0 }).toEqual({ ...pair.graph, edges: 0 })
    expect(mutual.graph.reciprocity).toBe(1)
  })

  it('two edges between the same nodes each count in degree and are one link for everything else', () => {
    const twice = computeMetrics({ nodes: ['a', 'b', 'c'].map(node), edges: [edge('a', 'b'), edge('a', 'b'), edge('b', 'c')] })
    expect(figure(twice, 'degree')).toEqual({ a: 2, b: 3, c: 1 })
    // density: 2 links of 3 possible.
    expect(twice.graph).toMatchObject({ edges: 3, diameter: 2 })
    expect(twice.graph.density).toBeCloseTo(2 / 3, 10)
    expect(of(twice, 'b').betweenness).toBeCloseTo(1, 10)
  })
})

describe('small and scattered maps give figures, never NaN', () => {
  const finite = (m: ComputedMetrics): void => {
    for (const n of m.nodes) for (const [k, v] of Object.entries(n)) if (typeof v === 'number') expect(Number.isFinite(v), `${n.id}.${k}`).toBe(true)
    for (const [k, v] of Object.entries(m.graph)) expect(Number.isFinite(v), k).toBe(true)
  }

  it('an empty map', () => {
    const m = computeMetrics({ nodes: [], edges: [] })
    expect(m).toEqual({ nodes: [], graph: { nodes: 0, edges: 0, density: 0, reciprocity: 0, diameter: 0, averagePathLength: 0, communities: 0, modularity: 0 } })
  })

  it('one node', () => {
    const m = computeMetrics({ nodes: [node('solo')], edges: [] })
    expect(m.nodes).toEqual([{ id: 'solo', label: 'SOLO', degree: 0, inDegree: 0, outDegree: 0, betweenness: 0, closeness: 0, eigenvector: 0, reach: 0, community: 0 }])
    expect(m.graph).toEqual({ nodes: 1, edges: 0, density: 0, reciprocity: 0, diameter: 0, averagePathLength: 0, communities: 1, modularity: 0 })
  })

  it('nodes without links', () => {
    const m = computeMetrics({ nodes: ['p', 'q', 'r'].map(node), edges: [] })
    finite(m)
    expect(m.graph).toMatchObject({ communities: 3, density: 0, diameter: 0 })
    expect(new Set(m.nodes.map((n) => n.community))).toEqual(new Set([0, 1, 2]))
  })

  it('a star with a node on its own: figures within the connected part, the lone node all 0', () => {
    const m = computeMetrics({ nodes: [...star.nodes, node('z')], edges: star.edges })
    finite(m)
    expect(of(m, 'z')).toMatchObject({ degree: 0, betweenness: 0, closeness: 0, eigenvector: 0, reach: 0 })
    // Paths are those within the star: diameter 2, average 1.6 as before.
    expect(m.graph).toMatchObject({ diameter: 2, communities: 2 })
    expect(m.graph.averagePathLength).toBeCloseTo(1.6, 10)
    // c's 12 leaf pairs are now out of (6−1)(6−2) = 20; its closeness, reached by 4 of 5 at distance 1 → 4/4 × 4/5.
    expect(of(m, 'c').betweenness).toBeCloseTo(0.6, 10)
    expect(of(m, 'c').closeness).toBeCloseTo(0.8, 10)
    // z is a community of its own, the smallest.
    expect(of(m, 'z').community).toBe(1)
  })

  it('an edge to a node not in the map is left out', () => {
    const m = computeMetrics({ nodes: ['a', 'b'].map(node), edges: [edge('a', 'b'), edge('a', 'gone')] })
    expect(m.graph.edges).toBe(1)
    expect(of(m, 'a').degree).toBe(1)
  })
})

describe('the computation', () => {
  it('is deterministic: the same map gives the same figures, communities included', () => {
    const g: MetricsGraph = { nodes: bridged.nodes, edges: [...bridged.edges, edge('a2', 'b3', 'directed')] }
    expect(computeMetrics(g)).toEqual(computeMetrics(g))
  })

  it('reports each step in order, then done', () => {
    const seen: Array<[number, number, string]> = []
    computeMetrics(path, (done, total, step) => seen.push([done, total, step]))
    const starts = seen.filter(([, , s]) => !s.includes('('))
    expect(starts.map(([d, , s]) => [d, s])).toEqual([...METRIC_STEPS.map((s, i) => [i, s]), [METRIC_STEPS.length, 'done']])
    expect(seen.every(([, t]) => t === METRIC_STEPS.length)).toBe(true)
    expect(seen.some(([, , s]) => s === 'paths and reach (5 of 5 nodes)')).toBe(true)
  })
})
