/**
 * The graph the canvas draws for one space, and its layout: filled from the map when the view
 * opens (so sigma starts with the whole graph and draws it in one go), then changed in place as
 * the map changes. A first opening settles in the layout worker from seeded places; positions
 * are kept when it stops, so the next opening starts where this one ended.
 */
import { useEffect, useRef, useState } from 'react'
import type { MapGraphView } from '../../../shared/api/map-api.ts'
import { newMapGraph, syncGraph, type MapGraph, type ViewCentre } from './graph-model.ts'
import { MapLayout } from './layout.ts'
import { keepPlaces, keptPlaces } from './positions.ts'

export interface MapGraphState {
  graph: MapGraph
  layout: MapLayout
  running: boolean
  /** Bumped when nodes or edges came or went: sizes by degree and the node list follow. */
  shape: number
  /** Set by the canvas: where a node that comes alone is put (the middle of the view). */
  centre: { current: ViewCentre | null }
}

function fill(spaceId: string, graph: MapGraph, view: MapGraphView | null): boolean {
  if (!view) return false
  const kept = keptPlaces(spaceId, view.nodes.length)
  syncGraph(graph, view, kept.place)
  return kept.fresh()
}

export function useMapGraph(spaceId: string, view: MapGraphView | null): MapGraphState {
  const [running, setRunning] = useState(false)
  const [shape, setShape] = useState(0)
  const [state] = useState(() => {
    const graph = newMapGraph()
    const unplaced = fill(spaceId, graph, view)
    const layout = new MapLayout(graph, { onRunning: setRunning, onSettled: () => keepPlaces(spaceId, graph) })
    return { graph, layout, unplaced, filledFrom: view }
  })
  const seen = useRef(state.filledFrom)
  const centre = useRef<ViewCentre | null>(null)

  useEffect(() => {
    // Nodes that had no kept place settle now, off this thread; the first frame is drawn meanwhile.
    if (state.unplaced) state.layout.start()
    return () => state.layout.dispose()
  }, [state])

  useEffect(() => {
    if (!view || view === seen.current) return
    const first = seen.current === null
    seen.current = view
    const kept = keptPlaces(spaceId, view.nodes.length)
    const change = syncGraph(state.graph, view, kept.place, () => centre.current?.() ?? null)
    if (!change.reshaped) return
    setShape((s) => s + 1)
    if (first && kept.fresh()) state.layout.start()
    else state.layout.reshaped()
  }, [spaceId, view, state])

  return { graph: state.graph, layout: state.layout, running, shape, centre }
}
