/**
 * Long work over a map file (reading, planning, writing 7,000 items) is written as a generator
 * that yields between items. Tests and small callers run it straight through; the peer runs it
 * in slices of a few milliseconds, so its event loop keeps answering (map-import.ts).
 */
export type Steps<T> = Generator<void, T, void>

/** Runs `steps` to the end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  let r = steps.next()
  while (!r.done) r = steps.next()
  return r.value
}

/** Runs `steps`, handing the event loop back (`pause`) whenever a slice has taken `sliceMs`. */
export async function runInSlices<T>(steps: Steps<T>, pause: () => Promise<void>, sliceMs = 8): Promise<T> {
  let start = performance.now()
  let r = steps.next()
  while (!r.done) {
    if (performance.now() - start >= sliceMs) {
      await pause()
      start = performance.now()
    }
    r = steps.next()
  }
  return r.value
}

/** `items.map(f)`, yielding after each item. */
export function* eachOf<I, O>(items: readonly I[], f: (item: I) => O): Steps<O[]> {
  const out: O[] = []
  for (const item of items) {
    out.push(f(item))
    yield
  }
  return out
}
