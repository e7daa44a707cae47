/**
 * Matching on small hand-made spaces: which offers a need finds, in what order, and the reasons
 * a member reads; the rules that keep a pair out; and the same answer on every peer.
 */
import { describe, expect, it } from 'vitest'
import type { InsightResource } from '../../../shared/insight/contract.ts'
import { createMatchIndex, naiveMatches, scorePair } from '../../../shared/insight/match.ts'
import { daysAgo, inDays, item, need, NOW } from './space.ts'

const OPTS = { now: NOW, perNeed: 5, minScore: 0 }

function matchesOf(n: InsightResource, offers: InsightResource[], opts = OPTS): Array<[string, number, string[]]> {
  const index = createMatchIndex()
  for (const o of [n, ...offers]) index.upsert(o)
  return index.matchesFor(n, opts).map((m) => [m.offer.id, m.score, m.reasons.map((r) => `${r.kind} ${r.points}: ${r.detail}`)])
}

describe('a need ranks the offers that could meet it, with reasons a member can check', () => {
  const seeds = need({ id: 'n1', title: 'Seeds for the community garden', tags: ['seeds', 'garden'] })

  it('a shared tag beats a shared word; a stemmed word ("gardening"/"garden") counts', () => {
    expect(matchesOf(seeds, [
      item({ id: 'o-word', title: 'Gardening gloves' }),
      item({ id: 'o-tag', title: 'Tomato plants', tags: ['Seeds'.toLowerCase()] }),
      item({ id: 'o-both', title: 'Heirloom seeds', tags: ['seeds', 'garden'] }),
      item({ id: 'o-none', title: 'Bicycle pump', tags: ['bikes'] }),
    ])).toEqual([
      ['o-both', 0.495, ['tags 0.375: shares the tags "seeds" and "garden"', 'words 0.12: "seeds" in both titles']],
      ['o-tag', 0.3, ['tags 0.3: shares the tag "seeds"']],
      ['o-word', 0.12, ['words 0.12: "garden"/"gardening" in both titles']],
    ])
  })

  it('title words count more than description words', () => {
    expect(matchesOf(seeds, [
      item({ id: 'o-desc', title: 'Allotment surplus', description: 'Spare seeds from last season' }),
      item({ id: 'o-title', title: 'Seeds swap box' }),
    ])).toEqual([
      ['o-title', 0.12, ['words 0.12: "seeds" in both titles']],
      ['o-desc', 0.06, ['words 0.06: "seeds" in the need\'s title and the offer\'s description']],
    ])
  })

  it('accents and letter case fold away, in words and in tags', () => {
    const chairs = need({ id: 'n2', title: 'Chairs for the Café', tags: ['café'] })
    expect(matchesOf(chairs, [item({ id: 'o1', title: 'CAFE furniture', tags: ['cafe'] })])).toEqual([
      ['o1', 0.42, ['tags 0.3: shares the tag "café"', 'words 0.12: "cafe" in both titles']],
    ])
  })

  it('the same place scores, another place is named with no points; coordinates give a distance', () => {
    const ladder = need({ id: 'n3', title: 'Ladder', location: 'Lisbon' })
    expect(matchesOf(ladder, [
      item({ id: 'o-porto', title: 'Ladder', location: 'Porto', createdAt: daysAgo(3) }),
      item({ id: 'o-lisbon', title: 'Ladder', location: 'lisbon, Portugal' }),
    ])).toEqual([
      ['o-lisbon', 0.22, ['words 0.12: "ladder" in both titles', 'location 0.1: both in Lisbon']],
      ['o-porto', 0.12, ['words 0.12: "ladder" in both titles', 'location 0: in Porto, needed in Lisbon']],
    ])
    const here = { lat: 38.7223, lon: -9.1393 }
    const near = need({ id: 'n4', title: 'Ladder', coordinates: here })
    expect(matchesOf(near, [
      item({ id: 'o-12km', title: 'Ladder', coordinates: { lat: 38.7223 + 12 / 111.2, lon: -9.1393 } }),
      item({ id: 'o-far', title: 'Ladder', coordinates: { lat: 41.1579, lon: -8.6291 } }),
    ]).map(([id, score, reasons]) => [id, score, reasons[1]])).toEqual([
      ['o-12km', 0.18, 'location 0.06: 12 km apart'],
      ['o-far', 0.12, 'location 0: 274 km apart'],
    ])
  })

  it('quantity: enough scores, too few is named; availability words are compared', () => {
    const chairs = need({ id: 'n5', title: 'Folding chairs', quantity: 5, availability: 'Saturday morning' })
    expect(matchesOf(chairs, [
      item({ id: 'o-few', title: 'Folding chairs', quantity: 2, availability: 'weekday evenings' }),
      item({ id: 'o-enough', title: 'Chairs to lend', quantity: 8, availability: 'weekends' }),
    ])).toEqual([
      ['o-few', 0.24, ['words 0.24: "folding" and "chairs" in both titles', 'availability 0: available weekday evenings, needed Saturday morning: no time in common', 'quantity 0: offers 2 of the 5 needed']],
      ['o-enough', 0.22, ['words 0.12: "chairs" in both titles', 'availability 0.05: available weekends, needed Saturday morning', 'quantity 0.05: offers 8, 5 needed']],
    ])
  })

  it('an offer expiring within 7 days says so, for no points', () => {
    expect(matchesOf(need({ id: 'n6', title: 'Ladder' }), [item({ id: 'o1', title: 'Ladder', expiresAt: inDays(2) })])).toEqual([
      ['o1', 0.12, ['words 0.12: "ladder" in both titles', 'expiry 0: the offer expires in 2 days'],
    ]])
  })

  it('every part of a score is named, and the parts add up to it', () => {
    const n = need({ id: 'n7', title: 'Seed trays and compost', description: 'for the school garden', tags: ['garden', 'seeds'], quantity: 10, location: 'Braga' })
    const o = item({ id: 'o1', kind: 'tool', title: 'Garden seed trays', description: 'compost too', tags: ['garden'], quantity: 12, location: 'Braga' })
    const r = scorePair(n, o, NOW)!
    expect(r.reasons.map((x) => x.kind)).toEqual(['tags', 'words', 'location', 'quantity'])
    expect(Math.round(r.reasons.reduce((s, x) => s + x.points, 0) * 1000) / 1000).toBe(r.score)
    expect(r.score).toBe(0.8)
  })
})

