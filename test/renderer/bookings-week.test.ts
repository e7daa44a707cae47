/** The week calendar's arithmetic: weeks, day parts, lanes for overlaps, drag snapping, time labels. */
import { describe, expect, it } from 'vitest'
import { assignLanes, dragRange, fromLocalInput, layoutWeek, rangeLabel, toLocalInput, weekLabel, weekStart } from '../../renderer/features/bookings/week.ts'

const at = (d: number, h: number, m = 0): Date => new Date(2026, 11, d, h, m) // December 2026, local time
const iso = (d: number, h: number, m = 0): string => at(d, h, m).toISOString()
const booking = (id: string, from: string, to: string) => ({ id, from, to })

describe('weekStart', () => {
  it.each([
    ['a Monday', at(7, 15), at(7, 0)],
    ['a Wednesday', at(9, 8), at(7, 0)],
    ['a Sunday night', at(13, 23, 59), at(7, 0)],
    ['across a month', new Date(2026, 11, 2, 12), new Date(2026, 10, 30)],
  ])('of %s is that week’s Monday midnight', (_name, day, monday) => {
    expect(weekStart(day).getTime()).toBe(monday.getTime())
  })
})

describe('layoutWeek', () => {
  const monday = at(7, 0)
  it('places a booking in its day, in minutes from midnight', () => {
    const [p] = layoutWeek([booking('a', iso(8, 10), iso(8, 12, 30))], monday)
    expect(p).toMatchObject({ day: 1, startMin: 600, endMin: 750, lane: 0, lanes: 1, continuesBefore: false, continuesAfter: false })
  })
  it('splits a booking across midnight into a part per day', () => {
    const parts = layoutWeek([booking('a', iso(9, 22), iso(10, 2))], monday)
    expect(parts.map((p) => [p.day, p.startMin, p.endMin, p.continuesBefore, p.continuesAfter])).toEqual([[2, 1320, 1440, false, true], [3, 0, 120, true, false]])
  })
  it('leaves out bookings of other weeks, and clips those running into it', () => {
    const parts = layoutWeek([booking('before', iso(1, 9), iso(1, 10)), booking('into', iso(6, 20), iso(7, 3)), booking('after', iso(14, 0), iso(14, 1))], monday)
    expect(parts.map((p) => [p.booking.id, p.day, p.startMin, p.endMin])).toEqual([['into', 0, 0, 180]])
  })
  it('puts overlapping bookings side by side, and a later one alone at full width', () => {
    const parts = layoutWeek([
      booking('a', iso(8, 10), iso(8, 12)),
      booking('b', iso(8, 11), iso(8, 13)),
      booking('c', iso(8, 12), iso(8, 14)), // overlaps b only: reuses a's lane
      booking('d', iso(8, 15), iso(8, 16)),
    ], monday)
    const by = Object.fromEntries(parts.map((p) => [p.booking.id, [p.lane, p.lanes]]))
    expect(by).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] })
  })
  it('treats ranges as half-open: one ending as another starts takes no second lane', () => {
    const parts = layoutWeek([booking('a', iso(8, 10), iso(8, 11)), booking('b', iso(8, 11), iso(8, 12))], monday)
    expect(parts.map((p) => p.lanes)).toEqual([1, 1])
  })
})

describe('assignLanes', () => {
  it('uses as many lanes as bookings running at once', () => {
    const part = (id: string, s: number, e: number) => ({ booking: { id, from: '', to: '' }, startMin: s, endMin: e, lane: 0, lanes: 1 })
    const out = assignLanes([part('a', 0, 100), part('b', 10, 20), part('c', 15, 30), part('d', 25, 40)])
    expect(out.map((p) => [p.booking.id, p.lane, p.lanes])).toEqual([['a', 0, 3], ['b', 1, 3], ['c', 2, 3], ['d', 1, 3]])
  })
})

describe('dragRange', () => {
  it.each([
    ['a click: one slot', 605, 605, 600, 630],
    ['down to 11:40', 605, 700, 600, 720],
    ['upwards', 700, 605, 600, 720],
    ['past the end of the day', 1420, 2000, 1410, 1440],
    ['above the day', 30, -50, 0, 60],
  ])('%s', (_name, down, now, start, end) => {
    expect(dragRange(down, now)).toEqual({ startMin: start, endMin: end })
  })
})

describe('labels', () => {
  const now = at(8, 9).getTime()
  it.each([
    ['within a day', iso(8, 10), iso(8, 12), 'Tue 10:00–12:00'],
    ['ending at midnight', iso(8, 22), iso(9, 0), 'Tue 22:00–24:00'],
    ['across midnight', iso(8, 22), iso(9, 2), 'Tue 22:00 – Wed 02:00'],
    ['weeks away: with the date', iso(28, 10), iso(28, 11), 'Mon 28 Dec 10:00–11:00'],
  ])('a booking %s', (_name, from, to, text) => {
    expect(rangeLabel(from, to, now)).toBe(text)
  })
  it('names a week across months', () => {
    expect(weekLabel(new Date(2026, 10, 30))).toBe('30 Nov – 6 Dec 2026')
    expect(weekLabel(at(7, 0))).toBe('7 – 13 Dec 2026')
  })
  it('reads and writes datetime-local values, refusing days that are none', () => {
    expect(toLocalInput(at(8, 9, 30))).toBe('2026-12-08T09:30')
    expect(fromLocalInput('2026-12-08T09:30')?.getTime()).toBe(at(8, 9, 30).getTime())
    expect(fromLocalInput('2027-02-30T09:00')).toBeNull()
    expect(fromLocalInput('')).toBeNull()
  })
})
