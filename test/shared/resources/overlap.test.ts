import { describe, expect, it } from 'vitest'
import { conflictsWith, findConflicts, type Bookable } from '../../../shared/resources/overlap.ts'

const at = (hhmm: string, day = 24): string => `2026-12-${day}T${hhmm}:00.000Z`
const b = (id: string, from: string, to: string, extra: Partial<Bookable> = {}): Bookable =>
  ({ id, resource: 'trailer', from: at(from), to: at(to), status: 'active', ...extra })
const asObject = (m: Map<string, string[]>): Record<string, string[]> => Object.fromEntries([...m].sort())

describe('findConflicts', () => {
  it.each<[string, Bookable[], Record<string, string[]>]>([
    ['none at all', [], {}],
    ['one booking alone', [b('a', '09:00', '12:00')], {}],
    ['touching ranges are not a conflict', [b('a', '09:00', '12:00'), b('b', '12:00', '15:00')], {}],
    ['touching the other way round', [b('b', '12:00', '15:00'), b('a', '09:00', '12:00')], {}],
    ['an overlap by one minute', [b('a', '09:00', '12:01'), b('b', '12:00', '15:00')], { a: ['b'], b: ['a'] }],
    ['a range inside another', [b('a', '09:00', '17:00'), b('b', '10:00', '11:00')], { a: ['b'], b: ['a'] }],
    ['the same range twice', [b('a', '09:00', '12:00'), b('b', '09:00', '12:00')], { a: ['b'], b: ['a'] }],
    ['three-way: all overlap each other', [b('a', '09:00', '12:00'), b('b', '10:00', '13:00'), b('c', '11:00', '14:00')],
      { a: ['b', 'c'], b: ['a', 'c'], c: ['a', 'b'] }],
    ['three in a chain: the ends do not meet', [b('a', '09:00', '11:00'), b('b', '10:00', '13:00'), b('c', '12:00', '14:00')],
      { a: ['b'], b: ['a', 'c'], c: ['b'] }],
    ['one long booking over two short ones', [b('long', '08:00', '18:00'), b('x', '09:00', '10:00'), b('y', '15:00', '16:00')],
      { long: ['x', 'y'], x: ['long'], y: ['long'] }],
    ['a cancelled booking is ignored', [b('a', '09:00', '12:00'), b('b', '10:00', '11:00', { status: 'cancelled' })], {}],
    ['a deleted booking is ignored', [b('a', '09:00', '12:00'), b('b', '10:00', '11:00', { deleted: true })], {}],
    ['other resources never conflict', [b('a', '09:00', '12:00'), b('b', '10:00', '11:00', { resource: 'van' })], {}],
    ['across days', [b('a', '22:00', '23:59', { to: at('02:00', 25) }), b('b', '01:00', '03:00', { from: at('01:00', 25), to: at('03:00', 25) })],
      { a: ['b'], b: ['a'] }],
    ['an empty or inverted range conflicts with nothing', [b('a', '09:00', '12:00'), b('b', '11:00', '11:00'), b('c', '11:00', '10:00')], {}],
    ['a range with a time that is not a time is skipped', [b('a', '09:00', '12:00'), { ...b('b', '10:00', '11:00'), from: 'soon' }], {}],
  ])('%s', (_name, bookings, expected) => {
    expect(asObject(findConflicts(bookings))).toEqual(expected)
  })

  it('gives the same answer whatever order the bookings arrive in (every peer agrees after a merge)', () => {
    const all = [b('a', '09:00', '12:00'), b('b', '10:00', '13:00'), b('c', '12:00', '14:00'), b('d', '13:30', '15:00'), b('e', '07:00', '09:30')]
    const expected = asObject(findConflicts(all))
    for (let i = 0; i < 20; i++) {
      const shuffled = [...all].sort(() => Math.random() - 0.5)
      expect(asObject(findConflicts(shuffled))).toEqual(expected)
    }
  })

  it('conflictsWith names what a new booking would overlap', () => {
    const existing = [b('a', '09:00', '12:00'), b('b', '13:00', '14:00'), b('c', '10:00', '11:00', { status: 'cancelled' })]
    expect(conflictsWith(b('new', '11:00', '13:30'), existing)).toEqual(['a', 'b'])
    expect(conflictsWith(b('new', '12:00', '13:00'), existing)).toEqual([])
  })
})
