/**
 * The map with something on it: the display controls, the canvas with its legend and layout
 * control, and beside it either the open node's panel or the list of nodes (the keyboard's way
 * to any node) with the map's figures.
 */
import { Alert, Box, Paper } from '@mantine/core'
import { useCallback, useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { MapView } from '../../../shared/api/map-api.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { DisplayControls } from './DisplayControls.tsx'
import { Legend } from './Legend.tsx'
import { LayoutControl } from './LayoutControl.tsx'
import { MapCanvas } from './MapCanvas.tsx'
import { NodeFinder } from './NodeFinder.tsx'
import { NodePanel } from './NodePanel.tsx'
import { MetricsSummary } from './MetricsSummary.tsx'
import { useMapGraph } from './use-map-graph.ts'
import classes from './map.module.css'

/** Whether this browser can draw with WebGL (sigma needs it; a locked-down or very old one may not). */
function canDraw(): boolean {
  try {
    const c = document.createElement('canvas')
    return (c.getContext('webgl2') ?? c.getContext('webgl')) !== null
  } catch {
    return false
  }
}

export function MapScreen({ spaceId, value }: { spaceId: string; value: MapView }) {
  const { display, metrics, loadMetrics, item, go } = useApp(useShallow((s) => ({
    display: s.map.display, metrics: s.map.metrics, loadMetrics: s.map.loadMetrics, item: s.nav.item, go: s.nav.go,
  })))
  const { graph, layout, running, shape } = useMapGraph(spaceId, value)
  const [drawable] = useState(canDraw)
  // Figures are asked for once the map is drawn and the page is idle: the peer computes them off
  // its event loop (and keeps them), but on a large map that takes a core for a second or two,
  // which should not compete with the first frame.
  useEffect(() => {
    if (metrics.status !== 'idle') return
    const ask = requestIdleCallback(() => void loadMetrics(), { timeout: 1000 })
    return () => cancelIdleCallback(ask)
  }, [metrics.status, loadMetrics])
  const onOpen = useCallback((id: string) => go(Section.Map, id), [go])
  const nodeMetrics = metrics.value?.nodes ?? null
  const counts = `${value.nodes.length} node${value.nodes.length === 1 ? '' : 's'} and ${value.edges.length} edge${value.edges.length === 1 ? '' : 's'}`
  return (
    <Box className={classes.screen}>
      <DisplayControls value={value} metricsReady={metrics.value !== null} />
      <Box className={classes.body}>
        <Paper withBorder className={classes.canvas} data-testid="map-canvas">
          {drawable
            ? (
                <MapCanvas graph={graph} shape={shape} display={display} metrics={nodeMetrics} selected={item} onOpen={onOpen}
                  label={`The map: ${counts}. Use the list of nodes beside it to open one.`}>
                  <LayoutControl layout={layout} running={running} />
                </MapCanvas>
              )
            : <Alert m="md" color="orange" title="This browser cannot draw the map">It has no WebGL (turned off, or too old). The list of nodes beside opens each one, with its links and figures.</Alert>}
          <Legend value={value} metrics={metrics.value} colourBy={display.colourBy} />
        </Paper>
        <Paper withBorder p="sm" className={classes.side} component="aside" aria-label={item ? 'Node' : 'Nodes'}>
          {item ? <NodePanel id={item} onClose={() => go(Section.Map)} /> : (
            <>
              <NodeFinder value={value} metrics={nodeMetrics} onOpen={onOpen} counts={counts} />
              <MetricsSummary />
            </>
          )}
        </Paper>
      </Box>
    </Box>
  )
}
