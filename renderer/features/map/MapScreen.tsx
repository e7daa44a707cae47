/**
 * The map with something on it: the display controls, the canvas (its toolbar above, its legend
 * below), and beside it either the open node's panel or the list of nodes (the keyboard's way
 * to any node) with the map's figures. When the panel closes or its node is deleted, the focus
 * goes back to the list's search rather than to the page's start.
 */
import { Alert, Paper } from '@mantine/core'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { MapGraphView } from '../../../shared/api/map-api.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { DisplayControls } from './DisplayControls.tsx'
import { Legend } from './Legend.tsx'
import { MapCanvas } from './MapCanvas.tsx'
import { NodeFinder } from './NodeFinder.tsx'
import { NodePanel } from './NodePanel.tsx'
import { MetricsSummary } from './MetricsSummary.tsx'
import { noFirstFrame } from './render-marks.ts'
import { countWords, shownOf } from './shown.ts'
import { useMapGraph } from './use-map-graph.ts'
import classes from './map.module.css'

let drawable: boolean | null = null
/**
 * Whether this browser can draw with WebGL (sigma needs it; a locked-down or very old one may
 * not). Asked once a page: each asking makes a WebGL context, which costs a GPU set-up.
 */
function canDraw(): boolean {
  if (drawable === null) {
    try {
      const c = document.createElement('canvas')
      const gl = c.getContext('webgl2') ?? c.getContext('webgl')
      drawable = gl !== null
      // The context is let go at once: browsers keep only a few alive.
      gl?.getExtension('WEBGL_lose_context')?.loseContext()
    } catch {
      drawable = false
    }
  }
  return drawable
}

export function MapScreen({ spaceId, value }: { spaceId: string; value: MapGraphView }) {
  const { display, metrics, loadMetrics, item, go } = useApp(useShallow((s) => ({
    display: s.map.display, metrics: s.map.metrics, loadMetrics: s.map.loadMetrics, item: s.nav.item, go: s.nav.go,
  })))
  const { graph, layout, running, shape, centre } = useMapGraph(spaceId, value)
  const side = useRef<HTMLElement>(null)
  const had = useRef(item)
  const draws = canDraw()
  useEffect(() => { if (!draws) noFirstFrame() }, [draws])
  // Figures are asked for once the map is drawn and the page is idle: the peer computes them off
  // its event loop (and keeps them), but on a large map that takes a core for a second or two,
  // which should not compete with the first frame.
  useEffect(() => {
    if (metrics.status !== 'idle') return
    const ask = requestIdleCallback(() => void loadMetrics(), { timeout: 1000 })
    return () => cancelIdleCallback(ask)
  }, [metrics.status, loadMetrics])
  // The panel closed (or its node was deleted): what had the focus is gone, so it goes to the search.
  useEffect(() => {
    const closed = had.current !== null && item === null
    had.current = item
    if (!closed) return
    const frame = requestAnimationFrame(() => {
      if (document.activeElement && document.activeElement !== document.body) return
      side.current?.querySelector<HTMLInputElement>('input[aria-label="Find a node"]')?.focus()
    })
    return () => cancelAnimationFrame(frame)
  }, [item])
  const onOpen = useCallback((id: string) => go(Section.Map, id), [go])
  const nodeMetrics = metrics.value?.nodes ?? null
  // The list, the counts and the legend follow the filters, as the drawing does.
  const shown = useMemo(() => shownOf(value, display), [value, display])
  const counts = countWords(shown, value)
  const legend = <Legend nodes={shown.nodes} metrics={metrics.value} colourBy={display.colourBy} />
  return (
    <div className={classes.screen}>
      <DisplayControls value={value} metricsReady={metrics.value !== null} />
      <div className={classes.body}>
        <Paper withBorder className={classes.canvas} data-testid="map-canvas">
          {draws
            ? (
                <MapCanvas graph={graph} shape={shape} centre={centre} display={display} metrics={nodeMetrics} selected={item} onOpen={onOpen} layout={layout} running={running}
                  label={`The map: ${counts}. Use the list of nodes beside it to open one.`} counts={counts} footer={legend} />
              )
            : (
                <>
                  <Alert m="md" color="orange" title="This browser cannot draw the map">It has no WebGL (turned off, or too old). The list of nodes beside opens each one, with its links and figures.</Alert>
                  {legend}
                </>
              )}
        </Paper>
        <Paper withBorder p="sm" className={classes.side} component="aside" aria-label={item ? 'Node' : 'Nodes'} ref={side}>
          {item ? <NodePanel id={item} onClose={() => go(Section.Map)} /> : (
            <>
              <NodeFinder value={value} nodes={shown.nodes} metrics={nodeMetrics} onOpen={onOpen} counts={counts} />
              <MetricsSummary />
            </>
          )}
        </Paper>
      </div>
    </div>
  )
}
