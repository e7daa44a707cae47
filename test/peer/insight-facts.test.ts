/**
 * The facts of a large space on their way to the insight worker: bookings, decisions and the
 * map are gone through a slice per turn of the event loop, not in one (a peer with tens of
 * thousands of them goes on answering meanwhile); their long lists reach the worker in parts and
 * are put back together whole (the figures are those computed from the facts in one piece); and a
 * part the caller may not read is listed as unavailable.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { FACTS_SLICE, gatherFacts } from '../../electron/peer/domain/insight-facts.ts'
import { InsightEngine } from '../../electron/peer/domain/insight-engine.ts'
import type { MapState } from '../../electron/peer/domain/map-state.ts'
import { healthFigures } from '../../shared/insight/health.ts'
import { DEFAULT_GAP_RULES } from '../../shared/insight/gaps.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { Booking } from '../../shared/schemas/booking.ts'

const SPACE = 'big' as SpaceId
const NOW = Date.parse('2026-03-01T12:00:00.000Z')
const iso = (h: number): string => new Date(NOW + h * 3_600_000).toISOString()

const bookings: Booking[] = Array.from({ length: 5_000 }, (_, i) => ({
  id: `b${i}`, resource: `tool${i % 400}`, from: iso(i % 50), to: iso((i % 50) + 2), by: `did:key:m${i % 90}`,
  status: i % 7 === 0 ? 'cancelled' : 'active', createdAt: iso(-i), updatedAt: iso(-i),
}))
const decisions = Array.from({ length: 3_000 }, (_, i) => ({ id: `d${i}`, type: 'stance', voter: `did:key:m${i % 120}`, castAt: iso(-i) }))
const nodes = Array.from({ length: 3_000 }, (_, i) => ({ id: `n${String(i).padStart(5, '0')}`, label: `Node ${i}`, type: 'organisation', tags: [], createdBy: `did:key:m${i % 30}`, createdAt: iso(-i) }))
const edges = Array.from({ length: 6_000 }, (_, i) => ({ id: `e${i}`, from: nodes[i % 3000]!.id, to: nodes[(i * 7 + 1) % 3000]!.id, direction: 'undirected', createdAt: iso(-i) }))

const deps = {
  store: { list: async <I>(_s: SpaceId, collection: string) => ({ items: (collection === 'bookings' ? bookings : decisions) as I[], total: 0, syncing: 0 }) },
  mapState: async () => ({ snapshot: { nodes, edges } }) as unknown as MapState,
  nameOf: () => null,
}
const members = Array.from({ length: 150 }, (_, i) => ({ did: `did:key:m${i}`, name: null }))

/** Turns of the event loop taken while `run` runs. */
async function turnsDuring<T>(run: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0
  let on = true
  const tick = (): void => { if (on) { turns++; setImmediate(tick) } }
  setImmediate(tick)
  const value = await run()
  on = false
  return { value, turns }
}

const engines: InsightEngine[] = []
afterEach(async () => { await Promise.all(engines.splice(0).map((e) => e.close())) })

describe('the facts of a large space', () => {
  it('are gathered a slice per turn of the event loop, every one of them', async () => {
    const { value: facts, turns } = await turnsDuring(() => gatherFacts(deps, { spaceId: SPACE, now: NOW, mayRead: () => true, members }))
    const items = bookings.length + decisions.length + nodes.length + edges.length
    expect(turns).toBeGreaterThanOrEqual(Math.floor(items / FACTS_SLICE) - 4)
    expect(facts.bookings).toHaveLength(bookings.length)
    expect(facts.graph?.nodes).toHaveLength(nodes.length)
    expect(facts.graph?.edges).toHaveLength(edges.length)
    expect(facts.unavailable).toEqual([])
    // Each member's last act: m0 booked at NOW (b0), voted at NOW (d0), made n0 at NOW.
    expect(facts.lastActive['did:key:m0']).toBe(NOW)
  })

  it('list what the caller may not read as unavailable, and read nothing of it', async () => {
    const facts = await gatherFacts(deps, { spaceId: SPACE, now: NOW, mayRead: (c) => c === 'resources', members: null })
    expect(facts.unavailable).toEqual(['bookings', 'decisions', 'map', 'members'])
    expect(facts).toMatchObject({ bookings: [], graph: null, lastActive: {}, withResources: true })
  })

  it('reach the worker in parts and are put back whole: the figures and the gap report are those of the facts in one piece', async () => {
    const facts = await gatherFacts(deps, { spaceId: SPACE, now: NOW, mayRead: () => true, members })
    const engine = new InsightEngine({ onLost: () => {}, onFeedFailed: () => {} })
    engines.push(engine)
    const whole = { ...facts, resources: [] }
    expect(await engine.query({ type: 'health', facts: { ...facts, withResources: false } })).toEqual(healthFigures(whole))
    const gaps = await engine.query({ type: 'gaps', facts: { ...facts, withResources: false }, rules: DEFAULT_GAP_RULES })
    expect(gaps.bookingConflicts.length).toBeGreaterThan(0)
    expect(gaps.bookingConflicts.flatMap((c) => c.bookings).every((b) => bookings.some((x) => x.id === b.id && x.status === 'active'))).toBe(true)
  }, 60_000)
})
