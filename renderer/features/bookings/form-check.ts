/** The booking form's own checks, before anything is sent: what the peer would refuse, said at the field. */
import { MAX_BOOKING_DAYS } from '../../../shared/schemas/booking.ts'
import { fromLocalInput } from './week.ts'

export interface Fields { resource: string; from: string; to: string; note: string }

/** What is wrong with the fields, by field, in words; empty when they can be sent. */
export function formErrors(f: Fields, now: number): Partial<Record<keyof Fields, string>> {
  const errors: Partial<Record<keyof Fields, string>> = {}
  if (!f.resource) errors.resource = 'Choose a tool or facility.'
  const from = fromLocalInput(f.from)
  const to = fromLocalInput(f.to)
  if (!from) errors.from = 'Enter a date and time.'
  if (!to) errors.to = 'Enter a date and time.'
  if (from && to) {
    if (to <= from) errors.to = 'Must be after From.'
    else if (to.getTime() <= now) errors.to = 'This time is over; choose one to come.'
    else if (to.getTime() - from.getTime() > MAX_BOOKING_DAYS * 86_400_000) errors.to = `A booking is at most ${MAX_BOOKING_DAYS} days long.`
  }
  if (f.note.length > 500) errors.note = 'At most 500 characters.'
  return errors
}
