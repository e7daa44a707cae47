/** Bookings of tools and facilities: each its own item, so concurrent bookings both survive. */
import { BookingSchema, type Booking } from '../schemas/booking.ts'
import { byFill, defineCollection } from './define.ts'

export const bookings = defineCollection<Booking>({
  name: 'bookings',
  label: 'Bookings',
  version: 1,
  item: BookingSchema,
  shard: byFill(128),
})
