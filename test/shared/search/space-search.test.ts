import { describe, expect, it } from 'vitest'
import type { SearchKind } from '../../../shared/api/pages-api.ts'
import { entryKey, type SearchEntry } from '../../../shared/search/entries.ts'
import { SpaceSearch } from '../../../shared/search/space-search.ts'

const all = (): boolean => true
const entry = (id: string, title: string, body = '', extra: Partial<SearchEntry> = {}): SearchEntry =>
  ({ kind: 'resource', id, title, body, tags: [], docId: 'shard-1', ...extra })

function indexOf(entries: SearchEntry[]): SpaceSearch {
  const s = new SpaceSearch()
  for (const e of entries) s.set(e)
  return s
}

const items = [
  entry('bike', 'Cargo bike', 'A sturdy bike for carrying children and shopping.', { tags: ['transport'] }),
  entry('trailer', 'Bike trailer', 'Hitches to any bike; takes 40 kg.'),
  entry('cafe', 'Café du coin', 'Coffee mornings on Saturdays.', { kind: 'page', docId: 'page-doc-1' }),
  entry('drill', 'Drill', 'Cordless, with a set of bits. Borrow it with the ladder.'),
  entry('ladder', 'Ladder', 'Four metres, aluminium.'),
  entry('van', 'Van share', 'Book the van a day ahead.', { tags: ['transport'] }),
]

describe('SpaceSearch matching', () => {
  it.each<[string, string, string[]]>([
    ['a prefix finds the word', 'bik', ['bike', 'trailer']],
    ['a typo finds the word', 'trailr', ['trailer']],
    ['two typos in a long word', 'alumimim', ['ladder']],
    ['without its accent finds the accented word', 'cafe', ['cafe']],
    ['with an accent finds the plain word', 'cöffee', ['cafe']],
    ['case does not matter', 'LADDER', ['ladder', 'drill']],
    ['a tag', 'transport', ['bike', 'van']],
    ['several words: items with all of them', 'bike children', ['bike']],
    ['several words none has all of: items with any', 'ladder shopping', ['ladder', 'bike', 'drill']],
    ['no such word', 'xylophone', []],
    ['punctuation only', '?!', []],
    // Short words match as typed or by prefix only: "vat" is not "van".
    ['no typo allowance under four letters', 'vat', []],
    // One letter is not a prefix of half the vocabulary: it finds the word "a" only.
    ['a single letter matches as a word', 'a', ['bike', 'drill', 'van']],
  ])('%s: %j', (_name, query, ids) => {
    expect(indexOf(items).search(query, { mayRead: all }).hits.map((h) => h.id).sort()).toEqual([...ids].sort())
  })

  it('ranks items matching more of the words first when none matches them all', () => {
    const ids = indexOf(items).search('ladder shopping', { mayRead: all }).hits.map((h) => h.id)
    expect(ids.slice(0, 1)).toEqual(['ladder'])
  })

  it('ranks an item with the word in its title above one with it in the body', () => {
    const s = indexOf([
      entry('body', 'Garden tools', 'Spades, a rake, and a wheelbarrow for the allotment.'),
      entry('title', 'Wheelbarrow', 'Green, one wheel.'),
    ])
    expect(s.search('wheelbarrow', { mayRead: all }).hits.map((h) => h.id)).toEqual(['title', 'body'])
  })
})

