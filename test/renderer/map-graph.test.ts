/**
 * The Map view's graph, as pure code: a change to the map (a node or edge added, changed or
 * deleted, from here or from another peer) changes the drawn graph in place, leaving every
 * position where it was; the layout's matrices are ForceAtlas2's; sizes follow the chosen figure;
 * the filters and the open node change what the reducers draw; and the forms say what is wrong.
 */
import { describe, expect, it } from 'vitest'
import type { MapEdgeView, MapNodeView, NodeMetrics } from '../../shared/api/map-api.ts'
import { newMapGraph, seededPlace, syncGraph } from '../../renderer/features/map/graph-model.ts'
import { toMatrices } from '../../renderer/features/map/layout.ts'
import { PPE, PPN } from '../../renderer/features/map/layout-protocol.ts'
import { MAX_SIZE, MIN_SIZE, edgeReducer, newLook, nodeReducer, sizesFor, TYPE_COLOURS } from '../../renderer/features/map/appearance.ts'
import { checkEdit, checkLink, checkNew, EMPTY_NODE, fieldsOf } from '../../renderer/features/map/node-form.ts'
import { hashToPlace, placeToHash, Section } from '../../renderer/app/nav-slice.ts'
import { placeOf } from '../../renderer/features/search/hits.tsx'
import { sectionLabels, spaceAs } from './space-fixture.ts'

const T = '2026-01-01T00:00:00.000Z'
function node(id: string, label: string, p: Partial<MapNodeView> = {}): MapNodeView {
  return { id, type: 'organisation', label, description: '', tags: [], url: null, attributes: {}, resources: [], createdAt: T, updatedAt: T, createdBy: null, createdByName: null, ...p }
}
function edge(id: string, from: string, to: string, p: Partial<MapEdgeView> = {}): MapEdgeView {
  return { id, from, to, fromLabel: from, toLabel: to, type: 'funds', direction: 'directed', label: null, description: '', tags: [], attributes: {}, createdAt: T, updatedAt: T, createdBy: null, ...p }
}
const place = seededPlace(10)

describe('the drawn graph follows the map in place', () => {
  it('fills from the map: directed edges drawn as arrows, others as lines', () => {
    const g = newMapGraph()
    const change = syncGraph(g, { nodes: [node('a', 'Ada'), node('b', 'Bea'), node('c', 'Cleo')], edges: [edge('e1', 'a', 'b'), edge('e2', 'b', 'c', { direction: 'mutual' })] }, place)
    expect(change).toEqual({ added: 5, dropped: 0, reshaped: true })
    expect(g.order).toBe(3)
    expect(g.size).toBe(2)
    expect(g.getEdgeAttribute('e1', 'type')).toBe('arrow')
    expect(g.isDirected('e1')).toBe(true)
    expect(g.getEdgeAttribute('e2', 'type')).toBe('line')
    expect(g.isUndirected('e2')).toBe(true)
  })

  it('an edge from another peer is added, a renamed node keeps its place, a deleted node goes with its edges', () => {
    const g = newMapGraph()
    syncGraph(g, { nodes: [node('a', 'Ada'), node('b', 'Bea'), node('c', 'Cleo')], edges: [edge('e1', 'a', 'b')] }, place)
    g.mergeNodeAttributes('a', { x: 42, y: -7 }) // where the layout left it
    const before = g.getNodeAttributes('b')
    const change = syncGraph(g, { nodes: [node('a', 'Ada Lovelace'), node('b', 'Bea'), node('c', 'Cleo')], edges: [edge('e1', 'a', 'b'), edge('e3', 'c', 'a')] }, place)
    expect(change).toEqual({ added: 1, dropped: 0, reshaped: true })
    expect(g.getNodeAttributes('a')).toMatchObject({ x: 42, y: -7, label: 'Ada Lovelace' })
    expect(g.getNodeAttributes('b')).toBe(before) // untouched: the same attributes object
    expect(g.hasEdge('e3')).toBe(true)
    const gone = syncGraph(g, { nodes: [node('b', 'Bea'), node('c', 'Cleo')], edges: [] }, place)
    expect(gone.dropped).toBe(3)
    expect(g.nodes()).toEqual(['b', 'c'])
    expect(g.size).toBe(0)
  })

  it('the same map again changes nothing; an edge whose direction changed is drawn anew', () => {
    const g = newMapGraph()
    const map = { nodes: [node('a', 'Ada'), node('b', 'Bea')], edges: [edge('e1', 'a', 'b')] }
    syncGraph(g, map, place)
    expect(syncGraph(g, map, place)).toEqual({ added: 0, dropped: 0, reshaped: false })
    expect(syncGraph(g, { ...map, edges: [edge('e1', 'a', 'b', { direction: 'undirected' })] }, place).reshaped).toBe(true)
    expect(g.isUndirected('e1')).toBe(true)
  })

  it('seeded places are the same for the same id, and spread over a disc', () => {
    const p = seededPlace(2000)
    expect(p('node-1')).toEqual(p('node-1'))
    expect(p('node-1')).not.toEqual(p('node-2'))
    const r = Math.hypot(p('x').x, p('x').y)
    expect(r).toBeLessThanOrEqual(10 * Math.sqrt(2000))
  })
})

