/**
 * What every part of the Bookings view reads besides the bookings: who I am, the space (for
 * what I may do), the tools and facilities, their owners, and members' names. Each value is
 * selected on its own and derived with `useMemo`, so a view re-renders only when one changes.
 */
import { useMemo } from 'react'
import type { SpaceSummary } from '../../../shared/api/peer-api.ts'
import type { BookingView } from '../../../shared/schemas/booking.ts'
import { BOOKABLE_KINDS, type ResourceView } from '../../../shared/schemas/resource.ts'
import { useApp } from '../../store/use-app.tsx'
import { selectedSpace } from '../spaces/slice.ts'
import { holderName } from './conflicts.ts'
import { mayBook, mayCancel } from './may.ts'

export interface BookingContext {
  me: string | null
  space: SpaceSummary | null
  /** Tools and facilities of the space (closed ones too: their bookings still show), by title. */
  bookable: ResourceView[]
  canBook: boolean
  nameOf(did: string, fallback: string | null): string
  titleOf(b: BookingView): string
  mayCancel(b: BookingView): boolean
}

export function useBookingContext(): BookingContext {
  const me = useApp((s) => s.connection.status?.did ?? null)
  const space = useApp(selectedSpace)
  const resources = useApp((s) => s.resources.list.value)
  const members = useApp((s) => s.members.list.value)
  return useMemo(() => {
    const bookable = resources.filter((r) => BOOKABLE_KINDS.includes(r.kind) && r.deleted !== true)
      .sort((a, b) => a.title.localeCompare(b.title))
    const owners = new Map(resources.map((r) => [r.id, r.owner]))
    const titles = new Map(resources.map((r) => [r.id, r.title]))
    const names = new Map(members.map((m) => [m.did as string, m.name]))
    return {
      me, space, bookable, canBook: mayBook(space),
      nameOf: (did, fallback) => holderName(names, did, fallback),
      titleOf: (b) => titles.get(b.resource) ?? b.resourceTitle ?? 'a resource no longer listed',
      mayCancel: (b) => mayCancel(b, me, space, owners),
    }
  }, [me, space, resources, members])
}
