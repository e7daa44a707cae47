/**
 * Operations on a space's resources, pools and bookings (DESIGN.md "Resources and bookings"):
 * add, list with filters, show, edit, delete; pools; book, list bookings, cancel one.
 */
import { z } from 'zod'
import { resources } from '../../collections/resources.ts'
import { pools } from '../../collections/pools.ts'
import { bookings } from '../../collections/bookings.ts'
import { BookingInputSchema, PoolInputSchema } from '../../schemas/booking.ts'
import { KindSchema, ResourceEditSchema, ResourceInputSchema, StatusSchema } from '../../schemas/resource.ts'
import { defineOperation, inSpace, onlyParams, queryFlag, schemaRef, type CliFlag, type RouteParams } from '../operation.ts'

const flag = queryFlag

const ListResourcesQuery = z.strictObject({
  kind: KindSchema.optional(),
  status: StatusSchema.optional(),
  tag: z.string().trim().min(1, 'tag cannot be empty').max(40, 'a tag is at most 40 characters').optional(),
  pool: z.string().trim().min(1, 'pool cannot be empty').max(200, 'pool is at most 200 characters').optional(),
  mine: flag('mine'),
  all: flag('all'),
  limit: z.coerce.number().int('limit must be a whole number').min(1, 'limit is at least 1').max(1000, 'limit is at most 1000').optional(),
  offset: z.coerce.number().int('offset must be a whole number').min(0, 'offset is at least 0').optional(),
})

const ListBookingsQuery = z.strictObject({
  resource: z.string().trim().min(1, 'resource cannot be empty').max(64, 'resource is an item id').optional(),
  all: flag('all'),
})

/** The CLI flags `resource add` and `resource edit` share. */
const RESOURCE_FIELD_FLAGS: Record<string, CliFlag> = {
  title: {}, description: {}, tags: { parse: 'list' }, quantity: { parse: 'int' }, expires: { field: 'expiresInSeconds', parse: 'duration' },
}

const withParams = (p: RouteParams, q: unknown): unknown => ({ ...(q as object), ...p })

export const addResource = defineOperation({
  op: 'addResource', summary: 'Add an offer, need, tool, facility or skill to a space',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/resources', status: 201 }, body: ResourceInputSchema, input: inSpace,
  response: schemaRef('Resource'), needs: { scope: 'space', cmd: 'write', collection: resources.name },
  cli: {
    path: ['resource', 'add'], args: [['SPACE', 'spaceId']],
    flags: { kind: {}, ...RESOURCE_FIELD_FLAGS, location: {}, availability: {}, pool: {} },
    required: ['kind', 'title'],
    usage: 'commonweave resource add SPACE --kind offer|need|tool|facility|skill --title T [--description D] [--tags a,b] [--quantity N] [--location TEXT] [--availability TEXT] [--expires 30d] [--pool POOL]',
    summary: 'post an offer, need, tool, facility or skill',
    notes: '--expires is for offers and needs only (a tool, facility or skill stays until closed). --pool takes a pool\'s name or id ("pool list").',
  },
  mcp: {
    tool: 'add_resource',
    description: 'Post a new resource for the community: `kind` (offer, need, tool, facility or skill) and `title` are required; add a `description`, `tags`, `quantity`, `location`, `availability`, and for offers and needs `expiresInSeconds`. It is posted in the name of the member who added this agent. Only post what a member asked for.',
  },
})

export const listResources = defineOperation({
  op: 'listResources', summary: 'Resources of a space, oldest first: open and matched ones that have not expired, unless all=true; never deleted ones',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/resources', status: 200 }, body: null, query: ListResourcesQuery, input: withParams,
  response: schemaRef('ResourcePage'), needs: { scope: 'space', cmd: 'read', collection: resources.name },
  cli: {
    path: ['resource', 'list'], args: [['SPACE', 'spaceId']],
    flags: { kind: {}, status: {}, tag: {}, pool: {}, mine: { boolean: true }, all: { boolean: true }, limit: { parse: 'int' }, offset: { parse: 'int' } },
    usage: 'commonweave resource list SPACE [--kind K] [--status open|matched|closed] [--tag T] [--pool POOL] [--mine] [--all] [--limit N] [--offset N]',
    summary: 'the resources of a space',
    notes: 'Expired and closed items are listed only with --all (or --status closed); deleted ones never.',
  },
  mcp: {
    tool: 'list_resources',
    description: 'List the community\'s resources: offers, needs, tools, facilities and skills, oldest first. By default only open and matched ones that have not expired; `all: true` includes closed and expired ones. Filter with `kind` (offer, need, tool, facility, skill), `status`, `tag` or `pool`; page with `limit` and `offset`. Each item has its id, title, description, tags, owner, location, availability, quantity and expiry.',
  },
})

export const getResource = defineOperation({
  op: 'getResource', summary: 'One resource, by id or a unique start of it',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/resources/:resourceId', status: 200 }, body: null, input: onlyParams,
  response: schemaRef('Resource'), needs: { scope: 'space', cmd: 'read', collection: resources.name },
  cli: { path: ['resource', 'show'], args: [['SPACE', 'spaceId'], ['ID', 'resourceId']], usage: 'commonweave resource show SPACE ID', summary: 'every field of one resource' },
  mcp: {
    tool: 'get_resource',
    description: 'Every field of one resource (offer, need, tool, facility or skill): its title, description, tags, owner and owner\'s name, location, availability, quantity, status and expiry. `resourceId` is its id or a unique start of it, as list_resources, search and match give them.',
  },
})

