/**
 * Writes queued and batched: every write that arrives while a batch is being applied and
 * flushed goes into the next batch, which the owner applies as one change per document and
 * makes durable with one flush. A thousand concurrent adds cost a few changes and a few
 * fsyncs, not a thousand of each, and the event loop gets a turn between batches.
 *
 * Invariants:
 * - a write resolves only after the batch holding it is flushed (`run` resolves); if `run`
 *   fails, every write of that batch rejects, and none is acknowledged;
 * - writes are handed to `run` in the order they were queued;
 * - a batch holds at most `maxBatch` writes, so one change never stalls the loop for long.
 */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown }

interface Pending<Op, R> { op: Op; resolve: (value: R) => void; reject: (err: unknown) => void }

export class WriteQueue<Op, R> {
  readonly #run: (batch: Op[]) => Promise<Array<Outcome<R>>>
  readonly #maxBatch: number
  readonly #pending: Array<Pending<Op, R>> = []
  #running = false

  /** `run(batch)` applies and flushes a batch, answering one outcome per write, in order. */
  constructor(run: (batch: Op[]) => Promise<Array<Outcome<R>>>, maxBatch = 256) {
    this.#run = run
    this.#maxBatch = maxBatch
  }

  enqueue(op: Op): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#pending.push({ op, resolve, reject })
      if (!this.#running) {
        this.#running = true
        // Let the writes that arrive in this turn of the event loop join the batch.
        setImmediate(() => void this.#drain())
      }
    })
  }

  /** Writes waiting for a batch. */
  get length(): number {
    return this.#pending.length
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#maxBatch)
      try {
        const outcomes = await this.#run(batch.map((p) => p.op))
        batch.forEach((p, i) => {
          const o = outcomes[i]
          if (o?.ok) p.resolve(o.value)
          else p.reject(o ? o.error : new Error('the write was not applied'))
        })
      } catch (err) {
        for (const p of batch) p.reject(err)
      }
      // Give API calls and sync a turn between batches.
      await new Promise((r) => setImmediate(r))
    }
    this.#running = false
  }
}
