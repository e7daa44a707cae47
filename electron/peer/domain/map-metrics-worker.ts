/**
 * The metrics worker thread (started by map-metrics-engine.ts): computes one map's metrics at a
 * time, off the peer's event loop, and posts progress as it goes. The graph arrives as typed
 * arrays (metrics-indexed.ts) and the figures go back the same way, their buffers transferred.
 */
import { parentPort } from 'node:worker_threads'
import { computeIndexedMetrics } from '../../../shared/map/metrics.ts'
import { metricsBuffers, type IndexedGraph } from '../../../shared/map/metrics-indexed.ts'
import type { FromMetricsWorker, ToMetricsWorker } from './map-metrics-protocol.ts'

const port = parentPort
if (!port) throw new Error('map-metrics-worker.ts runs only as a worker thread (it has no parentPort here)')

const post = (m: FromMetricsWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer)

port.on('message', (m: ToMetricsWorker) => {
  const { job, graph } = m
  try {
    checkGraph(graph)
    const metrics = computeIndexedMetrics(graph, (done, total, step) => post({ type: 'progress', job, done, total, step }))
    post({ type: 'done', job, metrics }, metricsBuffers(metrics))
  } catch (err) {
    post({ type: 'failed', job, message: err instanceof Error ? err.message : String(err) })
  }
})

/** What arrives from the peer is ours, but a wrong index would read past an array: refuse it in words. */
function checkGraph(g: IndexedGraph): void {
  if (!Number.isInteger(g.order) || g.order < 0) throw new Error(`the graph's node count ${g.order} is not a count`)
  if (g.from.length !== g.to.length || g.from.length !== g.twoWay.length) throw new Error('the graph\'s edge arrays differ in length')
  for (const ends of [g.from, g.to]) {
    for (const i of ends) if (i < 0 || i >= g.order) throw new Error(`an edge names node ${i}, and the graph has ${g.order} nodes`)
  }
}
