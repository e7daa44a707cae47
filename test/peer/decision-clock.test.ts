/**
 * The decision clock raises `decision:closed` once per proposal: at its close, or on the next
 * read after a peer's early close; never for one already closed when first seen.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SpaceId } from '../../shared/ids.ts'
import { DecisionClock } from '../../electron/peer/domain/decision-clock.ts'

const S = 'space-1' as SpaceId

describe('DecisionClock', () => {
  let closes: Map<string, number>
  let fired: string[]
  let clock: DecisionClock
  const settle = async (): Promise<void> => { await vi.advanceTimersByTimeAsync(200); for (let i = 0; i < 5; i++) await Promise.resolve() }

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 })
    closes = new Map()
    fired = []
    clock = new DecisionClock({ closes: async () => new Map(closes), closed: (_s, id) => fired.push(id), now: () => Date.now(), onError: (err) => { throw err } })
  })
  afterEach(() => {
    clock.stop()
    vi.useRealTimers()
  })

  it('fires at each close, soonest first, once each', async () => {
    // A refresh reads after 200 ms (settle): closes are set from then.
    closes.set('later', 1_000_200 + 5_000).set('soon', 1_000_200 + 2_000).set('past', 1_000_000 - 1)
    clock.refresh(S)
    await settle()
    await vi.advanceTimersByTimeAsync(1_999)
    expect(fired).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(fired).toEqual(['soon'])
    await vi.advanceTimersByTimeAsync(3_000)
    expect(fired).toEqual(['soon', 'later'])
    clock.refresh(S)
    await settle()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fired).toEqual(['soon', 'later'])
  })

  it('an early close read on a refresh fires at once, and not again at the scheduled time', async () => {
    closes.set('p', 1_000_000 + 60_000)
    clock.refresh(S)
    await settle()
    closes.set('p', 1_000_000 + 500)
    await vi.advanceTimersByTimeAsync(1_000)
    clock.refresh(S)
    await settle()
    expect(fired).toEqual(['p'])
    await vi.advanceTimersByTimeAsync(120_000)
    expect(fired).toEqual(['p'])
  })

  it('waits out a close months away in steps no timer overflows', async () => {
    closes.set('far', 1_000_200 + 40 * 86_400_000)
    clock.refresh(S)
    await settle()
    await vi.advanceTimersByTimeAsync(40 * 86_400_000 - 1)
    expect(fired).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(fired).toEqual(['far'])
  })
})
