/**
 * The selected space's ecosystem map: the map as the canvas draws it (ids, types, labels, tags,
 * edge ends; the panel fetches a node's details), its metrics, the node open in its panel, how
 * the view shows it (colour, size, filters), and adding, editing, linking, importing and
 * exporting through the API. Refreshed when the peer reports a change to the `map` collection
 * (app/feeds.ts, throttled: an import lands as many changes), and only while the Map shows:
 * elsewhere a change marks it stale, and going back to the Map refetches it. Each refetch names
 * the version held, so an unchanged map answers in a few bytes. The canvas follows `view` by
 * changing its graph in place, so a change from another peer never re-lays the map out.
 */
import type { MapEdgeView, MapExport, MapGraphView, MapImportReport, MapMetrics, MapNodeDetail, MapNodeView } from '../../../shared/api/map-api.ts'
import type { PeerEvents } from '../../../shared/api/peer-api.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { AddEdgeInput, AddNodeInput, EditNodeInput, ImportMapInput, MapFormat, NodeType } from '../../../shared/schemas/map.ts'
import { ErrorCode, toErrorData, type ErrorData } from '../../../shared/errors.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, type Loadable } from '../../store/loadable.ts'
import { Section } from '../../app/nav-slice.ts'
import { exportName } from './download.ts'
import { firstFrameShown } from './render-marks.ts'

/** How an action went: the peer's answer, or its refusal in words (shown by the form). */
export type MapOutcome<T> = { ok: true; value: T } | { ok: false; error: ErrorData }

/** What a node's colour says. */
export const ColourBy = { Type: 'type', Community: 'community' } as const
export type ColourBy = (typeof ColourBy)[keyof typeof ColourBy]
/** What a node's size says: one figure, or all the same. */
export const SIZE_METRICS = ['none', 'degree', 'betweenness', 'closeness', 'eigenvector', 'reach'] as const
export type SizeBy = (typeof SIZE_METRICS)[number]

export interface MapDisplay {
  colourBy: ColourBy
  sizeBy: SizeBy
  /** Node types left out of the view. */
  hiddenTypes: NodeType[]
  /** Only nodes with this tag (null: all). */
  tag: string | null
}

/** How long a refetch waits for the map's first frame at most (a page that cannot draw it never shows one). */
const FIRST_FRAME_WAIT_MS = 3000

export interface MapSlice {
  view: Loadable<MapGraphView>
  /** The peer reported a change while the Map was not showing: going back to it refetches. */
  stale: boolean
  metrics: Loadable<MapMetrics | null>
  /** The metrics being computed on the peer, as it reports them (null: none under way). */
  progress: { done: number; total: number; step: string } | null
  /** The node open in the panel (the id as the link gave it), and its full view. */
  openId: string | null
  open: Loadable<MapNodeDetail | null>
  display: MapDisplay
  /**
   * Refetches the map, the open node, and the metrics once asked for, while the Map shows
   * (elsewhere it only marks them stale); never before the map's first frame is on the screen.
   */
  refresh(): Promise<void>
  /** Asks the peer for the metrics (it computes them off its event loop, or answers from its cache). */
  loadMetrics(): Promise<void>
  metricsProgress(p: PeerEvents['map:metrics-progress']): void
  /** Opens a node's panel (null closes it), and fetches it. */
  show(id: string | null): Promise<void>
  setDisplay(d: Partial<MapDisplay>): void
  addNode(input: AddNodeInput): Promise<MapOutcome<MapNodeView>>
  editNode(nodeId: string, input: EditNodeInput): Promise<MapOutcome<MapNodeView>>
  deleteNode(nodeId: string): Promise<MapOutcome<{ edges: number }>>
  addEdge(input: AddEdgeInput): Promise<MapOutcome<MapEdgeView>>
  deleteEdge(edgeId: string): Promise<MapOutcome<null>>
  /** Reads a file into the map; with `dryRun` only reports what it would do. */
  importFile(input: ImportMapInput): Promise<MapOutcome<MapImportReport>>
  /** Exports the map, its files named after the space and the day (null: it did not work, and the member was told why). */
  exportAs(format: MapFormat): Promise<MapExport | null>
  /** Tells the member a file of an export was saved. */
  saved(exp: MapExport, file: string): void
  clear(): void
}

