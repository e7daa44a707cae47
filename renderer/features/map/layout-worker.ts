/**
 * The map's force layout, off the page's thread (a module worker from the app's own files, so
 * the CSP needs no blob: worker). ForceAtlas2 steps run in slices of a few milliseconds; after
 * each slice the positions go back to the page, and a `stop` between slices ends the run.
 */
import iterate from 'graphology-layout-forceatlas2/iterate.js'
import { PPN, type FromLayout, type ToLayout } from './layout-protocol.ts'

/** How long one slice computes before the page gets positions (about two frames). */
const SLICE_MS = 30

interface WorkerScope {
  onmessage: ((e: MessageEvent<ToLayout>) => void) | null
  postMessage(message: FromLayout, options: { transfer: Transferable[] }): void
}
const scope = self as unknown as WorkerScope

let current = 0
let timer: ReturnType<typeof setTimeout> | undefined

function positions(nodes: Float32Array): Float32Array {
  const xy = new Float32Array((nodes.length / PPN) * 2)
  for (let i = 0, j = 0; i < nodes.length; i += PPN, j += 2) {
    xy[j] = nodes[i]!
    xy[j + 1] = nodes[i + 1]!
  }
  return xy
}

function run(msg: Extract<ToLayout, { type: 'run' }>): void {
  current = msg.run
  let done = 0
  const slice = (): void => {
    timer = undefined
    if (current !== msg.run) return
    const end = performance.now() + SLICE_MS
    while (done < msg.iterations && performance.now() < end) {
      iterate(msg.settings, msg.nodes, msg.edges)
      done++
    }
    const xy = positions(msg.nodes)
    const finished = done >= msg.iterations
    scope.postMessage({ type: 'tick', run: msg.run, xy, iterations: done, done: finished }, { transfer: [xy.buffer] })
    if (!finished) timer = setTimeout(slice, 0)
  }
  slice()
}

scope.onmessage = (e) => {
  clearTimeout(timer)
  timer = undefined
  if (e.data.type === 'run') run(e.data)
  else current = 0
}
