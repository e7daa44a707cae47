/**
 * Bookings of a space's tools and facilities. A booking is an item of its own, so two members
 * booking one trailer while apart both keep theirs; conflicts are worked out by the pure
 * `findConflicts` over the bookings this peer holds, whenever they are shown (after a merge
 * too), and never stored: cancelling one clears the conflict on every peer that hears of it.
 *
 * Invariants:
 * - a booking is of a tool or facility that exists, is not deleted and is not closed; its
 *   range is `from` < `to`, at most MAX_BOOKING_DAYS long, ending after now; times are kept
 *   in UTC;
 * - bookings of a resource deleted since no longer conflict, and are listed only with `all`;
 * - a booking that overlaps another is still made (the other may be cancelled, or the two may
 *   agree to share): both are kept and each names the other in `conflicts`;
 * - the booker, the resource's owner or an admin may cancel a booking; an agent acting for
 *   the member only one the member made; a cancelled booking is kept (it is history) but
 *   never conflicts.
 */
import { randomUUID } from 'node:crypto'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { bookings } from '../../../shared/collections/bookings.ts'
import { resources } from '../../../shared/collections/resources.ts'
import { findConflicts } from '../../../shared/resources/overlap.ts'
import { BookingInputSchema, BookingStatus, MAX_BOOKING_DAYS, type Booking, type BookingView } from '../../../shared/schemas/booking.ts'
import { BOOKABLE_KINDS, ResourceStatus, type Resource } from '../../../shared/schemas/resource.ts'
import type { CollectionStore } from './collection-store.ts'
import { validated } from '../../../shared/validate.ts'
import type { ResourcesDeps } from './resources.ts'

/** A time from the API (ISO 8601, local to the peer when it names no zone), refused when its date is no day (2027-02-30). */
function timeOf(field: string, text: string): number {
  const at = Date.parse(text)
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number]
  if (Number.isNaN(at) || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) {
    throw new CommonweaveError(ErrorCode.ValidationFailed, `${field} "${text}" is not a time.`)
  }
  return at
}

export type BookingsDeps = Pick<ResourcesDeps, 'store' | 'me' | 'now' | 'isAdmin' | 'nameOf'>

export interface BookingFilter {
  /** A resource's id or the start of it. */
  resource?: string
  /** Cancelled ones too. */
  all?: boolean
}

export class Bookings {
  readonly #d: BookingsDeps

  constructor(deps: BookingsDeps) {
    this.#d = deps
  }

