/**
 * Bookings of tools and facilities, and pools of resources: what a member submits and what is
 * stored. A booking is an item of its own (the `bookings` collection), so two members booking
 * the same trailer offline both keep theirs; overlaps are found by `shared/resources/overlap.ts`
 * wherever bookings meet, never stored.
 */
import { z } from 'zod'
import { lineText, visibleText } from './text.ts'

/** The longest a booking may run. */
export const MAX_BOOKING_DAYS = 90

const time = (field: string) => z.iso.datetime({ offset: true, local: true, error: `${field} must be an ISO 8601 time, e.g. 2026-12-24T09:00 (local) or 2026-12-24T09:00Z` })

/** What a member submits to book a resource (API body; the CLI's --from/--to/--note). */
export const BookingInputSchema = z.strictObject({
  /** The resource's id, or a unique start of it. */
  resource: z.string().trim().min(1, 'resource is required').max(64, 'resource is an item id'),
  from: time('from'),
  to: time('to'),
  note: lineText('note', 500).optional(),
})
export type BookingInput = z.infer<typeof BookingInputSchema>

export const BookingStatus = { Active: 'active', Cancelled: 'cancelled' } as const
export type BookingStatus = (typeof BookingStatus)[keyof typeof BookingStatus]

/** A booking as stored. */
export const BookingSchema = z.object({
  id: z.string().min(1).max(64),
  resource: z.string().min(1).max(64),
  /** ISO times, UTC; `from` < `to`. */
  from: z.string().max(64),
  to: z.string().max(64),
  by: z.string().min(1).max(200),
  note: z.string().max(500).optional(),
  status: z.enum([BookingStatus.Active, BookingStatus.Cancelled]),
  cancelledAt: z.string().max(64).optional(),
  cancelledBy: z.string().max(200).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deleted: z.boolean().optional(),
  schemaVersion: z.number().int().optional(),
})
export type Booking = z.infer<typeof BookingSchema>

/** A booking as the API shows it. */
export type BookingView = Booking & {
  byName: string | null
  resourceTitle: string | null
  /** Ids of the other active bookings of the same resource whose time overlaps this one's. */
  conflicts: string[]
  /** Set on the answer to a cancel of a booking that was cancelled before: nothing changed. */
  alreadyCancelled?: boolean
}

/** What a member submits to make a pool. */
export const PoolInputSchema = z.strictObject({
  name: visibleText('name', 100),
  description: z.string().max(2000, 'description is at most 2000 characters').optional(),
})
export type PoolInput = z.infer<typeof PoolInputSchema>

/** A pool: a named set of resources ("the tool library", "the van share"). */
export const PoolSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  description: z.string().max(2000),
  owner: z.string().min(1).max(200),
  createdAt: z.string(),
  updatedAt: z.string(),
  deleted: z.boolean().optional(),
  schemaVersion: z.number().int().optional(),
})
export type Pool = z.infer<typeof PoolSchema>

export type PoolView = Pool & {
  /** Resources listed in it now (open or not, not deleted). */
  resources: number
}
