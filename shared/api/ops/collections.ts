/** Operations every registered collection has: the generic list and get. */
import { z } from 'zod'
import { defineOperation, onlyParams, schemaRef } from '../operation.ts'

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
