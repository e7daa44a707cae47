/**
 * Edges to deleted nodes, tombstoned. When one weaver links to a node another deleted while
 * they were apart, the edge arrives pointing at a tombstone: it is never shown (map-state.ts),
 * and a peer that may write the map tombstones it too, so every peer's storage agrees with what
 * every peer shows.
 *
 * Invariants:
 * - idempotent: a tombstone is the same value whichever peer (or how many) writes it, and an
 *   edge already tombstoned is not touched again;
 * - no write storm: a space's changes are gathered for DEBOUNCE_MS after the last one, then its
 *   dangling edges are tombstoned in one batch; the tombstones' own change finds none left;
 * - a peer that may not write the map (a guest reading it) writes nothing: it hides the edge.
 */
import type { SpaceId } from '../../../shared/ids.ts'
import type { Logger } from '../log.ts'
import type { MapState } from './map-state.ts'

export const DEBOUNCE_MS = 300

export interface MapRepairDeps {
  state: (spaceId: SpaceId) => Promise<Pick<MapState, 'dangling'>>
  mayWrite: (spaceId: SpaceId) => boolean
  tombstone: (spaceId: SpaceId, edgeIds: readonly string[]) => Promise<void>
  log: Logger
  delayMs?: number
}

export class MapRepair {
  readonly #d: MapRepairDeps
  readonly #timers = new Map<SpaceId, ReturnType<typeof setTimeout>>()
  readonly #running = new Set<Promise<void>>()
  #stopped = false

  constructor(deps: MapRepairDeps) {
    this.#d = deps
  }

  /** The space's map changed: look for dangling edges once it has been quiet a moment. */
  changed(spaceId: SpaceId): void {
    if (this.#stopped || !this.#d.mayWrite(spaceId)) return
    clearTimeout(this.#timers.get(spaceId))
    this.#timers.set(spaceId, setTimeout(() => {
      this.#timers.delete(spaceId)
      const run = this.#repair(spaceId).finally(() => this.#running.delete(run))
      this.#running.add(run)
    }, this.#d.delayMs ?? DEBOUNCE_MS))
  }

  /** Stops: no new repair starts; one under way finishes. */
  async stop(): Promise<void> {
    this.#stopped = true
    for (const t of this.#timers.values()) clearTimeout(t)
    this.#timers.clear()
    await Promise.allSettled([...this.#running])
  }

  async #repair(spaceId: SpaceId): Promise<void> {
    try {
      if (this.#stopped || !this.#d.mayWrite(spaceId)) return
      const { dangling } = await this.#d.state(spaceId)
      if (dangling.length === 0 || this.#stopped) return
      await this.#d.tombstone(spaceId, dangling.map((e) => e.id))
      this.#d.log.info('tombstoned edges to deleted nodes', { spaceId, edges: dangling.length })
    } catch (err) {
      // The next change of the map tries again.
      this.#d.log.warn('could not tombstone edges to deleted nodes', { spaceId, error: String(err) })
    }
  }
}
