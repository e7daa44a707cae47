/** Writes queued and batched: one run per batch, in order, all or nothing per batch. */
import { describe, expect, it } from 'vitest'
import { WriteQueue, type Outcome } from '../../electron/peer/domain/write-queue.ts'

describe('WriteQueue', () => {
  it('batches the writes of one turn, in order, and resolves each with its own outcome', async () => {
    const batches: number[][] = []
    const q = new WriteQueue<number, number>(async (batch) => {
      batches.push(batch)
      return batch.map((n): Outcome<number> => (n === 3 ? { ok: false, error: new Error('three') } : { ok: true, value: n * 10 }))
    }, 4)
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => q.enqueue(n)))
    expect(batches).toEqual([[1, 2, 3, 4], [5, 6]])
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([10, 20, 'three', 40, 50, 60])
  })

  it('rejects every write of a batch whose run fails, and goes on with the next', async () => {
    let runs = 0
    const q = new WriteQueue<string, string>(async (batch) => {
      runs++
      if (runs === 1) throw new Error('disk full')
      return batch.map((s) => ({ ok: true, value: s }))
    })
    const first = Promise.allSettled([q.enqueue('a'), q.enqueue('b')])
    const done = await first
    expect(done.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    await expect(q.enqueue('c')).resolves.toBe('c')
  })

  it('writes queued while a batch is being flushed go into the next one', async () => {
    const batches: string[][] = []
    let release: () => void = () => {}
    const q = new WriteQueue<string, string>(async (batch) => {
      batches.push(batch)
      if (batches.length === 1) await new Promise<void>((r) => { release = r })
      return batch.map((s) => ({ ok: true, value: s }))
    })
    const first = q.enqueue('first')
    await new Promise((r) => setImmediate(r))
    const later = [q.enqueue('x'), q.enqueue('y')]
    expect(q.length).toBe(2)
    release()
    await Promise.all([first, ...later])
    expect(batches).toEqual([['first'], ['x', 'y']])
  })
})
