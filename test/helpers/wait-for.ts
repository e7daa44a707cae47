/** Waits until `check` returns a truthy value; fails with `what` if it has not by `timeoutMs`. No sleeps as synchronisation. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 25): Promise<NonNullable<Awaited<T>>> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const v = await check()
      if (v) return v as NonNullable<Awaited<T>>
    } catch (err) {
      lastError = err
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`)
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
