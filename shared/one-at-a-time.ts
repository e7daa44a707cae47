/**
 * Tasks run one after another, in the order they were handed in: for work that must not
 * overlap itself (a whole-file rewrite, a read-then-write of one file, a check-then-add).
 * A task that fails answers its own caller with the failure and does not hold up the next.
 * `OneAtATimePerKey` keeps one such line per key (a space, a file): tasks of different keys
 * run side by side, and a key with nothing waiting holds no memory.
 */
export class OneAtATime {
  #tail: Promise<unknown> = Promise.resolve()

  /** Runs `task` once every task handed in before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task)
    this.#tail = run.catch(() => {})
    return run
  }
}

export class OneAtATimePerKey<K> {
  readonly #tails = new Map<K, Promise<unknown>>()

  /** Runs `task` once every task handed in before it under `key` has settled. */
  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const run = (this.#tails.get(key) ?? Promise.resolve()).then(task)
    const tail = run.catch(() => {})
    this.#tails.set(key, tail)
    void tail.then(() => { if (this.#tails.get(key) === tail) this.#tails.delete(key) })
    return run
  }

  /** How many keys have a task running or waiting. */
  get busy(): number {
    return this.#tails.size
  }
}
