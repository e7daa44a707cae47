/** Conflicts as each holder reads them, and who is offered "Cancel booking". */
import { describe, expect, it } from 'vitest'
import type { SpaceSummary } from '../../shared/api/peer-api.ts'
import type { BookingView } from '../../shared/schemas/booking.ts'
import { conflictPairs, holderName } from '../../renderer/features/bookings/conflicts.ts'
import { mayBook, mayCancel } from '../../renderer/features/bookings/may.ts'

const ANA = 'did:key:z6MkAna000000000000anaAAAA'
const SAM = 'did:key:z6MkSam000000000000samSSSS'
const LEE = 'did:key:z6MkLee000000000000leeLLLL'
const at = (h: number): string => new Date(2026, 11, 8, h).toISOString() // a Tuesday
const now = new Date(2026, 11, 8, 8).getTime()

function b(id: string, by: string, from: number, to: number, conflicts: string[], createdAt = '2026-12-01T00:00:00Z'): BookingView {
  return { id, resource: 'trailer', from: at(from), to: at(to), by, status: 'active', createdAt, updatedAt: createdAt, byName: null, resourceTitle: 'Trailer', conflicts }
}
const names = new Map<string, string | null>([[ANA, 'Ana'], [SAM, 'Sam'], [LEE, null]])
const nameOf = (did: string, fallback: string | null) => holderName(names, did, fallback)

describe('conflictPairs', () => {
  const list = [b('1', ANA, 10, 12, ['2'], '2026-12-01T00:00:00Z'), b('2', SAM, 11, 13, ['1'], '2026-12-02T00:00:00Z')]
  it('tells each holder the pair from their own side', () => {
    expect(conflictPairs(list, ANA, nameOf, now).map((p) => p.text)).toEqual(['Your booking Tue 10:00–12:00 overlaps Sam’s booking Tue 11:00–13:00'])
    expect(conflictPairs(list, SAM, nameOf, now).map((p) => p.text)).toEqual(['Your booking Tue 11:00–13:00 overlaps Ana’s booking Tue 10:00–12:00'])
  })
  it('tells a third member about the later booking first', () => {
    const [p] = conflictPairs(list, LEE, nameOf, now)
    expect(p?.subject.id).toBe('2')
    expect(p?.text).toBe('Sam’s booking Tue 11:00–13:00 overlaps Ana’s booking Tue 10:00–12:00')
  })
  it('names someone with no name by a short key, and skips a half not held here', () => {
    const pairs = conflictPairs([b('1', ANA, 10, 12, ['3', 'gone']), b('3', LEE, 9, 11, ['1'])], ANA, nameOf, now)
    expect(pairs.map((p) => p.text)).toEqual(['Your booking Tue 10:00–12:00 overlaps someone (…eeLLLL)’s booking Tue 09:00–11:00'])
  })
  it('lists every pair among three overlapping bookings once', () => {
    const three = [b('1', ANA, 10, 12, ['2', '3']), b('2', SAM, 11, 13, ['1', '3']), b('3', LEE, 11, 12, ['1', '2'])]
    expect(conflictPairs(three, ANA, nameOf, now)).toHaveLength(3)
  })
})

describe('mayCancel', () => {
  const space = (role: SpaceSummary['role'], cmd = '/doc/write'): SpaceSummary => ({
    spaceId: 's' as SpaceSummary['spaceId'], name: 'Co-op', founder: ANA as SpaceSummary['founder'], role, members: 3, documents: [],
    access: { cmd, docs: ['*'], purpose: '*', expiresAt: null },
  })
  const owners = new Map([['trailer', LEE]])
  const sams = b('2', SAM, 11, 13, [])
  it.each([
    ['the booker', SAM, space('member'), true],
    ['the resource’s owner', LEE, space('member'), true],
    ['an admin', ANA, space('admin', '/'), true],
    ['another member', ANA, space('member'), false],
    ['a guest who reads', SAM, space('guest', '/doc/read'), false],
  ])('%s: %s', (_who, me, s, allowed) => {
    expect(mayCancel(sams, me, s, owners)).toBe(allowed)
  })
  it('never offers to cancel a cancelled booking', () => {
    expect(mayCancel({ ...sams, status: 'cancelled' }, SAM, space('member'), owners)).toBe(false)
  })
  it('lets members with write access book, not readers', () => {
    expect(mayBook(space('member'))).toBe(true)
    expect(mayBook(space('member', '/doc/read'))).toBe(false)
  })
})
