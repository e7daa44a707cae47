/**
 * When a network adapter is ready, as automerge-repo asks (`isReady`, `whenReady`): once every
 * peer connected when it started listening has handshaken or failed, or a time limit passed.
 * It opens once per session; `reset` starts a new one (the adapter connects again).
 */
export class ReadyLatch {
  #ready = false
  #resolve: () => void = () => {}
  #promise = new Promise<void>((resolve) => { this.#resolve = resolve })
  #timer: ReturnType<typeof setTimeout> | undefined
  /** Whether the session is listening: until then no peer's news can open the latch. */
  #armed = false
  readonly #awaiting = new Set<string>()

  get ready(): boolean {
    return this.#ready
  }

  whenReady(): Promise<void> {
    return this.#promise
  }

  /** A new session: not ready until it says so again. */
  reset(): void {
    if (!this.#ready) return
    this.#ready = false
    this.#promise = new Promise<void>((resolve) => { this.#resolve = resolve })
  }

  /** Listening: waits for each of `peers` (or `timeoutMs`). Call `settle()` once they are all asked. */
  arm(peers: readonly string[], timeoutMs: number): void {
    this.#armed = true
    for (const p of peers) this.#awaiting.add(p)
    this.#timer = setTimeout(() => this.open(), timeoutMs)
    this.#timer.unref?.()
  }

  /** A peer handshook or failed (or none, to check whether none is left). */
  settle(peer?: string): void {
    if (peer !== undefined) this.#awaiting.delete(peer)
    if (this.#armed && this.#awaiting.size === 0) this.open()
  }

  open(): void {
    clearTimeout(this.#timer)
    if (this.#ready) return
    this.#ready = true
    this.#resolve()
  }

  /** The session ended: nothing more is waited for. */
  disarm(): void {
    this.#armed = false
    clearTimeout(this.#timer)
    this.#awaiting.clear()
  }
}
