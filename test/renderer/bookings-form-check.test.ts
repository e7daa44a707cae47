/** The booking form says at the field what the peer would refuse, before sending it. */
import { describe, expect, it } from 'vitest'
import { formErrors } from '../../renderer/features/bookings/form-check.ts'

const now = new Date(2026, 11, 8, 9, 0).getTime()
const ok = { resource: 'r1', from: '2026-12-08T10:00', to: '2026-12-08T12:00', note: '' }

describe('formErrors', () => {
  it('has nothing to say about a good booking', () => {
    expect(formErrors(ok, now)).toEqual({})
  })
  it.each([
    ['no resource', { resource: '' }, 'resource', 'Choose a tool or facility.'],
    ['no start', { from: '' }, 'from', 'Enter a date and time.'],
    ['an end before the start', { to: '2026-12-08T09:30' }, 'to', 'Must be after From.'],
    ['an end equal to the start', { to: '2026-12-08T10:00' }, 'to', 'Must be after From.'],
    ['a time already over', { from: '2026-12-07T10:00', to: '2026-12-07T12:00' }, 'to', 'This time is over; choose one to come.'],
    ['more than 90 days', { to: '2027-03-09T10:00' }, 'to', 'A booking is at most 90 days long.'],
    ['a long note', { note: 'x'.repeat(501) }, 'note', 'At most 500 characters.'],
  ])('explains %s', (_name, change, field, message) => {
    expect(formErrors({ ...ok, ...change }, now)).toEqual({ [field]: message })
  })
  it('lets a booking already under way be moved to end later', () => {
    expect(formErrors({ ...ok, from: '2026-12-08T08:00', to: '2026-12-08T10:00' }, now)).toEqual({})
  })
})
