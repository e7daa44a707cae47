/**
 * The peer's side of the insight worker (insight-worker.ts): feed messages go out as they come,
 * queries wait for their answer. Matching 1,000 needs against 5,000 offers takes a good part
 * of a second of CPU: never on the peer's event loop.
 *
 * - One worker, started at the first message; it holds the indexes, so it is kept while in use
 *   (fed or asked) and let go after ten idle minutes (its indexes with it: `onLost` tells the feed to load
 *   them again at the next query).
 * - A worker that throws, exits or runs out of its heap limit fails the queries under way in
 *   words, and `onLost` is called; the next message starts a fresh one.
 * - An aborted query is dropped here (the worker's loop cannot be interrupted; its answer is ignored).
 */
import { Worker } from 'node:worker_threads'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Match } from '../../../shared/api/insight-api.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { nextTurn } from './durable-change.ts'
import type { FactsList, FeedMessage, FromInsightWorker, InsightQuery, QueryAnswers, ToInsightWorker } from './insight-protocol.ts'
import { workerUrl } from './worker-url.ts'

/** How long an unused worker is kept. */
export const IDLE_MS = 600_000
/** Items of a facts list per message to the worker: a millisecond or two to copy. */
const FACTS_PART = 2000
const DEFAULT_MAX_HEAP_MB = 1024

export interface InsightEngineOptions {
  /** Called when the worker and its indexes are gone (lost, or let go when idle). */
  onLost: () => void
  /** Called when the engine refused an item of a space: that space's index was dropped. */
  onFeedFailed: (spaceId: SpaceId, message: string) => void
  workerUrl?: URL
  maxHeapMb?: number
}

interface Pending { resolve: (answer: unknown) => void; reject: (err: CommonweaveError) => void; off: () => void; matches: Match[] }

export class InsightEngine {
  readonly #o: InsightEngineOptions
  readonly #url: URL
  #worker: Worker | null = null
  readonly #pending = new Map<number, Pending>()
  #nextJob = 1
  #idle: NodeJS.Timeout | null = null
  #closed = false

  constructor(options: InsightEngineOptions) {
    this.#o = options
    this.#url = options.workerUrl ?? workerUrl('insight-worker', import.meta.url)
  }

  /** Whether a worker is running (its indexes are held). */
  get running(): boolean {
    return this.#worker !== null
  }

