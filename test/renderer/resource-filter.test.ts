/**
 * The board's filtering and its forms, as pure functions: what a user sees listed for a
 * filter, where expired and closed items go, the counts on the kind tabs, and what the add
 * and edit forms send (or say is wrong).
 */
import { describe, expect, it } from 'vitest'
import type { ResourceView } from '../../shared/schemas/resource.ts'
import { filterResources, NO_FILTER, isFiltered, newestFirst, tagsInUse, type BoardFilter } from '../../renderer/features/resources/filter.ts'
import { EMPTY_FIELDS, fieldsOf, peerProblems, toEdit, toInput } from '../../renderer/features/resources/resource-form.ts'
import { canChange, canWrite } from '../../renderer/features/resources/access.ts'
import { ErrorCode } from '../../shared/errors.ts'

const ME = 'did:key:me'
let seq = 0
function item(p: Partial<ResourceView> = {}): ResourceView {
  seq++
  return {
    id: `id-${seq}`, kind: 'tool', title: `Item ${seq}`, description: '', tags: [], owner: 'did:key:other', status: 'open',
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(), updatedAt: '2026-01-01T00:00:00.000Z',
    ownerName: 'Ada', poolName: null, expired: false, ...p,
  }
}
const titles = (items: ResourceView[]): string[] => items.map((r) => r.title)
const run = (all: ResourceView[], f: Partial<BoardFilter>) => filterResources(all, { ...NO_FILTER, ...f }, ME)

describe('the board filter', () => {
  const all = [
    item({ title: 'Ladder', kind: 'tool', tags: ['garden'], description: 'Three metres' }),
    item({ title: 'Soup pot', kind: 'offer', tags: ['kitchen', 'lending'], owner: ME }),
    item({ title: 'Café chairs', kind: 'need', status: 'matched', pool: 'p1' }),
    item({ title: 'Old tent', kind: 'offer', expired: true, tags: ['garden'] }),
    item({ title: 'Drill', kind: 'tool', status: 'closed', owner: ME }),
  ]

  it('lists current items only, with expired and closed ones counted on their own shelves', () => {
    const r = run(all, {})
    expect(titles(r.items)).toEqual(['Ladder', 'Soup pot', 'Café chairs'])
    expect(r.shelves).toEqual({ current: 3, expired: 1, closed: 1 })
    expect(titles(run(all, { shelf: 'expired' }).items)).toEqual(['Old tent'])
    expect(titles(run(all, { shelf: 'closed' }).items)).toEqual(['Drill'])
  })

  it('counts each kind on the shelf shown, whatever kind is selected', () => {
    const r = run(all, { kind: 'offer' })
    expect(titles(r.items)).toEqual(['Soup pot'])
    expect(r.kinds).toEqual({ all: 3, offer: 1, need: 1, tool: 1, facility: 0, skill: 0 })
  })

  it('searches title, description and tags, every word, ignoring case and accents', () => {
    expect(titles(run(all, { query: 'cafe' }).items)).toEqual(['Café chairs'])
    expect(titles(run(all, { query: 'METRES lad' }).items)).toEqual(['Ladder'])
    expect(titles(run(all, { query: 'lending' }).items)).toEqual(['Soup pot'])
    expect(titles(run(all, { query: 'ada' }).items), 'the owner’s name too').toHaveLength(3)
    expect(run(all, { query: 'nothing like it' }).items).toEqual([])
  })

  it('narrows by tag, status, pool and mine', () => {
    expect(titles(run(all, { tag: 'garden' }).items)).toEqual(['Ladder'])
    expect(run(all, { tag: 'garden' }).shelves.expired).toBe(1)
    expect(titles(run(all, { status: 'matched' }).items)).toEqual(['Café chairs'])
    expect(titles(run(all, { pool: 'p1' }).items)).toEqual(['Café chairs'])
    expect(titles(run(all, { mine: true }).items)).toEqual(['Soup pot'])
    expect(titles(run(all, { mine: true, shelf: 'closed' }).items)).toEqual(['Drill'])
  })

  it('sees an edited item anew (the text searched is cached per item object)', () => {
    const before = item({ title: 'Hammer' })
    expect(run([before], { query: 'hammer' }).items).toHaveLength(1)
    const after = { ...before, title: 'Mallet' }
    expect(run([after], { query: 'hammer' }).items).toHaveLength(0)
    expect(run([after], { query: 'mallet' }).items).toHaveLength(1)
  })

  it('says whether anything narrows the list, the shelf aside', () => {
    expect(isFiltered(NO_FILTER)).toBe(false)
    expect(isFiltered({ ...NO_FILTER, shelf: 'closed' })).toBe(false)
    expect(isFiltered({ ...NO_FILTER, query: '  ' })).toBe(false)
    expect(isFiltered({ ...NO_FILTER, mine: true })).toBe(true)
  })

  it('orders newest first and lists tags by use', () => {
    expect(titles(newestFirst(all))[0]).toBe('Drill')
    expect(tagsInUse(all)).toEqual([{ tag: 'garden', count: 2 }, { tag: 'kitchen', count: 1 }, { tag: 'lending', count: 1 }])
  })

  it('answers well under 100 ms over 10,000 items', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => item({ title: `Thing ${i}`, tags: [['garden'], ['kitchen'], []][i % 3]!, description: 'Something to share with the neighbours' }))
    run(many, { query: 'warm up' })
    const t = performance.now()
    const r = run(many, { query: 'thing 99', tag: 'garden' })
    expect(performance.now() - t).toBeLessThan(100)
    expect(r.items.length).toBeGreaterThan(0)
  })
})