describe('the layout and the look', () => {
  const g = newMapGraph()
  syncGraph(g, {
    nodes: [node('hub', 'Hub'), node('p', 'Pat', { type: 'person', tags: ['food'] }), node('q', 'Quinn', { type: 'person' }), node('r', 'Rue', { type: 'place' })],
    edges: [edge('1', 'hub', 'p'), edge('2', 'hub', 'q'), edge('3', 'hub', 'r')],
  }, place)

  it('gives ForceAtlas2 its matrices: positions, mass 1 + degree, edges by node offsets', () => {
    const m = toMatrices(g)
    expect(m.nodes.length).toBe(4 * PPN)
    expect(m.edges.length).toBe(3 * PPE)
    const hub = m.ids.indexOf('hub') * PPN
    expect(m.nodes[hub + 6]).toBe(4)
    expect(m.nodes[hub]).toBeCloseTo(g.getNodeAttribute('hub', 'x'), 3)
    expect([m.edges[0], m.edges[1]]).toEqual([hub, m.ids.indexOf('p') * PPN])
  })

  it('sizes by degree before any metrics, and by a figure once they come', () => {
    const byDegree = sizesFor('degree', g, null)
    expect(byDegree.get('hub')).toBe(MAX_SIZE)
    expect(byDegree.get('p')).toBeGreaterThan(MIN_SIZE)
    expect(byDegree.get('p')).toBeLessThan(MAX_SIZE)
    const metrics = ['hub', 'p', 'q', 'r'].map((id): NodeMetrics => ({ id, label: id, degree: 0, inDegree: 0, outDegree: 0, betweenness: id === 'hub' ? 1 : 0, closeness: 0, eigenvector: 0, reach: 0, community: 0 }))
    const byBetweenness = sizesFor('betweenness', g, metrics)
    expect(byBetweenness.get('hub')).toBe(MAX_SIZE)
    expect(byBetweenness.get('p')).toBe(MIN_SIZE)
    expect(sizesFor('none', g, metrics).size).toBe(0)
  })

  it('the reducers colour by type, hide what the filters leave out, and bring the open node and its neighbours forward', () => {
    const look = newLook()
    const reduce = nodeReducer(look)
    const drawn = (id: string) => reduce(id, { ...g.getNodeAttributes(id) })
    expect(drawn('p').color).toBe(TYPE_COLOURS.person)
    look.hiddenTypes = new Set(['place'])
    expect(drawn('r').hidden).toBe(true)
    look.tag = 'food'
    expect(drawn('q').hidden).toBe(true)
    expect(drawn('p').hidden).toBe(false)
    look.tag = null
    look.hiddenTypes = new Set()
    look.selected = 'p'
    look.near = new Set(['hub'])
    expect(drawn('p').highlighted).toBe(true)
    expect(drawn('hub').color).toBe(TYPE_COLOURS.organisation)
    expect(drawn('q')).toMatchObject({ color: look.palette.dim, label: null })
    const edges = edgeReducer(look)
    expect(edges('1', { ...g.getEdgeAttributes('1') }).color).toBe(look.palette.edgeNear)
    expect(edges('2', { ...g.getEdgeAttributes('2') }).color).toBe(look.palette.edge)
  })
})

describe('the node and link forms', () => {
  it('says what is wrong in words, by field', () => {
    const r = checkNew({ ...EMPTY_NODE, label: '  ', url: 'ftp://x' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems.map((p) => p.field).sort()).toEqual(['label', 'url'])
    expect(r.problems.find((p) => p.field === 'url')?.message).toMatch(/web address/)
  })

  it('sends only what changed, and an emptied web address as cleared', () => {
    const n = node('a', 'Ada', { url: 'https://ada.example', tags: ['x'] })
    expect(checkEdit(n, { ...fieldsOf(n), url: '' })).toEqual({ ok: true, value: { url: null } })
    expect(checkEdit(n, fieldsOf(n))).toEqual({ ok: false, problems: [{ field: null, message: 'Nothing changed.' }] })
  })

  it('a link needs both ends and a type', () => {
    const r = checkLink({ from: 'a', to: '', type: '', direction: 'directed', label: '' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems.map((p) => p.field).sort()).toEqual(['to', 'type'])
    expect(checkLink({ from: 'a', to: 'b', type: 'funds', direction: 'mutual', label: '' })).toMatchObject({ ok: true, value: { from: 'a', to: 'b', type: 'funds', direction: 'mutual' } })
  })
})

describe('who sees the Map, and where a node opens', () => {
  const space = spaceAs
  const labels = sectionLabels

  it('a member sees it; a guest only when its grant names the map, and then no board', () => {
    expect(labels(space('member', '/doc/write', ['*']))).toContain('Map')
    expect(labels(space('guest', '/doc/read', ['map']))).toEqual(['Map', 'Consent'])
    expect(labels(space('guest', '/doc/read', ['pages']))).not.toContain('Map')
  })

  it('a node has an address of its own, and a search hit on a node opens it in the Map', () => {
    expect(placeToHash(Section.Map, 'n1')).toBe('#/map/n1')
    expect(hashToPlace('#/map/n1')).toEqual({ section: 'map', item: 'n1' })
    expect(placeOf({ kind: 'node', id: 'n1', title: 'Food Hub', snippet: '', marks: [], score: 1 })).toEqual({ section: 'map', item: 'n1' })
  })
})
