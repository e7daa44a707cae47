/**
 * The map drawn by sigma (WebGL) over the graphology graph: click a node to open it; the open
 * node and its neighbours are brought forward and the camera goes to it. Labels show only for
 * nodes drawn large enough (zooming in shows more), and edges hide while the camera moves on a
 * large map, so it stays interactive at thousands of nodes. The canvas is not reachable by
 * keyboard: the node list beside it opens any node.
 */
import { Box, useComputedColorScheme } from '@mantine/core'
import { SigmaContainer, useRegisterEvents, useSigma } from '@react-sigma/core'
import '@react-sigma/core/lib/style.css'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { Settings } from 'sigma/settings'
import type { NodeMetrics } from '../../../shared/api/map-api.ts'
import { edgeReducer, hoverDrawer, newLook, nodeReducer, PALETTES, sizesFor, type Look } from './appearance.ts'
import type { EdgeAttrs, MapGraph, NodeAttrs } from './graph-model.ts'
import { markFirstRender, installProbe } from './render-marks.ts'
import type { MapDisplay } from './slice.ts'

/** Above this many edges they hide while the camera moves. */
const EDGES_HIDE_ON_MOVE = 1500
/** From this many nodes, opening one zooms in on it (a small map is read whole). */
const CLOSE_UP_FROM = 200

export interface MapCanvasProps {
  graph: MapGraph
  /** Bumped when nodes or edges came or went. */
  shape: number
  display: MapDisplay
  metrics: readonly NodeMetrics[] | null
  selected: string | null
  onOpen(id: string): void
  /** What a screen reader hears for the drawing. */
  label: string
  children?: ReactNode
}

/** Writes the display choices and figures into the look the reducers read. */
function applyDisplay(look: Look, graph: MapGraph, display: MapDisplay, metrics: readonly NodeMetrics[] | null): void {
  look.colourBy = display.colourBy
  look.hiddenTypes = new Set(display.hiddenTypes)
  look.tag = display.tag
  look.communities = new Map((metrics ?? []).map((m) => [m.id, m.community]))
  look.sizes = sizesFor(display.sizeBy, graph, metrics)
}

export function MapCanvas({ graph, shape, display, metrics, selected, onOpen, label, children }: MapCanvasProps) {
  const dark = useComputedColorScheme('light') === 'dark'
  // The look is whole before sigma is made: its first frame (drawn as it is made) is already right.
  const [look] = useState(() => {
    const l = newLook()
    l.palette = dark ? PALETTES.dark : PALETTES.light
    applyDisplay(l, graph, display, metrics)
    return l
  })
  // Settings are made once: react-sigma makes a new sigma whenever they change. What changes
  // later goes through `look` (the reducers read it) and sigma.setSetting.
  const [settings] = useState<Partial<Settings<NodeAttrs, EdgeAttrs>>>(() => ({
    nodeReducer: nodeReducer(look),
    edgeReducer: edgeReducer(look),
    defaultDrawNodeHover: hoverDrawer(look),
    labelColor: { color: look.palette.label },
    labelRenderedSizeThreshold: 7,
    labelDensity: 0.5,
    labelGridCellSize: 80,
    labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    labelSize: 13,
    zIndex: true,
    hideEdgesOnMove: graph.size > EDGES_HIDE_ON_MOVE,
    defaultEdgeType: 'line',
    renderEdgeLabels: false,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
  }))
  return (
    <Box role="region" aria-label={label} pos="relative" h="100%" style={{ minHeight: 420 }}>
      <SigmaContainer<NodeAttrs, EdgeAttrs> graph={graph} settings={settings} style={{ height: '100%', width: '100%', background: 'transparent' }}>
        <CanvasDriver look={look} dark={dark} shape={shape} display={display} metrics={metrics} selected={selected} onOpen={onOpen} />
        {children}
      </SigmaContainer>
    </Box>
  )
}

type DriverProps = Omit<MapCanvasProps, 'graph' | 'label' | 'children'> & { look: Look; dark: boolean }

function CanvasDriver({ look, dark, shape, display, metrics, selected, onOpen }: DriverProps) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>()
  const registerEvents = useRegisterEvents()
  const open = useRef(onOpen)
  open.current = onOpen
  // What the look was last made from: an effect whose inputs are those redraws nothing.
  const applied = useRef({ display, metrics, shape })

  useEffect(() => {
    registerEvents({
      clickNode: (e) => open.current(e.node),
      enterNode: () => { sigma.getContainer().style.cursor = 'pointer' },
      leaveNode: () => { sigma.getContainer().style.cursor = '' },
    })
  }, [registerEvents, sigma])

  useEffect(() => {
    markFirstRender()
    return installProbe(sigma)
  }, [sigma])

  useEffect(() => {
    const palette = dark ? PALETTES.dark : PALETTES.light
    if (look.palette === palette) return
    look.palette = palette
    sigma.setSetting('labelColor', { color: palette.label })
  }, [dark, look, sigma])

  useEffect(() => {
    const was = applied.current
    if (was.display === display && was.metrics === metrics && was.shape === shape) return
    applied.current = { display, metrics, shape }
    const graph = sigma.getGraph()
    applyDisplay(look, graph, display, metrics)
    sigma.setSetting('hideEdgesOnMove', graph.size > EDGES_HIDE_ON_MOVE)
    sigma.refresh()
  }, [sigma, look, display, metrics, shape])

  useEffect(() => {
    const graph = sigma.getGraph()
    const present = selected !== null && graph.hasNode(selected)
    if (!present && look.selected === null) return
    look.selected = present ? selected : null
    look.near = present ? new Set(graph.neighbors(selected)) : new Set()
    sigma.refresh()
    if (!present) return
    // The camera goes to the open node (at once for those who asked for less motion); on a large
    // map it comes close enough for the node's neighbours to be read.
    const at = sigma.getNodeDisplayData(selected)
    if (!at) return
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches
    const ratio = graph.order > CLOSE_UP_FROM ? Math.min(sigma.getCamera().ratio, 0.35) : sigma.getCamera().ratio
    void sigma.getCamera().animate({ x: at.x, y: at.y, ratio }, { duration: still ? 0 : 400 })
  }, [sigma, look, selected, shape])
  return null
}
