/**
 * How the map looks: colours by type or community that read on both the light and the dark
 * background, sizes by a chosen figure, which nodes the filters leave out, and the open node
 * with its neighbours brought forward. The canvas's reducers read one `Look`, changed in place
 * when a choice changes, and write into the copy of the attributes sigma hands them: nothing is
 * allocated per node or per frame.
 */
import type { NodeMetrics } from '../../../shared/api/map-api.ts'
import type { NodeType } from '../../../shared/schemas/map.ts'
import type { EdgeAttrs, MapGraph, NodeAttrs } from './graph-model.ts'
import { passesFilters } from './shown.ts'
import type { ColourBy, SizeBy } from './slice.ts'

export const TYPE_WORDS: Record<NodeType, { one: string; many: string }> = {
  organisation: { one: 'Organisation', many: 'Organisations' },
  person: { one: 'Person', many: 'People' },
  initiative: { one: 'Initiative', many: 'Initiatives' },
  place: { one: 'Place', many: 'Places' },
  resource: { one: 'Resource', many: 'Resources' },
}

/** Mid-tones (Mantine's 6 and 7 shades): each reads against white and against the dark theme's body. */
export const TYPE_COLOURS: Record<NodeType, string> = {
  organisation: '#4263eb', person: '#e8590c', initiative: '#2f9e44', place: '#ae3ec9', resource: '#0c8599',
}
export const COMMUNITY_COLOURS = ['#4263eb', '#e8590c', '#2f9e44', '#ae3ec9', '#0c8599', '#e03131', '#f08c00', '#d6336c', '#66a80f', '#7048e8'] as const
/** Communities past the palette's end share one grey (the legend says so). */
export const OTHER_COLOUR = '#868e96'

export interface Palette {
  label: string
  edge: string
  edgeNear: string
  dim: string
  hoverBox: string
}

export const PALETTES: Record<'light' | 'dark', Palette> = {
  light: { label: '#212529', edge: '#adb5bd', edgeNear: '#343a40', dim: '#e9ecef', hoverBox: '#ffffff' },
  dark: { label: '#dee2e6', edge: '#5c5f66', edgeNear: '#ced4da', dim: '#2c2e33', hoverBox: '#25262b' },
}

/** Up to this many neighbours of the open node are highlighted (each label on a box); more would cover the map. */
export const NEAR_HIGHLIGHTED = 30

export const MIN_SIZE = 3
export const MAX_SIZE = 14
const PLAIN_SIZE = 5

export interface Look {
  colourBy: ColourBy
  palette: Palette
  /** Each node's size for the chosen figure (absent: the plain size). */
  sizes: Map<string, number>
  communities: Map<string, number>
  hiddenTypes: Set<string>
  tag: string | null
  /** The open node, and the nodes one edge from it. */
  selected: string | null
  near: Set<string>
  /** A large map: directed edges are drawn as plain lines, but for the open node's (an arrow costs a second program). */
  plainEdges: boolean
  /** While the layout moves a large map: edges are left out, but for the open node's (each frame is then a fraction of the work). */
  edgesHidden: boolean
}

export function newLook(): Look {
  return { colourBy: 'type', palette: PALETTES.light, sizes: new Map(), communities: new Map(), hiddenTypes: new Set(), tag: null, selected: null, near: new Set(), plainEdges: false, edgesHidden: false }
}

export function communityColour(community: number | undefined): string {
  return community === undefined ? OTHER_COLOUR : COMMUNITY_COLOURS[community] ?? OTHER_COLOUR
}

/** Whether the filters leave a node out. */
export function filteredOut(look: Look, a: NodeAttrs): boolean {
  return !passesFilters(look.hiddenTypes.has(a.kind), look.tag, a.tags)
}

export function nodeReducer(look: Look): (id: string, a: NodeAttrs) => NodeAttrs {
  return (id, a) => {
    a.hidden = filteredOut(look, a)
    a.color = look.colourBy === 'community' ? communityColour(look.communities.get(id)) : TYPE_COLOURS[a.kind] ?? OTHER_COLOUR
    a.size = look.sizes.get(id) ?? PLAIN_SIZE
    if (look.selected !== null) {
      if (id === look.selected) {
        a.highlighted = true
        a.zIndex = 2
      } else if (look.near.has(id)) {
        // Its label shows: on the hover layer with the open node's, or (a hub's many neighbours)
        // among the others, where there is room (label-boxes.ts).
        if (look.near.size <= NEAR_HIGHLIGHTED) a.highlighted = true
        else a.forceLabel = true
        a.zIndex = 1
      } else {
        a.color = look.palette.dim
        a.label = null
        a.zIndex = 0
      }
    }
    return a
  }
}

export function edgeReducer(look: Look): (id: string, a: EdgeAttrs) => EdgeAttrs {
  return (_id, a) => {
    const touches = look.selected !== null && (a.from === look.selected || a.to === look.selected)
    a.color = touches ? look.palette.edgeNear : look.palette.edge
    a.size = touches ? 2 : 1
    a.zIndex = touches ? 1 : 0
    if (look.plainEdges && !touches) a.type = 'line'
    if (look.edgesHidden && !touches) a.hidden = true
    return a
  }
}

/** Each node's size for a figure: the square root of its share of the largest, between the smallest and largest sizes. */
export function sizesFor(sizeBy: SizeBy, graph: MapGraph, metrics: readonly NodeMetrics[] | null): Map<string, number> {
  const sizes = new Map<string, number>()
  if (sizeBy === 'none') return sizes
  const value = new Map<string, number>()
  if (sizeBy === 'degree' && !metrics) graph.forEachNode((id) => { value.set(id, graph.degree(id)) })
  else if (metrics) for (const m of metrics) value.set(m.id, m[sizeBy])
  let max = 0
  for (const v of value.values()) if (v > max) max = v
  if (max <= 0) return sizes
  for (const [id, v] of value) sizes.set(id, MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(Math.max(v, 0) / max))
  return sizes
}

/** The node's hover: its label on a box of the theme's background (sigma's own box is always white). */
export function hoverDrawer(look: Look) {
  return (context: CanvasRenderingContext2D, data: { x: number; y: number; size: number; label?: string | null; color: string }, settings: { labelSize: number; labelFont: string; labelWeight: string }): void => {
    const size = settings.labelSize
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`
    context.fillStyle = look.palette.hoverBox
    context.shadowBlur = 8
    context.shadowColor = 'rgba(0, 0, 0, 0.4)'
    const pad = 2
    const label = typeof data.label === 'string' ? data.label : ''
    const width = label ? context.measureText(label).width + 8 : 0
    context.beginPath()
    context.arc(data.x, data.y, data.size + pad, 0, Math.PI * 2)
    if (label) context.rect(data.x, data.y - size / 2 - pad * 2, data.size + pad + width, size + pad * 4)
    context.fill()
    context.shadowBlur = 0
    if (label) {
      context.fillStyle = look.palette.label
      context.fillText(label, data.x + data.size + 4, data.y + size / 3)
    }
  }
}