describe('SpaceSearch hits', () => {
  it('marks in the snippet point at the matched words', () => {
    const hit = indexOf(items).search('bits', { mayRead: all }).hits[0]!
    expect(hit.id).toBe('drill')
    expect(hit.marks.map(([a, b]) => hit.snippet.slice(a, b))).toEqual(['bits'])
  })

  it('marks the word a prefix or typo matched, as it is written', () => {
    const s = indexOf(items)
    for (const [query, word] of [['hitch', 'Hitches'], ['saturdys', 'Saturdays'], ['coffe', 'Coffee']]) {
      const hit = s.search(query!, { mayRead: all }).hits[0]!
      expect(hit.marks.map(([a, b]) => hit.snippet.slice(a, b))).toEqual([word])
    }
  })

  it('an item matched in its title alone with no body shows its title, marked', () => {
    const hit = indexOf([entry('x', 'Projector')]).search('proj', { mayRead: all }).hits[0]!
    expect(hit.snippet).toBe('Projector')
    expect(hit.marks).toEqual([[0, 9]])
  })

  it('an item titled by its parent shows the parent\'s title, or words that name no parent the caller may not read', () => {
    const booking = entry('b1', '', 'Taking it to the allotment on Sunday', {
      kind: 'booking', parentId: 'trailer', docId: 'bookings-1', titleFrom: { key: entryKey('resource', 'trailer'), prefix: 'Booking of ', otherwise: 'A booking' },
    })
    const s = indexOf([...items, booking])
    expect(s.search('allotment', { mayRead: all }).hits[0]).toMatchObject({ kind: 'booking', title: 'Booking of Bike trailer', parentId: 'trailer' })
    expect(s.search('allotment', { mayRead: (d) => d === 'bookings-1' }).hits[0]).toMatchObject({ title: 'A booking' })
  })

  it('keeps at most `limit` hits, and only of the kinds asked', () => {
    const s = indexOf(items)
    expect(s.search('bike', { mayRead: all, limit: 1 }).hits).toHaveLength(1)
    expect(s.search('co', { mayRead: all, kinds: ['page'] as SearchKind[] }).hits.map((h) => h.id)).toEqual(['cafe'])
    expect(s.search('bike', { mayRead: all, kinds: ['decision'] }).hits).toEqual([])
  })
})

describe('SpaceSearch updates', () => {
  it.each<[string, (s: SpaceSearch) => void, string, string[]]>([
    ['a removed item drops out', (s) => s.remove(entryKey('resource', 'trailer')), 'trailer', []],
    ['a renamed item is found by its new word', (s) => s.set(entry('trailer', 'Box trailer', 'Hitches to any car.')), 'box', ['trailer']],
    ['and no longer by its old one', (s) => s.set(entry('trailer', 'Box trailer', 'Hitches to any car.')), 'bike', ['bike']],
    ['removing what is not there changes nothing', (s) => s.remove(entryKey('page', 'nothing')), 'bik', ['bike', 'trailer']],
    ['setting the same entry twice keeps one', (s) => s.set(items[1]!), 'trailer', ['trailer']],
  ])('%s', (_name, change, query, ids) => {
    const s = indexOf(items)
    change(s)
    expect(s.search(query, { mayRead: all }).hits.map((h) => h.id).sort()).toEqual([...ids].sort())
  })
})

describe('SpaceSearch permissions', () => {
  const hidden = [
    ...items,
    entry('secret', 'Bike', 'Bike lock: the code of every bike lock.', { docId: 'hidden-shard' }),
    entry('secret2', 'Unique zanzibar word', '', { docId: 'hidden-shard' }),
  ]
  const reader = (d: string): boolean => d !== 'hidden-shard'

  it('never returns an item held in a document the caller may not read, even for a word only it has', () => {
    const s = indexOf(hidden)
    expect(s.search('zanzibar', { mayRead: reader }).hits).toEqual([])
    expect(s.search('lock', { mayRead: reader }).hits).toEqual([])
    // The OR fallback sees only what the caller may read too.
    expect(s.search('zanzibar ladder', { mayRead: reader }).hits.map((h) => h.id).sort()).toEqual(['drill', 'ladder'])
  })

  it('filters before the limit: hidden hits never take the place of readable ones', () => {
    const s = indexOf(hidden)
    // The hidden item is all bike, title and body: unfiltered, it ranks among the first two.
    expect(s.search('bike', { mayRead: all, limit: 2 }).hits.map((h) => h.id)).toContain('secret')
    expect(s.search('bike', { mayRead: reader, limit: 2 }).hits.map((h) => h.id).sort()).toEqual(['bike', 'trailer'])
  })

  it('counts as indexed only the items the caller may read', () => {
    const s = indexOf(hidden)
    expect(s.search('x', { mayRead: all }).indexed).toBe(hidden.length)
    expect(s.search('x', { mayRead: reader }).indexed).toBe(items.length)
    expect(s.search('x', { mayRead: () => false })).toEqual({ hits: [], indexed: 0 })
  })

  it('asks about each document once per search', () => {
    const asked: string[] = []
    indexOf(hidden).search('bike', { mayRead: (d) => (asked.push(d), true) })
    expect(asked.length).toBe(new Set(asked).size)
  })
})
