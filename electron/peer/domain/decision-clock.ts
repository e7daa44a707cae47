/**
 * Raises `decision:closed` when a proposal reaches its close on this peer, so pages and
 * scripts following the events see its tally become final without polling. One timer for the
 * soonest close of every space; a space's closes are read again whenever its decisions change
 * (a new proposal, an early close from a peer).
 */
import type { SpaceId } from '../../../shared/ids.ts'

/** Timers longer than this are re-armed: setTimeout cannot wait past 2^31 ms. */
const MAX_WAIT_MS = 86_400_000
/** How long a space's changes are gathered before its closes are read again. */
const REFRESH_AFTER_MS = 200

export interface DecisionClockDeps {
  /** Each proposal's close (epoch ms), by id. */
  closes: (spaceId: SpaceId) => Promise<Map<string, number>>
  closed: (spaceId: SpaceId, decisionId: string) => void
  now: () => number
  onError: (err: unknown) => void
}

export class DecisionClock {
  readonly #d: DecisionClockDeps
  /** spaceId → decisionId → close, of proposals still open here. */
  readonly #open = new Map<SpaceId, Map<string, number>>()
  #timer: ReturnType<typeof setTimeout> | undefined
  /** Reads waiting for a burst of changes to pass, by space. */
  readonly #pending = new Map<SpaceId, ReturnType<typeof setTimeout>>()
  readonly #generation = new Map<SpaceId, number>()
  #stopped = false

  constructor(deps: DecisionClockDeps) {
    this.#d = deps
  }

  /** Reads a space's closes again, once a burst of changes (a sync of many stances) has passed. */
  refresh(spaceId: SpaceId): void {
    if (this.#stopped || this.#pending.has(spaceId)) return
    const t = setTimeout(() => {
      this.#pending.delete(spaceId)
      this.#read(spaceId)
    }, REFRESH_AFTER_MS)
    t.unref?.()
    this.#pending.set(spaceId, t)
  }

  #read(spaceId: SpaceId): void {
    // Reads may overlap; only the newest of a space's reads is applied (an older one would bring back a close that moved).
    const generation = (this.#generation.get(spaceId) ?? 0) + 1
    this.#generation.set(spaceId, generation)
    this.#d.closes(spaceId).then((closes) => {
      if (this.#stopped || this.#generation.get(spaceId) !== generation) return
      const now = this.#d.now()
      const before = this.#open.get(spaceId)
      const open = new Map([...closes].filter(([, at]) => at > now))
      // One seen open here that has closed since (early, by a peer's outcome) is announced too.
      for (const [id] of before ?? []) if (!open.has(id) && closes.has(id)) this.#d.closed(spaceId, id)
      if (open.size > 0) this.#open.set(spaceId, open)
      else this.#open.delete(spaceId)
      this.#arm()
    }, (err: unknown) => {
      // A space this peer left, or cannot read any more: nothing of it is announced.
      this.forget(spaceId)
      this.#d.onError(err)
    })
  }

  forget(spaceId: SpaceId): void {
    this.#open.delete(spaceId)
    this.#arm()
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
    for (const t of this.#pending.values()) clearTimeout(t)
    this.#pending.clear()
    this.#open.clear()
  }

  #arm(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#stopped) return
    let soonest = Infinity
    for (const closes of this.#open.values()) for (const at of closes.values()) soonest = Math.min(soonest, at)
    if (soonest === Infinity) return
    this.#timer = setTimeout(() => this.#fire(), Math.min(MAX_WAIT_MS, Math.max(0, soonest - this.#d.now())))
    this.#timer.unref?.()
  }

  #fire(): void {
    const now = this.#d.now()
    for (const [spaceId, closes] of this.#open) {
      for (const [id, at] of closes) {
        if (at > now) continue
        closes.delete(id)
        this.#d.closed(spaceId, id)
      }
      if (closes.size === 0) this.#open.delete(spaceId)
    }
    this.#arm()
  }
}
