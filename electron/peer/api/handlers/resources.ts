/** Handlers of the resources feature: resources, pools and bookings. */
import type { Bookings } from '../../domain/bookings.ts'
import type { Pools } from '../../domain/pools.ts'
import type { Resources } from '../../domain/resources.ts'
import type { CallContext } from '../../../../shared/api/peer-api.ts'
import type { Handlers } from '../call.ts'

/** The agent making a call, by name: it changes only its member's own items, never with the member's admin powers. */
const agentOf = (ctx: CallContext): string | undefined => (ctx.principal.kind === 'agent' ? ctx.principal.name : undefined)

type ResourceOps = 'addResource' | 'listResources' | 'getResource' | 'editResource' | 'deleteResource' | 'createPool' | 'listPools' | 'book' | 'listBookings' | 'cancelBooking'

export function resourceHandlers(d: { resources: Resources; pools: Pools; bookings: Bookings }): Pick<Handlers, ResourceOps> {
  return {
    addResource: async (_ctx, { spaceId, ...rest }) => d.resources.add(spaceId, rest),
    listResources: async (_ctx, { spaceId, ...filter }) => d.resources.list(spaceId, filter),
    getResource: async (_ctx, input) => d.resources.get(input.spaceId, input.resourceId),
    editResource: async (ctx, { spaceId, resourceId, ...edit }) => d.resources.edit(spaceId, resourceId, edit, agentOf(ctx)),
    deleteResource: async (ctx, input) => d.resources.delete(input.spaceId, input.resourceId, agentOf(ctx)),
    createPool: async (_ctx, { spaceId, ...rest }) => d.pools.create(spaceId, rest),
    listPools: async (_ctx, input) => d.pools.list(input.spaceId),
    book: async (_ctx, { spaceId, ...rest }) => d.bookings.book(spaceId, rest),
    listBookings: async (_ctx, { spaceId, ...filter }) => d.bookings.list(spaceId, filter),
    cancelBooking: async (ctx, input) => d.bookings.cancel(input.spaceId, input.bookingId, agentOf(ctx)),
  }
}
