/**
 * What this member may do with bookings, by the peer's own rules (electron/peer/domain/
 * bookings.ts), so the view offers only what the peer will take: booking needs write access to
 * the space's bookings; a booking may be cancelled by its booker, the resource's owner, or an
 * admin (founder or admin role) of the space.
 */
import type { SpaceSummary } from '../../../shared/api/peer-api.ts'
import { ALL_DOCS, Cmd } from '../../../shared/grants/grant-format.ts'
import type { BookingView } from '../../../shared/schemas/booking.ts'

const BOOKINGS = 'bookings'

export function mayBook(space: SpaceSummary | null): boolean {
  if (!space || space.role === 'guest') return false
  const { cmd, docs } = space.access
  if (cmd !== Cmd.All && cmd !== Cmd.Write) return false
  return docs.length === 0 || docs.includes(ALL_DOCS) || docs.includes(BOOKINGS)
}

export function isAdmin(space: SpaceSummary | null): boolean {
  return space !== null && (space.role === 'founder' || space.role === 'admin')
}

/** `owners` maps a resource's id to its owner's did. */
export function mayCancel(b: Pick<BookingView, 'by' | 'resource' | 'status'>, me: string | null, space: SpaceSummary | null, owners: ReadonlyMap<string, string>): boolean {
  if (b.status !== 'active' || !me || !mayBook(space)) return false
  return b.by === me || owners.get(b.resource) === me || isAdmin(space)
}
