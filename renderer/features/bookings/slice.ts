/** The selected space's bookings, and booking, cancelling and moving one. */
import type { BookingView } from '../../../shared/schemas/booking.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, words, type Loadable } from '../../store/loadable.ts'
import { rangeLabel } from './week.ts'

export interface BookRequest {
  resource: string
  /** ISO times with their zone (the page's local time, sent as UTC). */
  from: string
  to: string
  note?: string
}

export interface BookingsSlice {
  list: Loadable<BookingView[]>
  refresh(): Promise<void>
  /** Forgets the last space's data (another space was selected). */
  clear(): void
  /** Resolves with the new booking, or null when the peer refused it (the user was told why). */
  book(req: BookRequest): Promise<BookingView | null>
  cancel(booking: BookingView): Promise<boolean>
  /**
   * There is no "move" in the API: the new time is booked first, then the old booking is
   * cancelled, so a failure in between leaves both (said so), never neither.
   */
  move(old: BookingView, req: BookRequest): Promise<BookingView | null>
}

const overlapNote = (b: BookingView): string =>
  b.conflicts.length > 0 ? ` It clashes with ${b.conflicts.length === 1 ? 'another booking' : `${b.conflicts.length} other bookings`}: see Conflicts.` : ''

export const createBookingsSlice: SliceCreator<'bookings'> = ({ api, notify }, get, patch) => {
  const order = latestWins()
  const spaceId = (): SpaceId | null => get().spaces.selected
  const refresh = async (): Promise<void> => {
    const id = spaceId()
    if (!id) return
    await load(() => get().bookings.list, (list) => { if (get().spaces.selected === id) patch({ list }) }, order, async () => (await api.listBookings({ spaceId: id })).items)
  }
  const put = async (req: BookRequest, id = spaceId()): Promise<BookingView> => {
    if (!id) throw new Error('No space is selected.')
    return api.book({ spaceId: id, resource: req.resource, from: req.from, to: req.to, ...(req.note ? { note: req.note } : {}) })
  }
  return {
    list: idle([]),
    clear: () => patch({ list: idle([]) }),
    refresh,
    book: async (req) => {
      try {
        const b = await put(req)
        notify({ kind: b.conflicts.length > 0 ? 'info' : 'done', message: `Booked ${b.resourceTitle ?? 'it'} for ${rangeLabel(b.from, b.to)}.${overlapNote(b)}` })
        void refresh()
        return b
      } catch (err) {
        notify({ kind: 'error', title: 'Could not book', message: words(err) })
        return null
      }
    },
    cancel: async (booking) => {
      const id = spaceId()
      if (!id) return false
      try {
        await api.cancelBooking({ spaceId: id, bookingId: booking.id })
        notify({ kind: 'done', message: `Cancelled the booking of ${booking.resourceTitle ?? 'it'} for ${rangeLabel(booking.from, booking.to)}.` })
        void refresh()
        return true
      } catch (err) {
        notify({ kind: 'error', title: 'Could not cancel the booking', message: words(err) })
        return false
      }
    },
    move: async (old, req) => {
      // Both steps in the space the move began in, even if the user switches meanwhile.
      const id = spaceId()
      let made: BookingView
      try {
        made = await put(req, id)
      } catch (err) {
        notify({ kind: 'error', title: 'Could not move the booking', message: `${words(err)} The booking for ${rangeLabel(old.from, old.to)} is unchanged.` })
        return null
      }
      try {
        if (!id) throw new Error('No space is selected.')
        await api.cancelBooking({ spaceId: id, bookingId: old.id })
        notify({ kind: made.conflicts.length > 0 ? 'info' : 'done', message: `Moved to ${rangeLabel(made.from, made.to)}.${overlapNote(made)}` })
      } catch (err) {
        notify({ kind: 'error', title: 'Booked the new time, but the old booking stays', message: `${words(err)} Cancel the booking for ${rangeLabel(old.from, old.to)} yourself.` })
      }
      void refresh()
      return made
    },
  }
}
