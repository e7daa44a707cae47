import { describe, expect, it } from 'vitest'
import { BookingInputSchema, PoolInputSchema } from '../../../shared/schemas/booking.ts'
import { ResourceEditSchema, ResourceInputSchema } from '../../../shared/schemas/resource.ts'
import { SpaceNameSchema } from '../../../shared/schemas/space.ts'
import { hasVisibleChar } from '../../../shared/schemas/text.ts'

/** Titles and names with nothing to see, and ones that steer a terminal or reorder text. */
const INVISIBLE = ['\u200b\u200b', '\u202e', '\u2066\u2069', '\u3164', '\u115f', '\u2800', '\u00ad', '\u0301', '\ufe0f', ' \u200d ']
const STEERING = ['Ladder\x1b[2J', 'a\rb', 'a\nforged line', 'bell\x07', 'del\x7f', 'c1\x9b31m', 'Ladder \u202egnp.exe', 'tab\there']

describe('titles and names need something visible and no control characters', () => {
  const fields: Array<[string, (v: string) => unknown]> = [
    ['resource title', (title) => ResourceInputSchema.safeParse({ kind: 'tool', title }).success],
    ['edited title', (title) => ResourceEditSchema.safeParse({ title }).success],
    ['pool name', (name) => PoolInputSchema.safeParse({ name }).success],
    ['space name', (name) => SpaceNameSchema.safeParse(name).success],
  ]
  it.each(fields)('%s: refused when invisible or steering', (_field, ok) => {
    for (const text of [...INVISIBLE, ...STEERING]) expect(ok(text), JSON.stringify(text)).toBe(false)
  })
  it.each(fields)('%s: taken in any script, with joiners and emoji', (_field, ok) => {
    for (const text of ['Ladder', 'Café', '園芸', 'حديقة', '👩‍🔧 Repair café', 'मदद']) expect(ok(text), text).toBe(true)
  })

  it('a booking note, a location and availability are one line of plain text (empty allowed)', () => {
    const booking = { resource: 'abcd', from: '2027-01-01T09:00:00Z', to: '2027-01-01T10:00:00Z' }
    expect(BookingInputSchema.safeParse({ ...booking, note: 'Allotment run' }).success).toBe(true)
    expect(BookingInputSchema.safeParse({ ...booking, note: 'a\x1b]0;x\x07' }).success).toBe(false)
    expect(ResourceInputSchema.safeParse({ kind: 'tool', title: 'T', location: 'Hall\r\nforged' }).success).toBe(false)
    expect(ResourceEditSchema.safeParse({ availability: 'Sun\u2028days' }).success).toBe(false)
    expect(ResourceEditSchema.safeParse({ location: '' }).success).toBe(true)
  })

  it('hasVisibleChar', () => {
    expect(INVISIBLE.map(hasVisibleChar)).toEqual(INVISIBLE.map(() => false))
    expect(['x', '\u200bx', '·', '0'].map(hasVisibleChar)).toEqual([true, true, true, true])
  })
})
