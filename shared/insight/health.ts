/**
 * Ecosystem health: the figures a network weaver reads, and how each moved since a snapshot.
 * - members: the roster's size (null where the caller may not read the roster: the owners of
 *   what it can see are not the members); activeMembers: those of them active (`lastActive`)
 *   within the last 30 days;
 * - needsMet: the share of needs matched or closed; offersUsed: the share of offers, tools and
 *   facilities matched, closed, or (tools, facilities) with a booking, not cancelled, that ends
 *   within the last 30 days or later;
 * - density: directed, as the map's metrics compute it (an undirected or mutual edge is an arc
 *   each way; repeated arcs once): arcs / (n × (n − 1));
 * - clustering: the average local clustering coefficient with direction set aside, nodes with
 *   fewer than two neighbours counting 0;
 * - communities: Louvain with the map metrics' seed, on the same directed graph, its nodes in id
 *   order;
 * - bridges: nodes whose links reach into another community than their own (the communities of a
 *   node and of its neighbours number two or more), the ten reaching most first, then the most
 *   linked, then by id.
 * Shares and graph figures are rounded to 4 decimals; null where there is nothing to compute from.
 * A figure that depends on a part the caller may not read (`facts.unavailable`) is null, never a
 * count of what was not read: members and activeMembers need the roster (and every part the
 * activity comes from), needs and offers the resources, offersUsed the bookings too, and the map
 * figures the map.
 */
import { DirectedGraph } from 'graphology'
import type { HealthFigures, HealthResult } from '../api/insight-api.ts'
import { BOOKABLE_KINDS } from '../schemas/resource.ts'
import { louvain, LOUVAIN_SEED, seededRandom } from '../map/metrics-graphology.ts'
import type { InsightPart, SpaceFacts } from './contract.ts'
import { linked, neighbourhoods, type Neighbourhoods } from './graph.ts'

const ACTIVE_MS = 30 * 86_400_000
const BRIDGES = 10
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000
const share = (part: number, whole: number): number | null => (whole === 0 ? null : round4(part / whole))

export function healthFigures(facts: SpaceFacts): HealthFigures {
  const since = facts.now - ACTIVE_MS
  const unread = new Set(facts.unavailable)
  const activityUnread = ACTIVITY_PARTS.some((p) => unread.has(p))
  const population = facts.members ? new Set(facts.members.map((m) => m.did)) : null
  const activeMembers = population && !activityUnread ? [...population].filter((did) => (facts.lastActive[did] ?? -Infinity) >= since).length : null

  const needs = facts.resources.filter((r) => r.kind === 'need')
  const offers = facts.resources.filter((r) => r.kind === 'offer' || BOOKABLE_KINDS.includes(r.kind))
  const booked = new Set(facts.bookings.filter((b) => !b.cancelled && Date.parse(b.to) > since).map((b) => b.resource))
  const done = (status: string): boolean => status === 'matched' || status === 'closed'
  const resources = !unread.has('resources')

  return {
    members: population?.size ?? null,
    activeMembers,
    needs: resources ? needs.length : null,
    needsMet: resources ? share(needs.filter((r) => done(r.status)).length, needs.length) : null,
    offers: resources ? offers.length : null,
    offersUsed: resources && !unread.has('bookings') ? share(offers.filter((r) => done(r.status) || booked.has(r.id)).length, offers.length) : null,
    ...mapFigures(facts),
  }
}

/** The parts a member's activity is read from. */
const ACTIVITY_PARTS: readonly InsightPart[] = ['resources', 'bookings', 'decisions', 'map']

type MapFigures = Pick<HealthFigures, 'mapNodes' | 'mapEdges' | 'density' | 'clustering' | 'communities' | 'bridges'>

function mapFigures(facts: SpaceFacts): MapFigures {
  if (!facts.graph) return { mapNodes: null, mapEdges: null, density: null, clustering: null, communities: null, bridges: [] }
  if (facts.graph.nodes.length === 0) return { mapNodes: 0, mapEdges: 0, density: null, clustering: null, communities: null, bridges: [] }
  const h = neighbourhoods(facts.graph)
  const n = h.nodes.length
  const arcs = directed(facts.graph.edges, h)
  const graph = new DirectedGraph({ allowSelfLoops: false })
  for (let i = 0; i < n; i++) graph.addNode(String(i))
  for (const [a, b] of arcs) graph.addEdge(String(a), String(b))
  const found = louvain.detailed(graph, { getEdgeWeight: null, rng: seededRandom(LOUVAIN_SEED) })
  const community = (i: number): number => found.communities[String(i)]!
  return {
    mapNodes: n,
    mapEdges: facts.graph.edges.filter((e) => h.index.has(e.from) && h.index.has(e.to)).length,
    density: n > 1 ? round4(arcs.length / (n * (n - 1))) : 0,
    clustering: round4(h.neighbours.reduce((sum, _, i) => sum + localClustering(h, i), 0) / n),
    communities: found.count,
    bridges: bridges(h, community),
  }
}

/** The map's arcs, each once: a directed edge one way, an undirected or mutual one both ways; loops left out. */
function directed(edges: NonNullable<SpaceFacts['graph']>['edges'], h: Neighbourhoods): Array<[number, number]> {
  const seen = new Set<number>()
  const out: Array<[number, number]> = []
  const n = h.nodes.length
  const add = (a: number, b: number): void => {
    if (a === b || seen.has(a * n + b)) return
    seen.add(a * n + b)
    out.push([a, b])
  }
  for (const e of edges) {
    const [a, b] = [h.index.get(e.from), h.index.get(e.to)]
    if (a === undefined || b === undefined) continue
    add(a, b)
    if (e.direction !== 'directed') add(b, a)
  }
  return out
}

/** The share of a node's pairs of neighbours that are linked themselves. */
function localClustering(h: Neighbourhoods, i: number): number {
  const list = h.neighbours[i]!
  const k = list.length
  if (k < 2) return 0
  let closed = 0
  for (let x = 0; x < k; x++) for (let y = x + 1; y < k; y++) if (linked(h, list[x]!, list[y]!)) closed++
  return (2 * closed) / (k * (k - 1))
}

function bridges(h: Neighbourhoods, community: (i: number) => number): HealthFigures['bridges'] {
  const out: Array<{ i: number; communities: number }> = []
  h.neighbours.forEach((list, i) => {
    const reached = new Set(list.map(community))
    if (reached.size > 0) reached.add(community(i))
    if (reached.size >= 2) out.push({ i, communities: reached.size })
  })
  out.sort((a, b) => b.communities - a.communities || h.neighbours[b.i]!.length - h.neighbours[a.i]!.length || a.i - b.i)
  return out.slice(0, BRIDGES).map(({ i, communities }) => ({ id: h.nodes[i]!.id, label: h.nodes[i]!.label, communities }))
}

/** Each numeric figure's change from `previous` to `now`. */
export function healthChange(now: HealthFigures, previous: HealthFigures): HealthResult['change'] {
  const change: HealthResult['change'] = {}
  for (const key of Object.keys(now) as Array<keyof HealthFigures>) {
    const [a, b] = [now[key], previous[key]]
    if (typeof a === 'number' && typeof b === 'number') change[key] = round4(a - b)
  }
  return change
}
