/**
 * One start/stop lifecycle for the peer's parts: each part is started in order and its stop
 * registered as it starts; `stop()` runs the stops in reverse order, every one even when
 * another fails (so a failing step never leaves the store unflushed), then reports failures.
 */
import type { Logger } from './log.ts'

export interface Startable {
  start?(): void | Promise<void>
  stop(): void | Promise<void>
}

export class Lifecycle {
  readonly #log: Logger
  readonly #stops: Array<{ name: string; stop: () => unknown }> = []
  #stopping: Promise<void> | undefined

  constructor(log: Logger) {
    this.#log = log
  }

  /** Starts a part and registers its stop. */
  async start(name: string, part: Startable): Promise<void> {
    await part.start?.()
    this.#stops.push({ name, stop: () => part.stop() })
  }

  /** Registers the stop of something already running (or made to run by the caller). */
  onStop(name: string, stop: () => unknown): void {
    this.#stops.push({ name, stop })
  }

  /** Runs every registered stop, last first; safe to call twice. Rejects if any failed. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const failures: unknown[] = []
      for (const { name, stop } of this.#stops.splice(0).reverse()) {
        try {
          await stop()
        } catch (err) {
          failures.push(err)
          this.#log.error('shutdown step failed', { step: name, error: String(err) })
        }
      }
      if (failures.length > 0) throw new AggregateError(failures, `${failures.length} shutdown step(s) failed`)
    })()
    return this.#stopping
  }
}
