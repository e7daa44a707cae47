/**
 * The map drawn by sigma (WebGL) over the graphology graph, with its toolbar above and its
 * legend below (nothing lies over the drawing): click a node to open it; the open node and its
 * neighbours are brought forward, the neighbours' labels shown. Labels show only for nodes
 * drawn large enough (zooming in shows more), and never over one another (label-boxes.ts). On a large map edges hide while the camera or the layout moves, and directed
 * edges are drawn as plain lines but for the open node's, so it stays interactive at thousands
 * of nodes even without a GPU. The canvas is not reachable by keyboard: the node list beside it
 * opens any node.
 */
import { Box, useComputedColorScheme } from '@mantine/core'
import { SigmaContainer, useRegisterEvents, useSigma } from '@react-sigma/core'
import '@react-sigma/core/lib/style.css'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type Sigma from 'sigma'
import type { Settings } from 'sigma/settings'
import type { NodeMetrics } from '../../../shared/api/map-api.ts'
import { edgeReducer, hoverDrawer, newLook, nodeReducer, PALETTES, sizesFor, type Look } from './appearance.ts'
import { cameraMove } from './camera-plan.ts'
import { LabelBoxes, labelDrawer } from './label-boxes.ts'
import type { EdgeAttrs, MapGraph, NodeAttrs, ViewCentre } from './graph-model.ts'
import type { MapLayout } from './layout.ts'
import { MapToolbar } from './MapToolbar.tsx'
import { markFirstRender, installProbe } from './render-marks.ts'
import type { MapDisplay } from './slice.ts'
import classes from './map.module.css'

type MapSigma = Sigma<NodeAttrs, EdgeAttrs>

/** Above this many edges they hide while the camera or the layout moves. */
const EDGES_HIDE_ON_MOVE = 1500
/** Above this many edges, directed edges are plain lines but for the open node's (arrows are a second, costlier program). */
const PLAIN_EDGES_FROM = 1000

export interface MapCanvasProps {
  graph: MapGraph
  /** Bumped when nodes or edges came or went. */
  shape: number
  /** Told where the middle of the view is (a node that comes alone is put there). */
  centre: { current: ViewCentre | null }
  display: MapDisplay
  metrics: readonly NodeMetrics[] | null
  selected: string | null
  onOpen(id: string): void
  layout: MapLayout
  running: boolean
  /** What a screen reader hears for the drawing, and the toolbar shows. */
  label: string
  counts: string
  /** Below the drawing (the legend). */
  footer?: ReactNode
}

/** Writes the display choices and figures into the look the reducers read. */
function applyDisplay(look: Look, graph: MapGraph, display: MapDisplay, metrics: readonly NodeMetrics[] | null): void {
  look.colourBy = display.colourBy
  look.hiddenTypes = new Set(display.hiddenTypes)
  look.tag = display.tag
  look.communities = new Map((metrics ?? []).map((m) => [m.id, m.community]))
  look.sizes = sizesFor(display.sizeBy, graph, metrics)
  look.plainEdges = graph.size > PLAIN_EDGES_FROM
}

/**
 * Redraws what the reducers give for every node and edge without sigma's indexing pass (the
 * positions, order and programs are unchanged: only sizes, colours or hidden edges), a fraction
 * of a full refresh on a large map. Where sigma has not indexed an item yet (it came in this
 * very frame), the full refresh does it.
 */
function repaint(sigma: MapSigma): void {
  const graph = sigma.getGraph()
  try {
    sigma.refresh({ partialGraph: { nodes: graph.nodes(), edges: graph.edges() }, skipIndexation: true })
  } catch {
    sigma.refresh()
  }
}

