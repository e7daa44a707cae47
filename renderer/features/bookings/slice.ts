/** The selected space's bookings. */
import type { BookingView } from '../../../shared/schemas/booking.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, type Loadable } from '../../store/loadable.ts'

export interface BookingsSlice {
  list: Loadable<BookingView[]>
  refresh(): Promise<void>
  /** Forgets the last space's data (another space was selected). */
  clear(): void
}

export const createBookingsSlice: SliceCreator<'bookings'> = ({ api }, get, patch) => {
  const order = latestWins()
  return {
    list: idle([]),
    clear: () => patch({ list: idle([]) }),
    refresh: async () => {
      const spaceId = get().spaces.selected
      if (!spaceId) return
      await load(() => get().bookings.list, (list) => { if (get().spaces.selected === spaceId) patch({ list }) }, order, async () => (await api.listBookings({ spaceId })).items)
    },
  }
}
