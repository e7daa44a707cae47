/** Health figures on a tiny map and space, computed by hand; the change since a snapshot. */
import { describe, expect, it } from 'vitest'
import type { HealthFigures } from '../../../shared/api/insight-api.ts'
import type { InsightGraph } from '../../../shared/insight/contract.ts'
import { healthChange, healthFigures } from '../../../shared/insight/health.ts'
import { DAY, daysAgo, facts, item, need, NOW } from './space.ts'

const node = (id: string): InsightGraph['nodes'][number] => ({ id, label: id.toUpperCase(), type: 'organisation', tags: [] })
const edge = (from: string, to: string, direction: 'directed' | 'undirected' = 'undirected'): InsightGraph['edges'][number] => ({ id: `${from}${to}`, from, to, direction })

// Two triangles a-b-c and d-e-f, joined by c → d (directed), and g alone.
const graph: InsightGraph = {
  nodes: ['g', 'f', 'e', 'd', 'c', 'b', 'a'].map(node),
  edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('d', 'e'), edge('e', 'f'), edge('f', 'd'), edge('c', 'd', 'directed')],
}

const resources = [
  need({ id: 'n1', title: 'a', status: 'matched' }), need({ id: 'n2', title: 'b', status: 'closed' }), need({ id: 'n3', title: 'c' }), need({ id: 'n4', title: 'd' }),
  item({ id: 'o1', title: 'e' }), item({ id: 'o2', title: 'f', status: 'closed' }),
  item({ id: 't1', kind: 'tool', title: 'g' }), item({ id: 'f1', kind: 'facility', title: 'h' }), item({ id: 's1', kind: 'skill', title: 'i' }),
]
const bookings = [
  { id: 'b1', resource: 't1', from: daysAgo(10), to: daysAgo(9), by: 'did:key:x', byName: null, cancelled: false },
  { id: 'b2', resource: 'f1', from: daysAgo(41), to: daysAgo(40), by: 'did:key:x', byName: null, cancelled: false },
]
const members = [{ did: 'did:key:ana', name: 'Ana' }, { did: 'did:key:ben', name: 'Ben' }, { did: 'did:key:cai', name: null }, { did: 'did:key:dee', name: null }]
const lastActive = { 'did:key:ana': NOW - DAY, 'did:key:ben': NOW - 29 * DAY, 'did:key:cai': NOW - 31 * DAY, 'did:key:out': NOW }

describe('health figures', () => {
  it('members, needs met, offers used and the map figures, as computed by hand', () => {
    expect(healthFigures(facts({ graph, resources, bookings, members, lastActive }))).toEqual({
      members: 4, activeMembers: 2,
      needs: 4, needsMet: 0.5, // matched and closed, of 4
      offers: 4, offersUsed: 0.5, // o2 closed and t1 booked 10 days ago, of o1, o2, t1, f1 (skills are not offers; f1's booking ended 40 days ago)
      mapNodes: 7, mapEdges: 7,
      density: 0.3095, // 13 arcs (6 undirected edges both ways, one directed) of 7 × 6
      clustering: 0.6667, // a, b, e, f: 1; c, d: 1/3; g: 0 → (4 + 2/3) / 7
      communities: 3, // the two triangles, and g
      bridges: [{ id: 'c', label: 'C', communities: 2 }, { id: 'd', label: 'D', communities: 2 }],
    } satisfies HealthFigures)
  })

  it('a peer holding the map in another order has the same figures', () => {
    const shuffled = { nodes: [...graph.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)), edges: [...graph.edges].reverse() }
    expect(healthFigures(facts({ graph: shuffled }))).toEqual(healthFigures(facts({ graph })))
  })

  it('a part the caller may not read leaves what depends on it unknown (null), never counted as none', () => {
    const two = [need({ id: 'n', title: 'x', owner: 'did:key:ana' }), item({ id: 'o', title: 'y', owner: 'did:key:ben' })]
    // An agent reading resources only: no roster, no bookings, no map.
    expect(healthFigures(facts({ resources: two, lastActive, unavailable: ['bookings', 'decisions', 'map', 'members'] }))).toEqual({
      members: null, activeMembers: null, needs: 1, needsMet: 0, offers: 1, offersUsed: null,
      mapNodes: null, mapEdges: null, density: null, clustering: null, communities: null, bridges: [],
    })
    // A writer of the map that may not read resources: the map's figures, none of the resources'.
    const mapOnly = healthFigures(facts({ graph, members, lastActive, unavailable: ['resources'] }))
    expect(mapOnly).toMatchObject({ members: 4, activeMembers: null, needs: null, needsMet: null, offers: null, offersUsed: null, mapNodes: 7 })
    // Read, and empty: counted as none.
    expect(healthFigures(facts({ members: [], graph: { nodes: [], edges: [] } }))).toEqual({
      members: 0, activeMembers: 0, needs: 0, needsMet: null, offers: 0, offersUsed: null,
      mapNodes: 0, mapEdges: 0, density: null, clustering: null, communities: null, bridges: [],
    })
  })

  it('the change since a snapshot: each number present in both', () => {
    const now = healthFigures(facts({ graph, resources, bookings, members, lastActive }))
    const before: HealthFigures = { ...now, members: 3, activeMembers: 3, needsMet: null, density: 0.25, bridges: [] }
    expect(healthChange(now, before)).toEqual({
      members: 1, activeMembers: -1, needs: 0, offers: 0, offersUsed: 0, mapNodes: 0, mapEdges: 0, density: 0.0595, clustering: 0, communities: 0,
    })
  })
})
