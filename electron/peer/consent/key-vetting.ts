/**
 * Members' keys checked ahead of need. The first check of a key (that it is a point of prime
 * order, the strict policy of shared/grants/signature.ts) costs ~2 ms in pure JavaScript; a
 * decision's first view would otherwise pay it for every voter at once (2 s for a thousand).
 * Here the keys of every member on a roster are checked in the background, a slice at a time,
 * at start and as rosters change, so the verdicts are cached by the time a stance is shown.
 */

/** Longest run of checks before the event loop is let go. */
const SLICE_MS = 10

export class KeyVetting {
  readonly #check: (did: string) => void
  readonly #waiting = new Set<string>()
  readonly #done = new Set<string>()
  #running = false
  #stopped = false

  /** `check` vets one did's key (its verdict is cached where it is kept). */
  constructor(check: (did: string) => void) {
    this.#check = check
  }

  /** Queues keys not vetted before. */
  add(dids: Iterable<string>): void {
    if (this.#stopped) return
    for (const did of dids) if (!this.#done.has(did)) this.#waiting.add(did)
    if (!this.#running && this.#waiting.size > 0) {
      this.#running = true
      setImmediate(() => this.#drain())
    }
  }

  stop(): void {
    this.#stopped = true
    this.#waiting.clear()
  }

  #drain(): void {
    const start = performance.now()
    for (const did of this.#waiting) {
      if (this.#stopped) break
      this.#waiting.delete(did)
      this.#done.add(did)
      try {
        this.#check(did)
      } catch {
        // A key that cannot be checked is judged again, in full, where it signs something.
      }
      if (performance.now() - start > SLICE_MS) break
    }
    if (this.#stopped || this.#waiting.size === 0) {
      this.#running = false
      return
    }
    setImmediate(() => this.#drain())
  }
}
