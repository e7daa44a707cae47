/**
 * The Map view's rules apart from the browser: a node added live appears beside the node it is
 * linked to; a large map draws its directed edges as lines (arrows only on the open node's) and
 * hides edges while the layout moves; the camera moves only when the open node changes (on a
 * small map only to bring it into sight); layout positions are drawn at most once a second on a
 * large map; the legend lists communities largest first; exported files are named after the
 * space and the day.
 */
import { describe, expect, it } from 'vitest'
import type { MapGraphView, MapMetrics, NodeMetrics } from '../../shared/api/map-api.ts'
import { newMapGraph, seededPlace, syncGraph } from '../../renderer/features/map/graph-model.ts'
import { edgeReducer, newLook } from '../../renderer/features/map/appearance.ts'
import { CLOSE_UP_FROM, cameraMove } from '../../renderer/features/map/camera-plan.ts'
import { drawDelay, LARGE_MAP } from '../../renderer/features/map/layout.ts'
import { legendEntries } from '../../renderer/features/map/Legend.tsx'
import { exportName } from '../../renderer/features/map/download.ts'

type Nodes = MapGraphView['nodes']
type Edges = MapGraphView['edges']
const n = (id: string, label = id): Nodes[number] => ({ id, type: 'organisation', label, tags: [] })
const e = (id: string, from: string, to: string, direction: Edges[number]['direction'] = 'directed'): Edges[number] => ({ id, from, to, type: 'funds', direction })

describe('a node added live', () => {
  it('appears beside the node it is linked to, not on the seeded disc; one that comes alone keeps its seeded place', () => {
    const g = newMapGraph()
    const place = seededPlace(1000)
    syncGraph(g, { nodes: [n('a'), n('b')], edges: [e('ab', 'a', 'b')] }, place)
    g.mergeNodeAttributes('a', { x: 100, y: 100 })
    g.mergeNodeAttributes('b', { x: 104, y: 100 })
    syncGraph(g, { nodes: [n('a'), n('b'), n('c'), n('lone')], edges: [e('ab', 'a', 'b'), e('ca', 'c', 'a')] }, place)
    const c = g.getNodeAttributes('c')
    // Half of a's shortest link (4) away from a.
    expect(Math.hypot(c.x - 100, c.y - 100)).toBeCloseTo(2, 5)
    expect(g.getNodeAttributes('lone')).toMatchObject(place('lone'))
  })

  it('the map filled at first takes its seeded places, every one', () => {
    const g = newMapGraph()
    const place = seededPlace(3)
    syncGraph(g, { nodes: [n('a'), n('b')], edges: [e('ab', 'a', 'b')] }, place)
    expect(g.getNodeAttributes('b')).toMatchObject(place('b'))
  })
})

describe('drawing a large map', () => {
  const look = newLook()
  const reduce = edgeReducer(look)
  const arrow = () => ({ type: 'arrow' as const, from: 'a', to: 'b', relation: 'funds', size: 1, color: '' })
  const away = () => ({ ...arrow(), from: 'c', to: 'd' })

  it('draws directed edges as lines, but the open node’s as arrows', () => {
    expect(reduce('1', arrow()).type).toBe('arrow')
    look.plainEdges = true
    expect(reduce('1', away()).type).toBe('line')
    look.selected = 'a'
    expect(reduce('1', arrow()).type).toBe('arrow')
    expect(reduce('2', away()).type).toBe('line')
  })

  it('leaves edges out while the layout moves it, but the open node’s', () => {
    look.edgesHidden = true
    expect(reduce('1', arrow()).hidden).toBeUndefined()
    expect(reduce('2', away()).hidden).toBe(true)
    look.edgesHidden = false
    look.selected = null
    expect(reduce('2', away()).hidden).toBeUndefined()
  })

  it('draws layout positions at most once a second on a large map; a small one, and a run’s end, at once', () => {
    expect(drawDelay(LARGE_MAP - 1, false, 1000, 1100)).toBe(0)
    expect(drawDelay(LARGE_MAP, false, 1000, 1100)).toBe(900)
    expect(drawDelay(LARGE_MAP, false, 1000, 2500)).toBe(0)
    expect(drawDelay(LARGE_MAP, true, 1000, 1100)).toBe(0)
  })
})

describe('the camera', () => {
  const small = { order: 6, inView: true }
  it('stays put for a live change, and on a small map for a node already in sight', () => {
    expect(cameraMove({ ...small, focused: 'a', selected: 'a' })).toBe('stay')
    expect(cameraMove({ ...small, focused: null, selected: 'a' })).toBe('stay')
    expect(cameraMove({ ...small, focused: null, selected: null })).toBe('stay')
  })
  it('brings a node out of sight into it, comes close on a large map, and shows the whole map when the panel closes', () => {
    expect(cameraMove({ order: 6, inView: false, focused: null, selected: 'a' })).toBe('pan')
    expect(cameraMove({ order: CLOSE_UP_FROM + 1, inView: true, focused: 'a', selected: 'b' })).toBe('close-up')
    expect(cameraMove({ ...small, focused: 'a', selected: null })).toBe('whole')
  })
})

describe('the legend', () => {
  it('lists communities by how many nodes each holds, largest first', () => {
    const m = (id: string, community: number): NodeMetrics => ({ id, label: id, degree: 0, inDegree: 0, outDegree: 0, betweenness: 0, closeness: 0, eigenvector: 0, reach: 0, community })
    const metrics = { nodes: [m('a', 0), m('b', 1), m('c', 1), m('d', 2), m('e', 2), m('f', 2)] } as MapMetrics
    const all = metrics.nodes.map((x) => n(x.id))
    expect(legendEntries(all, metrics, 'community')?.map((x) => [x.words, x.count])).toEqual([['Community 3', 3], ['Community 2', 2], ['Community 1', 1]])
    expect(legendEntries(all, null, 'community')).toBeNull()
  })

  it('counts only the nodes the filters leave', () => {
    const m = (id: string, community: number): NodeMetrics => ({ id, label: id, degree: 0, inDegree: 0, outDegree: 0, betweenness: 0, closeness: 0, eigenvector: 0, reach: 0, community })
    const metrics = { nodes: [m('a', 0), m('b', 1), m('c', 1)] } as MapMetrics
    expect(legendEntries([n('a'), n('b')], metrics, 'community')?.map((x) => [x.words, x.count])).toEqual([['Community 1', 1], ['Community 2', 1]])
  })
})

describe('exported files', () => {
  it('are named after the space and the day', () => {
    const day = new Date(2026, 4, 12)
    expect(exportName('Food network', day, 'map-elements.csv')).toBe('food-network-map-2026-05-12-elements.csv')
    expect(exportName('Café «Rhône» & Co.', day, 'map-kumu.json')).toBe('cafe-rhone-co-map-2026-05-12-kumu.json')
    expect(exportName('!!!', day, 'map.json')).toBe('space-map-2026-05-12.json')
  })
})