describe('a member\'s own offer', () => {
  it('meets their own need like anyone\'s (an office peer posts for many under one key)', () => {
    const n = need({ id: 'n1', title: 'Ladder', tags: ['tools'] })
    const own = item({ id: 'o', title: 'Ladder', tags: ['tools'], owner: n.owner })
    expect(scorePair(n, own, NOW)).toEqual(scorePair(n, { ...own, owner: 'did:key:someone-else' }, NOW))
    expect(matchesOf(n, [own]).map(([id]) => id)).toEqual(['o'])
  })
})

describe('pairs that never match', () => {
  const n = need({ id: 'n1', title: 'Ladder', tags: ['tools'] })
  const rows: Array<[string, InsightResource]> = [
    ['an expired offer', item({ id: 'o', title: 'Ladder', tags: ['tools'], expiresAt: daysAgo(0.01) })],
    ['an offer expiring this very moment', item({ id: 'o', title: 'Ladder', tags: ['tools'], expiresAt: new Date(NOW).toISOString() })],
    ['a closed offer', item({ id: 'o', title: 'Ladder', tags: ['tools'], status: 'closed' })],
    ['a matched offer', item({ id: 'o', title: 'Ladder', tags: ['tools'], status: 'matched' })],
    ['another need', need({ id: 'o', title: 'Ladder', tags: ['tools'], owner: 'did:key:someone' })],
    ['an offer sharing only stopwords and numbers', item({ id: 'o', title: 'Need the 2 of them, please', location: 'Lisbon' })],
  ]
  it.each(rows)('%s', (_, offer) => {
    expect(scorePair(n, offer, NOW)).toBeNull()
    expect(matchesOf(n, [offer])).toEqual([])
    expect(naiveMatches([n], [offer], OPTS).get('n1')).toEqual([])
  })

  it('an expired or closed need has no matches', () => {
    const offer = item({ id: 'o', title: 'Ladder' })
    expect(matchesOf(need({ id: 'n', title: 'Ladder', expiresAt: daysAgo(1) }), [offer])).toEqual([])
    expect(matchesOf(need({ id: 'n', title: 'Ladder', status: 'closed' }), [offer])).toEqual([])
  })

  it('below minScore a match is left out; perNeed keeps the best', () => {
    const offers = [item({ id: 'a', title: 'Ladder', tags: ['tools'] }), item({ id: 'b', title: 'Ladder' }), item({ id: 'c', title: 'Old ladder' })]
    expect(matchesOf(n, offers, { ...OPTS, minScore: 0.2 }).map(([id]) => id)).toEqual(['a'])
    expect(matchesOf(n, offers, { ...OPTS, perNeed: 2 }).map(([id]) => id)).toEqual(['a', 'b'])
  })
})

describe('ties and peers', () => {
  it('equal scores are ordered by the offer posted first, then by id', () => {
    const n = need({ id: 'n', title: 'Ladder' })
    expect(matchesOf(n, [
      item({ id: 'z-old', title: 'Ladder', createdAt: daysAgo(5) }),
      item({ id: 'b-new', title: 'Ladder', createdAt: daysAgo(1) }),
      item({ id: 'a-new', title: 'Ladder', createdAt: daysAgo(1) }),
    ]).map(([id]) => id)).toEqual(['z-old', 'a-new', 'b-new'])
  })

  it('two peers holding the same items in any order, with edits and removals on the way, give identical results', () => {
    const items = [
      need({ id: 'n1', title: 'Seeds and compost', tags: ['garden'] }),
      need({ id: 'n2', title: 'A drill for shelves', location: 'Porto' }),
      item({ id: 'o1', title: 'Compost bins', tags: ['garden'], createdAt: daysAgo(2) }),
      item({ id: 'o2', kind: 'tool', title: 'Cordless drill', location: 'Porto' }),
      item({ id: 'o3', kind: 'skill', title: 'Shelves built', description: 'carpentry, seeds' }),
      item({ id: 'o4', title: 'Seeds', tags: ['garden'], createdAt: daysAgo(2) }),
    ]
    const a = createMatchIndex()
    for (const x of items) a.upsert(x)
    const b = createMatchIndex()
    b.upsert(item({ id: 'o4', title: 'Something else' }))
    for (const x of [...items].reverse()) b.upsert(x)
    b.upsert(item({ id: 'o9', title: 'Seeds compost drill' }))
    b.remove('o9')
    const answer = (ix: typeof a): unknown => ix.openNeeds(NOW).map((x) => [x.id, ix.matchesFor(x, OPTS)])
    expect(answer(b)).toEqual(answer(a))
    expect(JSON.stringify(answer(b))).toBe(JSON.stringify(answer(a)))
  })
})