const EMPTY: MapGraphView = { version: '', nodes: [], edges: [], syncing: 0, may: { write: false } }
const DISPLAY: MapDisplay = { colourBy: ColourBy.Type, sizeBy: 'degree', hiddenTypes: [], tag: null }
const noSpace = (): { ok: false; error: ErrorData } => ({ ok: false, error: { code: ErrorCode.SpaceNotFound, message: 'Choose a space first.' } })

export const createMapSlice: SliceCreator<'map'> = ({ api, notify }, get, patch) => {
  const viewOrder = latestWins()
  const openOrder = latestWins()
  const metricsOrder = latestWins()
  const selected = (): SpaceId | null => get().spaces.selected
  const fetchView = (spaceId: SpaceId): Promise<void> => {
    const held = get().map.view
    const since = held.status === 'ready' && held.value.version ? held.value.version : undefined
    return load(() => get().map.view, (view) => {
      if (selected() !== spaceId) return
      // Unchanged: the same value stays (nothing redraws), with what may have changed beside the map.
      if (view.value.unchanged) {
        const was = get().map.view.value
        if (was.syncing !== view.value.syncing || was.may.write !== view.value.may.write) patch({ view: { ...view, value: { ...was, syncing: view.value.syncing, may: view.value.may } } })
        return
      }
      patch({ view })
    }, viewOrder, () => api.getMapGraph({ spaceId, ...(since ? { since } : {}) }))
  }
  const fetchMetrics = async (spaceId: SpaceId): Promise<void> => {
    await load(() => get().map.metrics, (metrics) => { if (selected() === spaceId) patch({ metrics }) }, metricsOrder, () => api.mapMetrics({ spaceId }))
    if (selected() === spaceId) patch({ progress: null })
  }
  const loadOpen = async (spaceId: SpaceId, id: string): Promise<void> => {
    let gone = false
    await load(() => get().map.open, (v) => { if (selected() === spaceId && get().map.openId === id) patch({ open: v }) }, openOrder,
      () => api.getMapNode({ spaceId, nodeId: id }).catch((err: unknown) => {
        gone = toErrorData(err).code === ErrorCode.NotFound
        throw err
      }))
    // Deleted on another peer while open: the panel says so rather than showing what is gone.
    if (gone && selected() === spaceId && get().map.openId === id && get().map.open.value !== null) {
      patch({ open: { status: 'error', value: null, error: 'This node was deleted while it was open here.' } })
    }
  }
  /** After a change made here: the map, the open node and the metrics as the peer now has them. */
  const changed = (): void => { void get().map.refresh() }
  const act = async <T>(run: (spaceId: SpaceId) => Promise<T>, done?: (v: T) => string): Promise<MapOutcome<T>> => {
    const spaceId = selected()
    if (!spaceId) return noSpace()
    try {
      const value = await run(spaceId)
      if (done) notify({ kind: 'done', message: done(value) })
      changed()
      return { ok: true, value }
    } catch (err) {
      return { ok: false, error: toErrorData(err) }
    }
  }
  return {
    view: idle(EMPTY),
    stale: false,
    metrics: idle(null),
    progress: null,
    openId: null,
    open: idle(null),
    display: DISPLAY,
    clear: () => patch({ view: idle(EMPTY), stale: false, metrics: idle(null), progress: null, openId: null, open: idle(null), display: { ...get().map.display, tag: null } }),
    refresh: async () => {
      const spaceId = selected()
      if (!spaceId) return
      // Other views need none of it: a change while they show is fetched when the Map shows again.
      if (get().nav.section !== Section.Map) {
        if (get().map.view.status !== 'idle') patch({ stale: true })
        return
      }
      // The map being drawn for the first time comes first: a refetch (the event stream opening asks
      // everything again) waits until its first frame is on the screen.
      if (get().map.view.status === 'ready') await Promise.race([firstFrameShown, new Promise((r) => setTimeout(r, FIRST_FRAME_WAIT_MS))])
      if (selected() !== spaceId) return
      patch({ stale: false })
      const s = get().map
      await Promise.all([
        fetchView(spaceId),
        s.openId ? loadOpen(spaceId, s.openId) : undefined,
        s.metrics.status !== 'idle' ? fetchMetrics(spaceId) : undefined,
      ])
    },
    loadMetrics: async () => {
      const spaceId = selected()
      if (spaceId) await fetchMetrics(spaceId)
    },
    metricsProgress: (p) => {
      if (p.spaceId === selected()) patch({ progress: p.done >= p.total ? null : { done: p.done, total: p.total, step: p.step } })
    },
    show: async (id) => {
      const { openId, open } = get().map
      if (id === openId && (open.status === 'ready' || open.status === 'loading')) return
      if (id !== openId) patch({ openId: id, open: idle(null) })
      const spaceId = selected()
      if (id && spaceId) await loadOpen(spaceId, id)
    },
    setDisplay: (d) => patch({ display: { ...get().map.display, ...d } }),
    addNode: (input) => act((spaceId) => api.addMapNode({ spaceId, ...input }), (n) => `Added “${n.label}” to the map.`),
    editNode: (nodeId, input) => act((spaceId) => api.editMapNode({ spaceId, nodeId, ...input }), (n) => `Saved “${n.label}”.`),
    deleteNode: async (nodeId) => {
      const out = await act((spaceId) => api.deleteMapNode({ spaceId, nodeId }),
        (r) => r.edges === 0 ? 'Deleted the node.' : `Deleted the node and its ${r.edges} edge${r.edges === 1 ? '' : 's'}.`)
      if (out.ok && get().map.openId === nodeId) {
        patch({ openId: null, open: idle(null) })
        get().nav.go(Section.Map)
      }
      return out.ok ? { ok: true, value: { edges: out.value.edges } } : out
    },
    addEdge: (input) => act((spaceId) => api.addMapEdge({ spaceId, ...input }), (e) => `Linked “${e.fromLabel}” and “${e.toLabel}”.`),
    deleteEdge: async (edgeId) => {
      const out = await act((spaceId) => api.deleteMapEdge({ spaceId, edgeId }), () => 'Deleted the edge.')
      if (!out.ok) notify({ kind: 'error', title: 'The edge was not deleted', message: out.error.message })
      return out.ok ? { ok: true, value: null } : out
    },
    importFile: async (input) => {
      const spaceId = selected()
      if (!spaceId) return noSpace()
      try {
        const value = await api.importMap({ spaceId, ...input })
        if (!input.dryRun) changed()
        return { ok: true, value }
      } catch (err) {
        return { ok: false, error: toErrorData(err) }
      }
    },
    exportAs: async (format) => {
      const spaceId = selected()
      if (!spaceId) return null
      try {
        const out = await api.exportMap({ spaceId, format })
        const name = get().spaces.list.value.find((x) => x.spaceId === spaceId)?.name ?? 'space'
        const day = new Date()
        return { ...out, files: out.files.map((f) => ({ ...f, name: exportName(name, day, f.name) })) }
      } catch (err) {
        notify({ kind: 'error', title: 'Export did not work', message: toErrorData(err).message })
        return null
      }
    },
    saved: (exp, file) => notify({ kind: 'done', message: `Saved ${file}: ${exp.nodes} nodes and ${exp.edges} edges.` }),
  }
}
