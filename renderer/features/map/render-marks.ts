/**
 * What the Map view tells about its drawing, for the performance bench and the end-to-end
 * tests: a `map:first-render` performance mark when sigma has drawn the whole map for the first
 * time in this page, and `window.__commonweaveMap`, which says where a node is drawn on the
 * screen. Both say only what the screen already shows: where nodes are, not what they hold.
 */
import type Sigma from 'sigma'
import type { EdgeAttrs, NodeAttrs } from './graph-model.ts'

type MapSigma = Sigma<NodeAttrs, EdgeAttrs>

export const FIRST_RENDER_MARK = 'map:first-render'

/** Where the node with this label is drawn, in the page's CSS pixels (null: not drawn). */
export interface MapProbe {
  nodeAt(label: string): { x: number; y: number } | null
  /** Nodes and edges the canvas holds. */
  counts(): { nodes: number; edges: number }
}

declare global {
  interface Window { __commonweaveMap?: MapProbe }
}

/** Resolved once the first frame of the map has been presented (never, in a page that shows no map). */
let drawn: () => void = () => {}
export const firstFrameShown: Promise<void> = new Promise((resolve) => { drawn = resolve })

/**
 * Marks the frame that first shows the whole map (once a page). Called just after sigma was
 * made: it drew the graph, whole, as it was made. The next animation frame's callback runs
 * before that frame is committed, and in software WebGL the commit itself blocks the thread
 * for most of a second: the mark is set in the frame after, once the first one was presented.
 */
export function markFirstRender(): void {
  if (performance.getEntriesByName(FIRST_RENDER_MARK).length > 0) return
  requestAnimationFrame(() => requestAnimationFrame(() => {
    if (performance.getEntriesByName(FIRST_RENDER_MARK).length === 0) performance.mark(FIRST_RENDER_MARK)
    drawn()
  }))
}

/** A page that cannot draw the map shows no first frame: nothing waits for one. */
export function noFirstFrame(): void {
  drawn()
}

export function installProbe(sigma: MapSigma): () => void {
  const probe: MapProbe = {
    nodeAt: (label) => {
      const graph = sigma.getGraph()
      const id = graph.findNode((_n, a) => a.label === label)
      const data = id === undefined ? undefined : sigma.getNodeDisplayData(id)
      if (!data || data.hidden) return null
      const at = sigma.framedGraphToViewport(data)
      const box = sigma.getContainer().getBoundingClientRect()
      return { x: box.left + at.x, y: box.top + at.y }
    },
    counts: () => ({ nodes: sigma.getGraph().order, edges: sigma.getGraph().size }),
  }
  window.__commonweaveMap = probe
  return () => { if (window.__commonweaveMap === probe) delete window.__commonweaveMap }
}
