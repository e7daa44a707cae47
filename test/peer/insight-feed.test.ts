/**
 * The insight worker's feed when its worker goes away: a space being read into the worker
 * when the worker is lost is read again, whole, into the fresh one (never answered over an
 * index holding part of it, or nothing); and a worker that is being fed is in use, so it is
 * not let go as idle while a space loads or changes come in.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { IDLE_MS, InsightEngine } from '../../electron/peer/domain/insight-engine.ts'
import { InsightFeed } from '../../electron/peer/domain/insight-feed.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { DEFAULT_MIN_SCORE, DEFAULT_PER_NEED } from '../../shared/insight/match.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { Resource } from '../../shared/schemas/resource.ts'
import { s12Data } from '../bench/s12-data.ts'

const NOW = Date.parse('2026-03-01T12:00:00.000Z')
const log = createLogger(LogLevel.Error)
const engines: InsightEngine[] = []
const engine = (onLost: () => void = () => {}): InsightEngine => {
  const e = new InsightEngine({ onLost, onFeedFailed: () => {} })
  engines.push(e)
  return e
}
afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(engines.splice(0).map((e) => e.close()))
})

/** A space's resources as its collection holds them, and how many open needs they have. */
function space(): { spaceId: SpaceId; items: Resource[]; openNeeds: number } {
  const data = s12Data({ needs: 200, offers: 500, now: NOW })
  const items = [...data.needs, ...data.offers].map(({ spaceId: _s, ownerName: _n, ...r }) => r as Resource)
  return { spaceId: data.needs[0]!.spaceId, items, openNeeds: data.needs.filter((n) => n.status === 'open' && (n.expiresAt === undefined || Date.parse(n.expiresAt) > NOW)).length }
}

const matchAll = (e: InsightEngine, spaceId: SpaceId) => e.query({
  type: 'match', asking: { spaceId, name: 'S' }, offerSpaces: [{ spaceId, name: 'S' }], opts: { now: NOW, perNeed: DEFAULT_PER_NEED, minScore: DEFAULT_MIN_SCORE },
})

describe('the insight feed when its worker goes away', () => {
  it('reads the whole space again into a fresh worker when the worker is lost while the space loads', async () => {
    const { spaceId, items, openNeeds } = space()
    // The engine the feed posts to; swapped for a fresh one (a fresh worker, holding nothing) as the old is lost.
    let current = engine()
    let pages = 0
    const store = {
      list: async <I>(_s: SpaceId, _c: string, o: { offset?: number; limit?: number } = {}) => {
        if (++pages === 2) {
          await current.close()
          current = engine()
          feed.reset() // what the engine's onLost does
        }
        const offset = o.offset ?? 0
        return { items: items.slice(offset, offset + (o.limit ?? items.length)) as I[], total: items.length, syncing: 0 }
      },
      located: async () => [],
    }
    const feed: InsightFeed = new InsightFeed({ store, engine: { feed: (m) => current.feed(m) }, nameOf: () => null, log })
    await feed.ready(spaceId)
    expect(pages).toBeGreaterThan(3)
    const answer = await matchAll(current, spaceId)
    expect(answer.needs).toBe(openNeeds)
  }, 30_000)

  it('keeps a worker that is being fed: idle means neither asked nor fed for ten minutes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { spaceId, items } = space()
    let lost = 0
    const e = engine(() => lost++)
    const one = (i: number) => ({ ...items[i]!, spaceId, ownerName: null })
    e.feed({ type: 'upsert', spaceId, items: [one(0)] })
    vi.advanceTimersByTime(IDLE_MS - 1_000)
    e.feed({ type: 'upsert', spaceId, items: [one(1)] })
    vi.advanceTimersByTime(IDLE_MS - 1_000)
    expect(lost).toBe(0)
    expect(e.running).toBe(true)
    vi.advanceTimersByTime(2_000)
    expect(lost).toBe(1)
    expect(e.running).toBe(false)
  }, 30_000)
})
