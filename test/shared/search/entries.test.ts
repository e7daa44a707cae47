import { describe, expect, it } from 'vitest'
import { bookingEntry, decisionEntry, entryKey, pageEntry, resourceEntry, type SearchEntry } from '../../../shared/search/entries.ts'
import { SpaceSearch } from '../../../shared/search/space-search.ts'
import type { Resource } from '../../../shared/schemas/resource.ts'
import type { Booking } from '../../../shared/schemas/booking.ts'
import type { DecisionItem } from '../../../shared/schemas/decision.ts'

const at = '2026-12-01T10:00:00.000Z'
const resource = (extra: Partial<Resource> = {}): Resource => ({
  id: 'r1', kind: 'tool', title: 'Bike trailer', description: 'Hitches to any bike.\nTakes 40 kg.', tags: ['transport'], owner: 'did:key:z1',
  status: 'open', location: 'Shed behind the hall', createdAt: at, updatedAt: at, ...extra,
})
const booking = (extra: Partial<Booking> = {}): Booking => ({
  id: 'b1', resource: 'r1', from: at, to: at, by: 'did:key:z1', note: 'Moving a sofa', status: 'active', createdAt: at, updatedAt: at, ...extra,
})
const signed = { createdAt: at, updatedAt: at, signature: 'sig' }
const proposal = (extra: Record<string, unknown> = {}): DecisionItem => ({
  ...signed, id: 'p1', type: 'proposal', nonce: 'n'.repeat(16), title: 'Buy a second trailer', details: 'The first is booked every weekend.',
  process: 'consent', closesAt: at, eligible: [], author: 'did:key:z1', ...extra,
} as DecisionItem)
const stance = (reason: string, extra: Record<string, unknown> = {}): DecisionItem => ({
  ...signed, id: 's1', type: 'stance', decision: 'p1', voter: 'did:key:z2', choice: 'objection', reason, castAt: at, ...extra,
} as DecisionItem)
const outcome: DecisionItem = { ...signed, id: 'o1', type: 'outcome', decision: 'p1', by: 'did:key:z1', statement: 'Carried: we buy one in spring.', closedAt: at, held: [] }

describe('what each kind contributes', () => {
  it.each<[string, SearchEntry | null, Partial<SearchEntry> | null]>([
    ['a resource: title; description and location; tags and kind', resourceEntry(resource(), 'shard-r'),
      { kind: 'resource', id: 'r1', title: 'Bike trailer', body: 'Hitches to any bike. Takes 40 kg. — Shed behind the hall', tags: ['transport', 'tool'], docId: 'shard-r' }],
    ['a booking: its note, titled by its resource, opening it', bookingEntry(booking(), 'shard-b'),
      { kind: 'booking', id: 'b1', title: '', body: 'Moving a sofa', parentId: 'r1', docId: 'shard-b', titleFrom: { key: entryKey('resource', 'r1'), prefix: 'Booking of ', otherwise: 'A booking' } }],
    ['a booking without a note: nothing to find', bookingEntry(booking({ note: undefined }), 'shard-b'), null],
    ['a proposal: title and details', decisionEntry(proposal(), 'shard-d'),
      { kind: 'decision', id: 'p1', title: 'Buy a second trailer', body: 'The first is booked every weekend.', docId: 'shard-d' }],
    ['an outcome: its statement, under its proposal', decisionEntry(outcome, 'shard-d'),
      { kind: 'decision', id: 'o1', title: '', body: 'Carried: we buy one in spring.', parentId: 'p1' }],
    ['a stance: its reason, under its proposal', decisionEntry(stance('Too big for the shed'), 'shard-d'),
      { kind: 'decision', id: 's1', body: 'Too big for the shed', parentId: 'p1' }],
    ['a stance without a reason: nothing to find', decisionEntry(stance(''), 'shard-d'), null],
    ['a page: title, tags, text; its document is itself', pageEntry({ id: 'doc-p', title: 'Handbook', tags: ['howto'], text: 'Welcome.\n\nRead this first.' }),
      { kind: 'page', id: 'doc-p', title: 'Handbook', body: 'Welcome. Read this first.', tags: ['howto'], docId: 'doc-p' }],
  ])('%s', (_name, entry, expected) => {
    if (expected === null) expect(entry).toBeNull()
    else expect(entry).toMatchObject(expected)
  })

  it.each<[string, SearchEntry | null]>([
    ['resource', resourceEntry(resource({ deleted: true }), 's')],
    ['booking', bookingEntry(booking({ deleted: true }), 's')],
    ['proposal', decisionEntry(proposal({ deleted: true }), 's')],
    ['stance', decisionEntry(stance('reason', { deleted: true }), 's')],
    ['page', pageEntry({ id: 'p', title: 'T', tags: [], text: 'x', deleted: true })],
  ])('a deleted %s has no entry', (_kind, entry) => {
    expect(entry).toBeNull()
  })
})

describe('deleted items drop out', () => {
  it('an item whose tombstone arrives leaves the hits', () => {
    const s = new SpaceSearch()
    s.set(resourceEntry(resource(), 'shard-r')!)
    expect(s.search('trailer', { mayRead: () => true }).hits.map((h) => h.id)).toEqual(['r1'])
    // What the peer's index does with a changed item that has no entry any more.
    expect(resourceEntry(resource({ deleted: true }), 'shard-r')).toBeNull()
    s.remove(entryKey('resource', 'r1'))
    expect(s.search('trailer', { mayRead: () => true })).toEqual({ hits: [], indexed: 0 })
  })
})
