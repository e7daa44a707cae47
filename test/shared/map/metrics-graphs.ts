/** Small maps for the metrics tests, each with figures worked out by hand in the tests. */
import type { MetricsGraph } from '../../../shared/map/contract.ts'
import type { EdgeDirection } from '../../../shared/schemas/map.ts'

export const node = (id: string): { id: string; label: string } => ({ id, label: id.toUpperCase() })
export const edge = (from: string, to: string, direction: EdgeDirection = 'undirected'): MetricsGraph['edges'][number] => ({ from, to, direction })

/** A centre `c` linked to four leaves l1…l4. */
export const star: MetricsGraph = {
  nodes: ['c', 'l1', 'l2', 'l3', 'l4'].map(node),
  edges: ['l1', 'l2', 'l3', 'l4'].map((l) => edge('c', l)),
}

/** a – b – c – d – e */
export const path: MetricsGraph = {
  nodes: ['a', 'b', 'c', 'd', 'e'].map(node),
  edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'd'), edge('d', 'e')],
}

const clique = (ids: string[]): MetricsGraph['edges'] => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => edge(a, b)))
export const A = ['a1', 'a2', 'a3', 'a4']
export const B = ['b1', 'b2', 'b3', 'b4']
/** Two cliques of four, a1…a4 and b1…b4, joined through x: a1 – x – b1. */
export const bridged: MetricsGraph = {
  nodes: [...A, 'x', ...B].map(node),
  edges: [...clique(A), ...clique(B), edge('a1', 'x'), edge('x', 'b1')],
}

/** a → b, b → a (two directed edges), a → c, c ↔ d (mutual). */
export const directed: MetricsGraph = {
  nodes: ['a', 'b', 'c', 'd'].map(node),
  edges: [edge('a', 'b', 'directed'), edge('b', 'a', 'directed'), edge('a', 'c', 'directed'), edge('c', 'd', 'mutual')],
}
