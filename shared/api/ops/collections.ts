/**
 * Operations on collections: the generic list and get every registered collection has, and
 * the resource operations (the first collection's own).
 */
import { z } from 'zod'
import { resources } from '../../collections/resources.ts'
import { ResourceInputSchema } from '../../schemas/resource.ts'
import { arrayOf, defineOperation, inSpace, onlyParams, schemaRef } from '../operation.ts'

const ListItemsQuery = z.strictObject({
  limit: z.coerce.number().int('limit must be a whole number').min(1, 'limit is at least 1').max(1000, 'limit is at most 1000').optional(),
  offset: z.coerce.number().int('offset must be a whole number').min(0, 'offset is at least 0').optional(),
  includeDeleted: z.enum(['true', 'false'], { error: 'includeDeleted is true or false' }).transform((v) => v === 'true').optional(),
})

export const listItems = defineOperation({
  op: 'listItems', summary: 'Items of any collection of a space, oldest first, a page at a time (deleted ones only with includeDeleted=true)',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/collections/:collection/items', status: 200 }, body: null, query: ListItemsQuery,
  input: (p, q) => ({ ...p, ...(q as object) }),
  response: schemaRef('ItemPage'), needs: { scope: 'space', cmd: 'read', collection: { param: 'collection' } },
  cli: {
    path: ['collection', 'list'], args: [['SPACE', 'spaceId'], ['COLLECTION', 'collection']],
    flags: { limit: { parse: 'int' }, offset: { parse: 'int' }, deleted: { field: 'includeDeleted', boolean: true } },
    usage: 'commonweave collection list SPACE COLLECTION [--limit N] [--offset N] [--deleted]',
    summary: 'the items of any collection of a space, as stored',
  },
})

export const getItem = defineOperation({
  op: 'getItem', summary: 'One item of any collection of a space, by id or a unique start of it',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/collections/:collection/items/:itemId', status: 200 }, body: null, input: onlyParams,
  response: { type: 'object', description: 'The item, as its collection\'s schema describes it' },
  needs: { scope: 'space', cmd: 'read', collection: { param: 'collection' } },
  cli: {
    path: ['collection', 'get'], args: [['SPACE', 'spaceId'], ['COLLECTION', 'collection'], ['ID', 'itemId']],
    usage: 'commonweave collection get SPACE COLLECTION ID', summary: 'one item of any collection of a space',
  },
})

export const listResources = defineOperation({
  op: 'listResources', summary: 'Resources of a space',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/resources', status: 200 }, body: null, input: onlyParams,
  response: arrayOf(schemaRef('Resource')), needs: { scope: 'space', cmd: 'read', collection: resources.name },
  cli: { path: ['resource', 'list'], args: [['SPACE', 'spaceId']], usage: 'commonweave resource list SPACE', summary: 'the resources of a space' },
})

export const addResource = defineOperation({
  op: 'addResource', summary: 'Add an offer, need, tool, facility or skill to a space',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/resources', status: 201 }, body: ResourceInputSchema, input: inSpace,
  response: schemaRef('Resource'), needs: { scope: 'space', cmd: 'write', collection: resources.name },
  cli: {
    path: ['resource', 'add'], args: [['SPACE', 'spaceId']],
    flags: { kind: {}, title: {}, description: {}, tags: { parse: 'list' } },
    required: ['kind', 'title'],
    usage: 'commonweave resource add SPACE --kind offer|need|tool|facility|skill --title T [--description D] [--tags a,b]',
    summary: 'post an offer, need, tool, facility or skill',
  },
})