  get #store(): CollectionStore {
    return this.#d.store
  }

  /** Books a resource; resolves once the booking is on disk, with the bookings it overlaps. */
  async book(spaceId: SpaceId, input: unknown): Promise<BookingView> {
    const data = validated(BookingInputSchema, input)
    const resource = await this.#resource(spaceId, data.resource)
    if (!BOOKABLE_KINDS.includes(resource.kind)) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `"${resource.title}" is ${/^[aeiou]/.test(resource.kind) ? 'an' : 'a'} ${resource.kind}; only tools and facilities can be booked.`)
    }
    if (resource.status === ResourceStatus.Closed) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `"${resource.title}" is closed; its owner can reopen it ("resource edit … --status open").`)
    }
    const from = timeOf('from', data.from)
    const to = timeOf('to', data.to)
    if (!(from < to)) throw new CommonweaveError(ErrorCode.ValidationFailed, `A booking must end after it starts: from ${data.from} is not before to ${data.to}.`)
    if (to - from > MAX_BOOKING_DAYS * 86_400_000) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `A booking is at most ${MAX_BOOKING_DAYS} days long; this one is ${Math.ceil((to - from) / 86_400_000)} days.`)
    }
    if (to <= this.#d.now()) throw new CommonweaveError(ErrorCode.ValidationFailed, `This booking would end (${data.to}) before now; book a time to come.`)
    const at = new Date(this.#d.now()).toISOString()
    const booking: Booking = {
      id: randomUUID(), resource: resource.id, from: new Date(from).toISOString(), to: new Date(to).toISOString(), by: this.#d.me,
      ...(data.note ? { note: data.note } : {}), status: BookingStatus.Active, createdAt: at, updatedAt: at,
    }
    const stored = await this.#store.put(spaceId, bookings.name, booking)
    return (await this.#views(spaceId, [stored]))[0]!
  }

  /**
   * The bookings of a space (or of one resource), by start time, each with the bookings it
   * overlaps. Cancelled ones, and those of a deleted resource, only with `all`.
   */
  async list(spaceId: SpaceId, filter: BookingFilter = {}): Promise<{ items: BookingView[]; total: number }> {
    const resource = filter.resource !== undefined ? (await this.#resource(spaceId, filter.resource, true)).id : undefined
    const gone = await this.#deletedResources(spaceId)
    const { items } = await this.#store.list<Booking>(spaceId, bookings.name, {
      where: (b) => (resource === undefined || b.resource === resource) &&
        (filter.all === true || (b.status === BookingStatus.Active && !gone.has(b.resource))),
      compare: (a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.id < b.id ? -1 : 1),
    })
    return { items: await this.#views(spaceId, items, gone), total: items.length }
  }

  /**
   * Cancels a booking: the booker, the resource's owner or an admin only; an `agent` (its
   * name), only a booking its member made. Cancelling one already cancelled changes nothing.
   */
  async cancel(spaceId: SpaceId, idOrPrefix: string, agent?: string): Promise<BookingView> {
    const current = await this.#store.get<Booking>(spaceId, bookings.name, idOrPrefix)
    if (current.status === BookingStatus.Cancelled) return { ...(await this.#views(spaceId, [current]))[0]!, alreadyCancelled: true } as BookingView
    const owner = await this.#store.get<Resource>(spaceId, resources.name, current.resource, { includeDeleted: true }).then((r) => r.owner, () => undefined)
    const at = new Date(this.#d.now()).toISOString()
    const updated = await this.#store.update<Booking>(spaceId, bookings.name, current.id, { status: BookingStatus.Cancelled, cancelledAt: at, cancelledBy: this.#d.me }, (b) => {
      if (b.by === this.#d.me) return
      if (agent !== undefined) {
        const member = this.#d.nameOf(spaceId, this.#d.me) ?? 'its member'
        throw new CommonweaveError(ErrorCode.Forbidden, `${agent} is an agent: it may cancel only bookings ${member} made, and this one is ${this.#d.nameOf(spaceId, b.by) ?? b.by}'s.`)
      }
      if (owner === this.#d.me || this.#d.isAdmin(spaceId)) return
      throw new CommonweaveError(ErrorCode.Forbidden, `Only ${this.#d.nameOf(spaceId, b.by) ?? b.by}, who made this booking, the resource's owner or an admin of the space can cancel it.`)
    })
    return (await this.#views(spaceId, [updated]))[0]!
  }

  async #resource(spaceId: SpaceId, ref: string, includeDeleted = false): Promise<Resource> {
    const r = await this.#store.get<Resource>(spaceId, resources.name, ref, { includeDeleted: true })
    if (r.deleted && !includeDeleted) throw new CommonweaveError(ErrorCode.ValidationFailed, `"${r.title}" was deleted; it cannot be booked.`)
    return r
  }

  /** Resources of the space that were deleted: their bookings no longer count. */
  async #deletedResources(spaceId: SpaceId): Promise<Set<string>> {
    const { items } = await this.#store.list<Resource>(spaceId, resources.name, { includeDeleted: true, where: (r) => r.deleted === true, key: 'deleted' })
    return new Set(items.map((r) => r.id))
  }

  /** Shows bookings with names and the conflicts among every active booking this peer holds (of resources not deleted). */
  async #views(spaceId: SpaceId, shown: Booking[], deleted?: Set<string>): Promise<BookingView[]> {
    const resourceIds = new Set(shown.map((b) => b.resource))
    const gone = deleted ?? await this.#deletedResources(spaceId)
    const { items: all } = await this.#store.list<Booking>(spaceId, bookings.name, { where: (b) => resourceIds.has(b.resource) && !gone.has(b.resource) })
    const conflicts = findConflicts(all)
    const titles = new Map<string, string>()
    for (const id of resourceIds) {
      const r = await this.#store.get<Resource>(spaceId, resources.name, id, { includeDeleted: true }).catch(() => undefined)
      if (r) titles.set(id, r.title)
    }
    return shown.map((b) => ({ ...b, byName: this.#d.nameOf(spaceId, b.by), resourceTitle: titles.get(b.resource) ?? null, conflicts: conflicts.get(b.id) ?? [] }))
  }
}
