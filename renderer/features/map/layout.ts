/**
 * Runs the force layout of a map graph in a worker (layout-worker.ts) and writes the positions
 * it sends back into the graph, all nodes in one update (sigma then draws one frame for it).
 * A run is for one shape of the graph: when nodes or edges come or go meanwhile, `reshaped`
 * starts it again from where the nodes are.
 */
import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2'
import type { MapGraph } from './graph-model.ts'
import { PPE, PPN, type FromLayout, type ToLayout } from './layout-protocol.ts'

/** Steps a run takes before it stops by itself: enough for a few thousand nodes to settle. */
export const LAYOUT_STEPS = 400
/**
 * From this many nodes, positions are drawn at most once a second while the layout runs: each
 * drawing is a frame's work over every node (most of a second without a GPU), and clicks, keys
 * and the camera come first. The end of a run is drawn as soon as the page is idle.
 */
export const LARGE_MAP = 500
const LARGE_MAP_DRAW_MS = 1000

/** How long to wait before drawing positions: nothing on a small map or for a run's end, else until a second after the last drawing. */
export function drawDelay(order: number, done: boolean, lastDrawn: number, now: number): number {
  if (order < LARGE_MAP || done) return 0
  return Math.max(0, lastDrawn + LARGE_MAP_DRAW_MS - now)
}

/** ForceAtlas2's settings for a graph of `order` nodes (as its own `inferSettings`, Barnes–Hut from a few hundred nodes). */
export function layoutSettings(order: number): ForceAtlas2Settings {
  return {
    barnesHutOptimize: order > 300, barnesHutTheta: 0.6, strongGravityMode: true, gravity: 0.05,
    scalingRatio: 10, slowDown: 1 + Math.log(Math.max(order, 1)), linLogMode: false,
    outboundAttractionDistribution: false, adjustSizes: false, edgeWeightInfluence: 1,
  }
}

/** The graph as ForceAtlas2's matrices, and the node ids in matrix order. */
export function toMatrices(graph: MapGraph): { ids: string[]; nodes: Float32Array; edges: Float32Array } {
  const ids: string[] = []
  const offset = new Map<string, number>()
  const nodes = new Float32Array(graph.order * PPN)
  let j = 0
  graph.forEachNode((id, a) => {
    ids.push(id)
    offset.set(id, j)
    nodes[j] = a.x
    nodes[j + 1] = a.y
    nodes[j + 6] = 1 // mass: 1 + degree, below
    nodes[j + 7] = 1 // convergence
    nodes[j + 8] = 1 // size
    j += PPN
  })
  const edges = new Float32Array(graph.size * PPE)
  j = 0
  graph.forEachEdge((_e, _a, source, target) => {
    const s = offset.get(source)!
    const t = offset.get(target)!
    nodes[s + 6]! += 1
    nodes[t + 6]! += 1
    edges[j] = s
    edges[j + 1] = t
    edges[j + 2] = 1
    j += PPE
  })
  return { ids, nodes, edges }
}

export class MapLayout {
  readonly #graph: MapGraph
  readonly #onRunning: (running: boolean) => void
  readonly #onSettled: () => void
  #worker: Worker | null = null
  #run = 0
  #index = new Map<string, number>()
  #running = false
  /** The latest positions the worker sent, not yet drawn (those before it are dropped). */
  #pending: FromLayout | null = null
  #wait: ReturnType<typeof setTimeout> | undefined
  #drawSoon = 0
  #drawnAt = -Infinity

  constructor(graph: MapGraph, handlers: { onRunning(running: boolean): void; onSettled(): void }) {
    this.#graph = graph
    this.#onRunning = handlers.onRunning
    this.#onSettled = handlers.onSettled
  }

  get running(): boolean {
    return this.#running
  }

  start(steps = LAYOUT_STEPS): void {
    if (this.#graph.order < 2) return
    const { ids, nodes, edges } = toMatrices(this.#graph)
    this.#index = new Map(ids.map((id, i) => [id, i * 2]))
    this.#run++
    const msg: ToLayout = { type: 'run', run: this.#run, nodes, edges, settings: layoutSettings(ids.length), iterations: steps }
    this.#workerNow().postMessage(msg, [nodes.buffer, edges.buffer])
    this.#setRunning(true)
  }

  stop(): void {
    if (!this.#running) return
    this.#run++
    this.#worker?.postMessage({ type: 'stop' } satisfies ToLayout)
    this.#setRunning(false)
    this.#onSettled()
  }

  /** Nodes or edges came or went: a run under way starts again over the graph as it is now. */
  reshaped(): void {
    if (this.#running) this.start()
  }

  dispose(): void {
    this.#run++
    clearTimeout(this.#wait)
    this.#wait = undefined
    if (this.#drawSoon) cancelIdleCallback(this.#drawSoon)
    this.#drawSoon = 0
    this.#worker?.terminate()
    this.#worker = null
    this.#running = false
  }

  #workerNow(): Worker {
    if (!this.#worker) {
      // A module worker from the app's own files: the CSP's 'self' allows it (no blob: URL).
      this.#worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module', name: 'map-layout' })
      this.#worker.onmessage = (e: MessageEvent<FromLayout>) => this.#later(e.data)
    }
    return this.#worker
  }

  /**
   * Positions are drawn when the page is idle, the latest only, and on a large map at most once a
   * second (drawDelay): drawing a large map takes a frame's work (far more without a GPU), and
   * clicks, keys and the camera come first.
   */
  #later(msg: FromLayout): void {
    this.#pending = msg
    if (this.#wait !== undefined || this.#drawSoon) return
    this.#wait = setTimeout(() => {
      this.#wait = undefined
      this.#drawSoon = requestIdleCallback(() => {
        this.#drawSoon = 0
        const latest = this.#pending
        this.#pending = null
        if (latest) this.#tick(latest)
      }, { timeout: 250 })
    }, drawDelay(this.#graph.order, msg.done, this.#drawnAt, performance.now()))
  }

  #tick(msg: FromLayout): void {
    if (msg.run !== this.#run) return
    this.#drawnAt = performance.now()
    const { xy } = msg
    const index = this.#index
    // One update of every node: sigma redraws once for it. Attributes are changed in place.
    this.#graph.updateEachNodeAttributes((id, a) => {
      const i = index.get(id)
      if (i !== undefined) {
        a.x = xy[i]!
        a.y = xy[i + 1]!
      }
      return a
    }, { attributes: ['x', 'y'] })
    if (msg.done) {
      this.#setRunning(false)
      this.#onSettled()
    }
  }

  #setRunning(running: boolean): void {
    if (running === this.#running) return
    this.#running = running
    this.#onRunning(running)
  }
}
