/** The resources feature of `PeerApi`: resources, pools and bookings of a space. */
import type { SpaceId } from '../ids.ts'
import type { BookingInput, BookingView, PoolInput, PoolView } from '../schemas/booking.ts'
import type { ResourceEdit, ResourceInput, ResourceKind, ResourceStatus, ResourceView } from '../schemas/resource.ts'

/** `spaceId` may be a space's id or its name, where that name is unique among this peer's spaces. */
export interface InSpace { spaceId: SpaceId }

export interface AddResourceInput extends ResourceInput, InSpace {}
export interface ListResourcesInput extends InSpace {
  kind?: ResourceKind
  status?: ResourceStatus
  tag?: string
  /** A pool's name or id. */
  pool?: string
  mine?: boolean
  /** Closed and expired ones too. */
  all?: boolean
  limit?: number
  offset?: number
}
export interface ResourcePage {
  items: ResourceView[]
  /** Resources matching, before paging. */
  total: number
  /** Documents of the collection that have not reached this peer yet. */
  syncing: number
}
/** `resourceId` may be a unique start of the id. */
export interface ResourceRef extends InSpace { resourceId: string }
export interface EditResourceInput extends ResourceEdit, ResourceRef {}
export interface CreatePoolInput extends PoolInput, InSpace {}
export interface BookInput extends BookingInput, InSpace {}
export interface ListBookingsInput extends InSpace { resource?: string; all?: boolean }
export interface BookingRef extends InSpace { bookingId: string }

export interface ResourcesApi {
  /** Resolves only after the new resource is flushed to disk. */
  addResource(input: AddResourceInput): Promise<ResourceView>
  listResources(input: ListResourcesInput): Promise<ResourcePage>
  getResource(input: ResourceRef): Promise<ResourceView>
  /** The owner, an admin or the founder only; only the fields given change. */
  editResource(input: EditResourceInput): Promise<ResourceView>
  deleteResource(input: ResourceRef): Promise<{ id: string; deleted: true }>
  createPool(input: CreatePoolInput): Promise<PoolView>
  listPools(input: InSpace): Promise<{ items: PoolView[] }>
  /** Made even when it overlaps another booking: the answer's `conflicts` names them. */
  book(input: BookInput): Promise<BookingView>
  listBookings(input: ListBookingsInput): Promise<{ items: BookingView[]; total: number }>
  cancelBooking(input: BookingRef): Promise<BookingView>
}