export function MapCanvas({ graph, shape, centre, display, metrics, selected, onOpen, layout, running, label, counts, footer }: MapCanvasProps) {
  const dark = useComputedColorScheme('light') === 'dark'
  const [sigma, setSigma] = useState<MapSigma | null>(null)
  // The look is whole before sigma is made: its first frame (drawn as it is made) is already right.
  const [look] = useState(() => {
    const l = newLook()
    l.palette = dark ? PALETTES.dark : PALETTES.light
    applyDisplay(l, graph, display, metrics)
    return l
  })
  const [boxes] = useState(() => new LabelBoxes())
  // Settings are made once: react-sigma makes a new sigma whenever they change. What changes
  // later goes through `look` (the reducers read it) and sigma.setSetting.
  const [settings] = useState<Partial<Settings<NodeAttrs, EdgeAttrs>>>(() => ({
    nodeReducer: nodeReducer(look),
    edgeReducer: edgeReducer(look),
    defaultDrawNodeHover: hoverDrawer(look),
    defaultDrawNodeLabel: labelDrawer(boxes, () => look.palette.label),
    labelColor: { color: look.palette.label },
    // About one label per cell of 120 px (a short label's width) at the first zoom, more as the
    // camera comes closer; only nodes drawn at least 7 px across; label-boxes.ts drops any that
    // would still cover another.
    labelRenderedSizeThreshold: 7,
    labelDensity: 0.4,
    labelGridCellSize: 120,
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
    <Box className={classes.frame}>
      <MapToolbar sigma={sigma} layout={layout} running={running} counts={counts} />
      <Box role="region" aria-label={label} className={classes.drawing}>
        <SigmaContainer<NodeAttrs, EdgeAttrs> graph={graph} settings={settings} style={{ height: '100%', width: '100%', background: 'transparent' }}>
          <CanvasDriver look={look} boxes={boxes} dark={dark} shape={shape} centre={centre} display={display} metrics={metrics} selected={selected} onOpen={onOpen} running={running} onSigma={setSigma} />
        </SigmaContainer>
      </Box>
      {footer}
    </Box>
  )
}

type DriverProps = Pick<MapCanvasProps, 'shape' | 'centre' | 'display' | 'metrics' | 'selected' | 'onOpen' | 'running'> & { look: Look; boxes: LabelBoxes; dark: boolean; onSigma(s: MapSigma | null): void }

function CanvasDriver({ look, boxes, dark, shape, centre, display, metrics, selected, onOpen, running, onSigma }: DriverProps) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>()
  const registerEvents = useRegisterEvents()
  const open = useRef(onOpen)
  open.current = onOpen
  // What the look was last made from: an effect whose inputs are those redraws nothing.
  const applied = useRef({ display, metrics, shape })
  // The node the camera last went to: a live change moves nothing, only opening or closing one does.
  const focused = useRef<string | null>(null)

  useEffect(() => {
    registerEvents({
      clickNode: (e) => open.current(e.node),
      enterNode: () => { sigma.getContainer().style.cursor = 'pointer' },
      leaveNode: () => { sigma.getContainer().style.cursor = '' },
    })
  }, [registerEvents, sigma])

  useEffect(() => {
    // Each frame's labels make room for one another afresh.
    const clear = (): void => boxes.clear()
    sigma.on('beforeRender', clear)
    return () => { sigma.off('beforeRender', clear) }
  }, [sigma, boxes])

  useEffect(() => {
    centre.current = () => {
      const { width, height } = sigma.getDimensions()
      if (width === 0 || height === 0) return null
      const mid = sigma.viewportToGraph({ x: width / 2, y: height / 2 })
      // About 40 px on the screen at the present zoom: near the middle, not on it.
      const off = sigma.viewportToGraph({ x: width / 2 + 40, y: height / 2 })
      return { x: mid.x, y: mid.y, r: Math.hypot(off.x - mid.x, off.y - mid.y) }
    }
    return () => { centre.current = null }
  }, [sigma, centre])

  useEffect(() => {
    markFirstRender()
    onSigma(sigma)
    const off = installProbe(sigma)
    return () => { off(); onSigma(null) }
  }, [sigma, onSigma])

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
    // Figures, colour or size alone change no position and no filter: a repaint, not a refresh.
    const filtered = was.display.hiddenTypes !== display.hiddenTypes || was.display.tag !== display.tag
    if (was.shape === shape && !filtered) repaint(sigma)
    else sigma.refresh()
  }, [sigma, look, display, metrics, shape])

  useEffect(() => {
    // While the layout moves a large map, its edges are left out of each frame (shown again when it stops).
    const hide = running && sigma.getGraph().size > EDGES_HIDE_ON_MOVE
    if (look.edgesHidden === hide) return
    look.edgesHidden = hide
    repaint(sigma)
  }, [sigma, look, running, shape])

  useEffect(() => {
    const graph = sigma.getGraph()
    const present = selected !== null && graph.hasNode(selected)
    if (present || look.selected !== null) {
      look.selected = present ? selected : null
      look.near = present ? new Set(graph.neighbors(selected)) : new Set()
      sigma.refresh()
    }
    const at = present ? sigma.getNodeDisplayData(selected) : undefined
    const seen = at ? sigma.framedGraphToViewport(at) : null
    const { width, height } = sigma.getDimensions()
    const move = cameraMove({
      focused: focused.current, selected: at ? selected : null, order: graph.order,
      inView: seen !== null && seen.x >= 0 && seen.y >= 0 && seen.x <= width && seen.y <= height,
    })
    focused.current = at ? selected : null
    const camera = sigma.getCamera()
    const duration = window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 400
    // On a large map the camera comes close enough for the node's neighbours to be read.
    if (move === 'close-up' && at) void camera.animate({ x: at.x, y: at.y, ratio: Math.min(camera.ratio, 0.35) }, { duration })
    else if (move === 'pan' && at) void camera.animate({ x: at.x, y: at.y }, { duration })
    else if (move === 'whole') void camera.animatedReset({ duration })
  }, [sigma, look, selected, shape])
  return null
}