  /** A feed message is use too: a worker being fed (a space loading, changes coming) is not let go. */
  feed(m: FeedMessage): void {
    if (this.#closed) return
    this.#ensure().postMessage(m)
    this.#restartIdle()
  }

  query<Q extends InsightQuery>(query: Q, signal?: AbortSignal): Promise<QueryAnswers[Q['type']]> {
    if (this.#closed) return Promise.reject(new CommonweaveError(ErrorCode.Unavailable, 'Insights cannot be computed: the peer is stopping.'))
    if (signal?.aborted) return Promise.reject(aborted())
    const job = this.#nextJob++
    const worker = this.#ensure()
    return new Promise((resolve, reject) => {
      const onAbort = (): void => this.#settle(job, aborted())
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#pending.set(job, { resolve: resolve as (a: unknown) => void, reject, off: () => signal?.removeEventListener('abort', onAbort), matches: [] })
      this.#busy()
      void this.#send(worker, job, query)
    })
  }

  /**
   * Posts a query. The long lists of its facts (bookings, map nodes and edges) go ahead of it in
   * parts, a part per turn of the event loop, so that no one copy to the worker holds the peer's
   * event loop; the worker puts them back together before it answers.
   */
  async #send(worker: Worker, job: number, query: InsightQuery): Promise<void> {
    if (!('facts' in query)) return worker.postMessage({ type: 'query', job, query } satisfies ToInsightWorker)
    const { facts } = query
    const lists: Record<FactsList, readonly unknown[]> = { bookings: facts.bookings, nodes: facts.graph?.nodes ?? [], edges: facts.graph?.edges ?? [] }
    if (Object.values(lists).every((l) => l.length <= FACTS_PART)) return worker.postMessage({ type: 'query', job, query } satisfies ToInsightWorker)
    for (const list of Object.keys(lists) as FactsList[]) {
      for (let i = 0; i < lists[list].length; i += FACTS_PART) {
        await nextTurn()
        // Cancelled, or the worker lost, meanwhile: the parts it holds go with the job.
        if (!this.#pending.has(job) || this.#worker !== worker) return worker.postMessage({ type: 'forget', job } satisfies ToInsightWorker)
        worker.postMessage({ type: 'facts-part', job, list, items: lists[list].slice(i, i + FACTS_PART) } satisfies ToInsightWorker)
      }
    }
    const bare = { ...facts, bookings: [], graph: facts.graph ? { nodes: [], edges: [] } : null }
    worker.postMessage({ type: 'query', job, query: { ...query, facts: bare }, parts: true } satisfies ToInsightWorker)
  }

  async close(): Promise<void> {
    this.#closed = true
    if (this.#idle) clearTimeout(this.#idle)
    for (const job of [...this.#pending.keys()]) this.#settle(job, new CommonweaveError(ErrorCode.Unavailable, 'Insights were not computed: the peer is stopping.'))
    const w = this.#worker
    this.#worker = null
    await w?.terminate()
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker
    const worker = new Worker(this.#url, { resourceLimits: { maxOldGenerationSizeMb: this.#o.maxHeapMb ?? DEFAULT_MAX_HEAP_MB } })
    worker.on('message', (m: FromInsightWorker) => this.#onMessage(worker, m))
    worker.on('error', (err) => this.#lost(worker, (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it needed more memory than its limit' : err.message))
    worker.on('exit', (code) => this.#lost(worker, `it exited with code ${code}`))
    // Only a query under way keeps the process alive (see #busy).
    worker.unref()
    this.#worker = worker
    this.#restartIdle()
    return worker
  }

  #onMessage(worker: Worker, m: FromInsightWorker): void {
    if (worker !== this.#worker) return
    if (m.type === 'feed-failed') return this.#o.onFeedFailed(m.spaceId, m.message)
    if (m.type === 'matches') {
      const p = this.#pending.get(m.job)
      if (!p) return worker.postMessage({ type: 'forget', job: m.job } satisfies ToInsightWorker)
      for (const match of m.matches) p.matches.push(match)
      // The next part in a turn of its own: what else the peer has to do goes between.
      setImmediate(() => worker.postMessage((this.#pending.has(m.job) ? { type: 'more', job: m.job } : { type: 'forget', job: m.job }) satisfies ToInsightWorker))
      return
    }
    if (m.type === 'done') {
      const parts = this.#pending.get(m.job)?.matches ?? []
      this.#settle(m.job, parts.length > 0 ? { ...m.answer, matches: parts } : m.answer)
    }
    else this.#settle(m.job, new CommonweaveError(ErrorCode.Internal, `The insight could not be computed: ${m.message}.`))
  }

  #settle(job: number, outcome: unknown): void {
    const p = this.#pending.get(job)
    if (!p) return
    this.#pending.delete(job)
    p.off()
    if (outcome instanceof CommonweaveError) p.reject(outcome)
    else p.resolve(outcome)
    this.#busy()
  }

  #busy(): void {
    if (this.#pending.size > 0) this.#worker?.ref()
    else this.#worker?.unref()
    this.#restartIdle()
  }

  #restartIdle(): void {
    if (this.#idle) clearTimeout(this.#idle)
    this.#idle = setTimeout(() => this.#letGo(), IDLE_MS).unref()
  }

  #letGo(): void {
    this.#idle = null
    const worker = this.#worker
    if (!worker || this.#pending.size > 0) return
    this.#worker = null
    void worker.terminate()
    this.#o.onLost()
  }

  #lost(worker: Worker, why: string): void {
    if (worker !== this.#worker) return
    this.#worker = null
    void worker.terminate()
    for (const job of [...this.#pending.keys()]) {
      this.#settle(job, new CommonweaveError(ErrorCode.Internal, `The worker computing insights stopped: ${why}. Ask again: a fresh worker is started.`))
    }
    this.#o.onLost()
  }
}

const aborted = (): CommonweaveError => new CommonweaveError(ErrorCode.Aborted, 'The insight was not computed: the call was cancelled.')