describe('the add and edit forms', () => {
  it('sends what was typed, tags split at commas', () => {
    const r = toInput({ ...EMPTY_FIELDS, kind: 'tool', title: 'Ladder', tags: 'garden, Lending ,', quantity: '2', location: 'Shed' })
    expect(r).toEqual({ ok: true, value: { kind: 'tool', title: 'Ladder', tags: ['garden', 'lending'], quantity: 2, location: 'Shed' } })
  })

  it('explains a bad tag, a missing title and a non-number in words', () => {
    const r = toInput({ ...EMPTY_FIELDS, title: ' ', tags: '<b>', quantity: 'two' })
    expect(r.ok).toBe(false)
    const messages = r.ok ? [] : r.problems.map((p) => p.message)
    expect(messages.join(' ')).toMatch(/“<b>” is not a valid tag/)
    expect(messages.join(' ')).toMatch(/Quantity must be a number, not “two”/)
    expect(messages.join(' ')).toMatch(/Title is required/)
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['tags', 'quantity', 'title']))
  })

  it('sends an expiry for offers and needs only, and refuses one in the past', () => {
    const later = '2099-01-01T10:00'
    const offer = toInput({ ...EMPTY_FIELDS, kind: 'offer', title: 'Soup', expiresAt: later })
    expect(offer.ok && offer.value.expiresAt).toBe(new Date(later).toISOString())
    const tool = toInput({ ...EMPTY_FIELDS, kind: 'tool', title: 'Drill', expiresAt: later })
    expect(tool.ok && tool.value.expiresAt).toBe(undefined)
    expect(toInput({ ...EMPTY_FIELDS, kind: 'need', title: 'Help', expiresAt: '2001-01-01T10:00' }).ok).toBe(false)
  })

  it('an edit sends only the fields changed, and null for one cleared', () => {
    const was = item({ title: 'Ladder', tags: ['garden'], location: 'Shed', quantity: 1 })
    const r = toEdit(was, { ...fieldsOf(was), title: 'Long ladder', location: '', quantity: '1' })
    expect(r).toEqual({ ok: true, value: { title: 'Long ladder', location: null } })
    expect(toEdit(was, fieldsOf(was))).toEqual({ ok: false, problems: [{ field: null, message: 'Nothing changed.' }] })
  })

  it('turns the peer’s field errors into sentences about what was typed', () => {
    const problems = peerProblems({ code: ErrorCode.ValidationFailed, message: 'tags.1: bad', details: [{ path: 'tags.1', message: 'a tag is letters' }] }, 'ok, <i>')
    expect(problems).toEqual([{ field: 'tags', message: '“<i>” is not a valid tag. A tag is letters.' }])
    expect(peerProblems({ code: ErrorCode.Forbidden, message: 'Only Ada may edit it.' }, '')).toEqual([{ field: null, message: 'Only Ada may edit it.' }])
  })
})

describe('what the board offers', () => {
  const member = { role: 'member' as const, access: { cmd: '/doc/write', docs: ['*'], purpose: 'membership', expiresAt: null } }
  const reader = { role: 'guest' as const, access: { cmd: '/doc/read', docs: ['resources'], purpose: 'x', expiresAt: null } }
  const admin = { role: 'admin' as const, access: { cmd: '/', docs: ['*'], purpose: 'x', expiresAt: null } }

  it('adding to those who may write, changing to the owner or an admin', () => {
    expect(canWrite(member)).toBe(true)
    expect(canWrite(reader)).toBe(false)
    expect(canChange(member, ME, { owner: ME })).toBe(true)
    expect(canChange(member, ME, { owner: 'did:key:other' })).toBe(false)
    expect(canChange(admin, ME, { owner: 'did:key:other' })).toBe(true)
    expect(canChange(reader, ME, { owner: ME })).toBe(false)
  })
})