export const editResource = defineOperation({
  op: 'editResource', summary: 'Change some fields of a resource (its owner, an admin or the founder); null clears an optional field',
  http: { method: 'PATCH', path: '/v1/spaces/:spaceId/resources/:resourceId', status: 200 }, body: ResourceEditSchema,
  input: (p, body) => ({ ...(body as object), ...p }),
  response: schemaRef('Resource'), needs: { scope: 'space', cmd: 'write', collection: resources.name },
  cli: {
    path: ['resource', 'edit'], args: [['SPACE', 'spaceId'], ['ID', 'resourceId']],
    // An empty value clears these on an edit.
    flags: { ...RESOURCE_FIELD_FLAGS, location: { parse: 'clearable' }, availability: { parse: 'clearable' }, pool: { parse: 'clearable' }, status: {} },
    usage: 'commonweave resource edit SPACE ID [--title T] [--description D] [--tags a,b] [--quantity N] [--location TEXT] [--availability TEXT] [--pool POOL] [--expires 30d] [--status open|matched|closed]',
    summary: 'change, close or reopen a resource',
    notes: 'Only the fields given change. An empty --location, --availability or --pool removes it; an empty --description or --tags empties it. Closing: --status closed. Clearing an expiry is through the API (expiresAt: null).',
  },
})

export const deleteResource = defineOperation({
  op: 'deleteResource', summary: 'Delete a resource (its owner, an admin or the founder): a tombstone that syncs',
  http: { method: 'DELETE', path: '/v1/spaces/:spaceId/resources/:resourceId', status: 200 }, body: null, input: onlyParams,
  response: { type: 'object', properties: { id: { type: 'string' }, deleted: { type: 'boolean' } }, required: ['id', 'deleted'] },
  needs: { scope: 'space', cmd: 'write', collection: resources.name },
  cli: { path: ['resource', 'delete'], args: [['SPACE', 'spaceId'], ['ID', 'resourceId']], usage: 'commonweave resource delete SPACE ID', summary: 'delete a resource everywhere' },
})

export const createPool = defineOperation({
  op: 'createPool', summary: 'Make a pool: a named set of resources ("the tool library")',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/pools', status: 201 }, body: PoolInputSchema, input: inSpace,
  response: schemaRef('Pool'), needs: { scope: 'space', cmd: 'write', collection: pools.name },
  cli: {
    path: ['pool', 'create'], args: [['SPACE', 'spaceId'], ['NAME', 'name']], flags: { description: {} },
    usage: 'commonweave pool create SPACE NAME [--description D]', summary: 'make a pool of resources',
  },
})

export const listPools = defineOperation({
  op: 'listPools', summary: 'The pools of a space, by name, with how many resources each holds',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/pools', status: 200 }, body: null, input: onlyParams,
  response: schemaRef('PoolList'), needs: { scope: 'space', cmd: 'read', collection: pools.name },
  cli: { path: ['pool', 'list'], args: [['SPACE', 'spaceId']], usage: 'commonweave pool list SPACE', summary: 'the pools of a space' },
})

export const book = defineOperation({
  op: 'book', summary: 'Book a tool or facility for a time; an overlap with another booking is answered in conflicts, not refused',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/bookings', status: 201 }, body: BookingInputSchema, input: inSpace,
  response: schemaRef('Booking'), needs: { scope: 'space', cmd: 'write', collection: bookings.name },
  cli: {
    path: ['book'], args: [['SPACE', 'spaceId'], ['RESOURCE_ID', 'resource']],
    flags: { from: { parse: 'time' }, to: { parse: 'time' }, note: {} }, required: ['from', 'to'],
    usage: 'commonweave book SPACE RESOURCE_ID --from TIME --to TIME [--note T]',
    summary: 'book a tool or facility',
    notes: 'Times are ISO 8601, in local time unless a zone is given: 2026-12-24T09:00. At most 90 days.',
  },
})

export const listBookings = defineOperation({
  op: 'listBookings', summary: 'Bookings of a space (or of one resource) by start time, each naming the bookings it overlaps',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/bookings', status: 200 }, body: null, query: ListBookingsQuery, input: withParams,
  response: schemaRef('BookingList'), needs: { scope: 'space', cmd: 'read', collection: bookings.name },
  cli: {
    path: ['bookings'], args: [['SPACE', 'spaceId']], flags: { resource: {}, all: { boolean: true } },
    usage: 'commonweave bookings SPACE [--resource ID] [--all]', summary: 'bookings and their conflicts',
    notes: 'Cancelled bookings only with --all.',
  },
})

export const cancelBooking = defineOperation({
  op: 'cancelBooking', summary: 'Cancel a booking (the booker, the resource\'s owner or an admin); its conflicts clear everywhere',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/bookings/:bookingId/cancel', status: 200 }, body: z.strictObject({}), input: onlyParams,
  response: schemaRef('Booking'), needs: { scope: 'space', cmd: 'write', collection: bookings.name },
  cli: { path: ['booking', 'cancel'], args: [['SPACE', 'spaceId'], ['BOOKING_ID', 'bookingId']], usage: 'commonweave booking cancel SPACE BOOKING_ID', summary: 'cancel a booking' },
})
