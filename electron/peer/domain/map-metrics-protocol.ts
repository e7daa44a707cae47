/** The messages between the metrics engine and its worker thread (map-metrics-worker.ts). */
import type { IndexedGraph, IndexedMetrics } from '../../../shared/map/metrics-indexed.ts'

export interface ToMetricsWorker {
  job: number
  graph: IndexedGraph
}

export type FromMetricsWorker =
  | { type: 'progress'; job: number; done: number; total: number; step: string }
  | { type: 'done'; job: number; metrics: IndexedMetrics }
  | { type: 'failed'; job: number; message: string }
