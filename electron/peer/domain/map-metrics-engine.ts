/**
 * Computes map metrics in a worker thread (map-metrics-worker.ts), never on the peer's event
 * loop: betweenness on a map of thousands of nodes takes a second of CPU.
 *
 * - One worker, started at the first computation (a peer whose map is never looked at pays
 *   nothing) and let go after two idle minutes; one computation at a time, later calls wait
 *   their turn.
 * - The graph crosses as typed arrays whose buffers are transferred (metrics-indexed.ts), so
 *   posting even a big map is a few copies on the peer's side, not a structured clone.
 * - Aborting the computation under way terminates the worker (graphology's loops cannot be
 *   interrupted) and starts a fresh one; aborting a waiting one just drops it.
 * - A worker that throws, exits, or runs out of its heap limit fails that computation with a
 *   CommonweaveError in words; the peer carries on, and the next computation gets a new worker.
 */
import { Worker } from 'node:worker_threads'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { ComputedMetrics, MapMetricsEngine, MetricsGraph, MetricsProgress } from '../../../shared/map/contract.ts'
import { graphBuffers, toComputed, toIndexed } from '../../../shared/map/metrics-indexed.ts'
import type { FromMetricsWorker, ToMetricsWorker } from './map-metrics-protocol.ts'
import { workerUrl } from './worker-url.ts'

/** An idle worker is let go after this long: it holds tens of MB, and starting one again costs a fraction of a second. */
const IDLE_MS = 120_000
/** The worker's heap limit: a map too large for it fails in words instead of taking the peer's memory. */
const DEFAULT_MAX_HEAP_MB = 512

export interface MetricsEngineOptions {
  /** The worker's file (tests); by default the one beside this module, or beside the built peer host. */
  workerUrl?: URL
  maxHeapMb?: number
}

interface Job {
  id: number
  graph: MetricsGraph
  onProgress: MetricsProgress | undefined
  resolve: (m: ComputedMetrics) => void
  reject: (err: CommonweaveError) => void
  offAbort: () => void
}

export class WorkerMetricsEngine implements MapMetricsEngine {
  readonly #url: URL
  readonly #maxHeapMb: number
  #worker: Worker | null = null
  readonly #queue: Job[] = []
  #running: Job | null = null
  #nextJob = 1
  #closed = false
  #idle: NodeJS.Timeout | null = null

  constructor(options: MetricsEngineOptions = {}) {
    this.#url = options.workerUrl ?? workerUrl('map-metrics-worker', import.meta.url)
    this.#maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB
  }

  compute(graph: MetricsGraph, onProgress?: MetricsProgress, signal?: AbortSignal): Promise<ComputedMetrics> {
    if (this.#closed) return Promise.reject(closedError())
    if (signal?.aborted) return Promise.reject(abortedError())
    return new Promise<ComputedMetrics>((resolve, reject) => {
      const job: Job = { id: this.#nextJob++, graph, onProgress, resolve, reject, offAbort: () => {} }
      if (signal) {
        const onAbort = (): void => this.#abort(job)
        signal.addEventListener('abort', onAbort, { once: true })
        job.offAbort = () => signal.removeEventListener('abort', onAbort)
      }
      this.#queue.push(job)
      this.#next()
    })
  }

  async close(): Promise<void> {
    this.#closed = true
    if (this.#idle) clearTimeout(this.#idle)
    const jobs = [...this.#queue.splice(0), ...(this.#running ? [this.#running] : [])]
    this.#running = null
    for (const job of jobs) this.#settle(job, closedError())
    const w = this.#worker
    this.#worker = null
    await w?.terminate()
  }

  #next(): void {
    if (this.#running || this.#closed) return
    const job = this.#queue.shift()
    if (!job) {
      // Idle: the worker does not keep the process alive on its own, and goes after a while.
      this.#worker?.unref()
      if (this.#worker && !this.#idle) this.#idle = setTimeout(() => this.#letGo(), IDLE_MS).unref()
      return
    }
    if (this.#idle) clearTimeout(this.#idle)
    this.#idle = null
    this.#running = job
    const worker = this.#ensureWorker()
    worker.ref()
    const graph = toIndexed(job.graph)
    const message: ToMetricsWorker = { job: job.id, graph }
    worker.postMessage(message, graphBuffers(graph))
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker
    const worker = new Worker(this.#url, { resourceLimits: { maxOldGenerationSizeMb: this.#maxHeapMb } })
    worker.on('message', (m: FromMetricsWorker) => this.#onMessage(worker, m))
    worker.on('error', (err) => this.#onLost(worker, this.#why(err)))
    worker.on('exit', (code) => this.#onLost(worker, `it exited with code ${code}`))
    this.#worker = worker
    return worker
  }

  #onMessage(worker: Worker, m: FromMetricsWorker): void {
    const job = this.#running
    if (worker !== this.#worker || !job || m.job !== job.id) return
    if (m.type === 'progress') {
      try {
        job.onProgress?.(m.done, m.total, m.step)
      } catch {
        // A listener's failure is not the computation's.
      }
      return
    }
    this.#running = null
    if (m.type === 'done') this.#settle(job, toComputed(job.graph, m.metrics))
    else this.#settle(job, new CommonweaveError(ErrorCode.Internal, `The map's metrics could not be computed: ${m.message}.`))
    this.#next()
  }

  /** The worker threw outside a computation's own try, exited, or ran out of memory. */
  #onLost(worker: Worker, why: string): void {
    if (worker !== this.#worker) return
    this.#worker = null
    void worker.terminate()
    const job = this.#running
    this.#running = null
    if (job) {
      this.#settle(job, new CommonweaveError(ErrorCode.Internal, `The worker computing the map's metrics stopped: ${why}. Ask again: a fresh worker is started.`))
    }
    this.#next()
  }

  #abort(job: Job): void {
    const waiting = this.#queue.indexOf(job)
    if (waiting >= 0) {
      this.#queue.splice(waiting, 1)
      this.#settle(job, abortedError())
      return
    }
    if (this.#running !== job) return
    const worker = this.#worker
    this.#worker = null
    this.#running = null
    void worker?.terminate()
    this.#settle(job, abortedError())
    if (this.#closed) return
    // A fresh worker at once, so the computation that superseded this one does not wait for it to load.
    this.#ensureWorker()
    this.#next()
  }

  #letGo(): void {
    this.#idle = null
    const worker = this.#worker
    if (!worker || this.#running) return
    this.#worker = null
    void worker.terminate()
  }

  #settle(job: Job, outcome: ComputedMetrics | CommonweaveError): void {
    job.offAbort()
    if (outcome instanceof CommonweaveError) job.reject(outcome)
    else job.resolve(outcome)
  }

  #why(err: Error): string {
    if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') return `the map needs more memory than the worker's limit of ${this.#maxHeapMb} MB`
    return err.message
  }
}

const abortedError = (): CommonweaveError => new CommonweaveError(ErrorCode.Aborted, 'The map\'s metrics were not computed: the computation was stopped (the map changed, or the call was cancelled).')
const closedError = (): CommonweaveError => new CommonweaveError(ErrorCode.Unavailable, 'The map\'s metrics cannot be computed: the peer is stopping.')
