/**
 * The canvas's rules a weaver sees: labels never cover one another; the open node's neighbours
 * show their labels; a node added with no link appears near the middle of the view, not at the
 * map's far edge.
 */
import { describe, expect, it } from 'vitest'
import type { MapGraphView } from '../../shared/api/map-api.ts'
import { NEAR_HIGHLIGHTED, newLook, nodeReducer } from '../../renderer/features/map/appearance.ts'
import { newMapGraph, seededPlace, syncGraph, type NodeAttrs } from '../../renderer/features/map/graph-model.ts'
import { LabelBoxes, labelDrawer } from '../../renderer/features/map/label-boxes.ts'

type Nodes = MapGraphView['nodes']
const n = (id: string): Nodes[number] => ({ id, type: 'organisation', label: id, tags: [] })

/** A drawing context that measures 7 px a letter and records what it wrote. */
function recorder() {
  const written: string[] = []
  const context = {
    font: '', fillStyle: '',
    measureText: (t: string) => ({ width: 7 * t.length }),
    fillText: (t: string) => { written.push(t) },
  } as unknown as CanvasRenderingContext2D
  return { context, written }
}
const settings = { labelSize: 13, labelFont: 'sans-serif', labelWeight: 'normal' }

describe('labels', () => {
  it('leave out one that would cover a label already drawn, and draw it again on the next frame', () => {
    const boxes = new LabelBoxes()
    const draw = labelDrawer(boxes, () => '#000')
    const { context, written } = recorder()
    draw(context, { x: 100, y: 100, size: 5, label: 'Community Kitchen' }, settings)
    draw(context, { x: 160, y: 104, size: 5, label: 'Seed Library' }, settings)
    draw(context, { x: 100, y: 140, size: 5, label: 'River Farm' }, settings)
    draw(context, { x: 400, y: 100, size: 5, label: 'Far Away' }, settings)
    expect(written).toEqual(['Community Kitchen', 'River Farm', 'Far Away'])
    boxes.clear()
    draw(context, { x: 160, y: 104, size: 5, label: 'Seed Library' }, settings)
    expect(written.at(-1)).toBe('Seed Library')
  })
})

describe('the open node', () => {
  const attrs = (): NodeAttrs => ({ x: 0, y: 0, label: 'x', kind: 'organisation', tags: [], size: 5, color: '' })

  it('has its neighbours highlighted (their labels show) and the rest dimmed without labels', () => {
    const look = newLook()
    look.selected = 'a'
    look.near = new Set(['b'])
    const reduce = nodeReducer(look)
    expect(reduce('a', attrs())).toMatchObject({ highlighted: true })
    expect(reduce('b', attrs())).toMatchObject({ highlighted: true, label: 'x' })
    expect(reduce('c', attrs())).toMatchObject({ label: null })
    expect(reduce('c', attrs()).highlighted).toBeUndefined()
  })

  it('of a hub: its many neighbours show their labels where there is room, not each on a box', () => {
    const look = newLook()
    look.selected = 'a'
    look.near = new Set(Array.from({ length: NEAR_HIGHLIGHTED + 1 }, (_, i) => `n${i}`))
    const b = nodeReducer(look)('n0', attrs())
    expect(b.highlighted).toBeUndefined()
    expect(b).toMatchObject({ forceLabel: true, label: 'x' })
  })
})

describe('a node added with no link', () => {
  it('appears near the middle of the view, several of them apart', () => {
    const g = newMapGraph()
    const place = seededPlace(1000)
    syncGraph(g, { nodes: [n('a'), n('b')], edges: [] }, place)
    const mid = { x: 7, y: -3, r: 2 }
    syncGraph(g, { nodes: [n('a'), n('b'), n('new'), n('other')], edges: [] }, place, () => mid)
    const at = g.getNodeAttributes('new')
    const other = g.getNodeAttributes('other')
    const away = Math.hypot(at.x - mid.x, at.y - mid.y)
    expect(away).toBeGreaterThanOrEqual(mid.r)
    expect(away).toBeLessThanOrEqual(2 * mid.r)
    expect(Math.hypot(at.x - other.x, at.y - other.y)).toBeGreaterThan(0.1)
    // Far from its seeded place on a disc sized for a thousand nodes.
    expect(Math.hypot(at.x - place('new').x, at.y - place('new').y)).toBeGreaterThan(10)
  })
})
