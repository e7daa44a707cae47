/**
 * The index against scoring every pair, on seeded corpora from S12's generator (a few hundred
 * items): after building, and after edits, closings and removals in between, every need's
 * matches, scores, order and reasons are the same.
 */
import { describe, expect, it } from 'vitest'
import type { InsightResource } from '../../../shared/insight/contract.ts'
import { createMatchIndex, matchStanding, naiveMatches } from '../../../shared/insight/match.ts'
import { seededRandom } from '../../../shared/seeded-random.ts'
import { s12Data } from '../../bench/s12-data.ts'
import { NOW } from './space.ts'

function agree(index: ReturnType<typeof createMatchIndex>, held: Map<string, InsightResource>, opts: { now: number; perNeed: number; minScore: number }): number {
  const all = [...held.values()]
  const naive = naiveMatches(all.filter((x) => x.kind === 'need'), all.filter((x) => x.kind !== 'need'), opts)
  const needs = index.openNeeds(opts.now)
  expect(needs.map((n) => n.id).sort()).toEqual([...naive.keys()].sort())
  let found = 0
  for (const n of needs) {
    const got = index.matchesFor(n, opts)
    expect(got, `need ${n.id}`).toEqual(naive.get(n.id))
    found += got.length
  }
  return found
}

describe('the match index finds exactly what scoring every pair finds', () => {
  it.each([[1, 0.15, 5], [2, 0, 3], [3, 0.3, 10], [4, 0.15, 1]])('seed %i, minScore %f, perNeed %i', (seed, minScore, perNeed) => {
    const { needs, offers } = s12Data({ needs: 80, offers: 320, now: NOW, seed, members: 25 })
    const rnd = seededRandom(seed * 101)
    const held = new Map<string, InsightResource>()
    const index = createMatchIndex()
    for (const x of [...needs, ...offers]) { index.upsert(x); held.set(x.id, x) }
    const opts = { now: NOW, perNeed, minScore }
    expect(agree(index, held, opts)).toBeGreaterThan(20)
    expect(index.size).toBe(400)
    // Edits: a retitled or re-tagged offer, a closed one, a reopened one, one removed; a need edited, removed.
    const ids = [...held.keys()]
    const originals = [...held.values()]
    const other = (): InsightResource => originals[Math.floor(rnd() * originals.length)]!
    for (let i = 0; i < 150; i++) {
      const x = held.get(ids[Math.floor(rnd() * ids.length)]!)
      const r = rnd()
      if (!x) continue
      if (r < 0.15) { index.remove(x.id); held.delete(x.id); continue }
      const edited: InsightResource = r < 0.4 ? { ...x, title: other().title, tags: other().tags }
        : r < 0.6 ? { ...x, status: x.status === 'open' ? 'closed' : 'open' }
        : r < 0.8 ? { ...x, description: other().description, location: other().location }
        : { ...x, owner: other().owner, quantity: other().quantity }
      index.upsert(edited)
      held.set(x.id, edited)
    }
    expect(index.size).toBe(held.size)
    expect(agree(index, held, opts)).toBeGreaterThan(10)
    // Later, some have expired: the same answer, with time alone changed.
    expect(agree(index, held, { ...opts, now: NOW + 20 * 86_400_000 })).toBeGreaterThan(5)
  })
})

describe('the standing the gap report reads', () => {
  it('each open need\'s best score and every offer matched at the threshold, as all pairs say, beyond the few shown per need', () => {
    const { needs, offers } = s12Data({ needs: 60, offers: 240, now: NOW, seed: 9, members: 20 })
    const index = createMatchIndex()
    for (const x of [...needs, ...offers]) index.upsert(x)
    const all = naiveMatches(needs, offers, { now: NOW, perNeed: 1000, minScore: 0 })
    const got = matchStanding(index, NOW, 0.3)
    expect(Object.fromEntries(got.best)).toEqual(Object.fromEntries([...all].map(([id, list]) => [id, list[0]?.score ?? 0])))
    const matched = new Set([...all.values()].flatMap((list) => list.filter((m) => m.score >= 0.3).map((m) => m.offer.id)))
    expect([...got.matched].sort()).toEqual([...matched].sort())
    const shownOnly = new Set([...naiveMatches(needs, offers, { now: NOW, perNeed: 1, minScore: 0.3 }).values()].flatMap((list) => list.map((m) => m.offer.id)))
    expect(matched.size).toBeGreaterThan(shownOnly.size)
  })
})
