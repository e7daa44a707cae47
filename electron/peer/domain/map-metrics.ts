/**
 * A space's map metrics, computed by the engine (a worker thread) and kept until the map
 * changes. The map store's version says when it has: the caller passes the version its graph
 * was read at.
 *
 * - One computation per (space, version): callers that ask meanwhile share it.
 * - A computation under way always finishes: stopping it for every newer version would leave
 *   a map that changes faster than it computes (a sync, a weaver typing) without figures.
 *   Newer versions asked for meanwhile wait for it, then share one computation of the newest.
 * - Progress goes out as `map:metrics-progress` events, for the app to show on a large map.
 */
import type { MapMetrics } from '../../../shared/api/map-api.ts'
import type { PeerEvents } from '../../../shared/api/peer-api.ts'
import { ErrorCode, CommonweaveError } from '../../../shared/errors.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { ComputedMetrics, MapMetricsEngine, MetricsGraph } from '../../../shared/map/contract.ts'
import { WorkerMetricsEngine } from './map-metrics-engine.ts'
import type { MapService } from './map-service.ts'

export type MetricsProgressEvent = PeerEvents['map:metrics-progress']

interface Kept { version: number; metrics: ComputedMetrics; computedAt: string }
interface Running { version: number; promise: Promise<MapMetrics>; stop: AbortController }
/** The newest version asked for while another computation runs: computed next. */
interface Queued { version: number; graph: MetricsGraph; promise: Promise<MapMetrics> }

export class MetricsService {
  readonly #engine: MapMetricsEngine
  readonly #emit: (e: MetricsProgressEvent) => void
  readonly #now: () => string
  readonly #kept = new Map<SpaceId, Kept>()
  readonly #running = new Map<SpaceId, Running>()
  readonly #queued = new Map<SpaceId, Queued>()
  #closed = false

  constructor(engine: MapMetricsEngine, emit: (e: MetricsProgressEvent) => void, now: () => string = () => new Date().toISOString()) {
    this.#engine = engine
    this.#emit = emit
    this.#now = now
  }

  /** The metrics of the space's map at `version` (what `graph` was read at), computed once for it. */
  get(spaceId: SpaceId, version: number, graph: MetricsGraph): Promise<MapMetrics> {
    const kept = this.peek(spaceId, version)
    if (kept) return Promise.resolve(kept)
    const running = this.#running.get(spaceId)
    // The same version, or a caller that read the map before a change another caller has already seen.
    if (running && running.version >= version) return running.promise
    if (running) return this.#after(spaceId, running, version, graph)
    return this.#start(spaceId, version, graph)
  }

  /** The metrics kept for the space's map at `version`, if they have been computed. */
  peek(spaceId: SpaceId, version: number): MapMetrics | null {
    const kept = this.#kept.get(spaceId)
    return kept?.version === version ? { ...kept.metrics, computedAt: kept.computedAt, cached: true } : null
  }

  /** Stops every computation under way and the engine's worker. */
  async close(): Promise<void> {
    this.#closed = true
    for (const r of this.#running.values()) r.stop.abort()
    this.#running.clear()
    this.#queued.clear()
    await this.#engine.close()
  }

  /** Computes `version` once `running` is done, sharing that one computation with every caller of a version newer than it. */
  #after(spaceId: SpaceId, running: Running, version: number, graph: MetricsGraph): Promise<MapMetrics> {
    const queued = this.#queued.get(spaceId)
    if (queued) {
      // The newest graph is the one computed; everyone waiting gets figures at least as new as theirs.
      if (version > queued.version) Object.assign(queued, { version, graph })
      return queued.promise
    }
    const next: Queued = { version, graph, promise: Promise.resolve(null as unknown as MapMetrics) }
    next.promise = running.promise.catch(() => undefined).then(() => {
      this.#queued.delete(spaceId)
      return this.peek(spaceId, next.version) ?? this.#start(spaceId, next.version, next.graph)
    })
    this.#queued.set(spaceId, next)
    return next.promise
  }

  #start(spaceId: SpaceId, version: number, graph: MetricsGraph): Promise<MapMetrics> {
    if (this.#closed) return Promise.reject(new CommonweaveError(ErrorCode.Unavailable, 'The map\'s metrics cannot be computed: the peer is stopping.'))
    const stop = new AbortController()
    const progress = (done: number, total: number, step: string): void => this.#emit({ spaceId, done, total, step })
    const run: Running = { version, stop, promise: Promise.resolve(null as unknown as MapMetrics) }
    run.promise = this.#engine.compute(graph, progress, stop.signal).then(
      (metrics) => {
        const computedAt = this.#now()
        const kept = this.#kept.get(spaceId)
        if (!kept || kept.version < version) this.#kept.set(spaceId, { version, metrics, computedAt })
        return { ...metrics, computedAt, cached: false }
      },
    ).finally(() => {
      if (this.#running.get(spaceId) === run) this.#running.delete(spaceId)
    })
    this.#running.set(spaceId, run)
    return run.promise
  }
}

/** The peer's metrics: computed in a worker thread, and the figures a node's panel shows. */
export function peerMetrics(maps: MapService, emit: (e: MetricsProgressEvent) => void): MetricsService {
  const metrics = new MetricsService(new WorkerMetricsEngine(), emit)
  maps.useMetrics(metrics)
  return metrics
}
