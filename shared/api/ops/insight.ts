/**
 * Coordination intelligence (DESIGN.md "Coordination intelligence"): need–offer matching,
 * gap reports, relationship suggestions, ecosystem health. Reads only; computed on this peer
 * over what it may read.
 */
import { z } from 'zod'
import { resources } from '../../collections/resources.ts'
import { defineOperation, queryFlag, schemaRef, type RouteParams } from '../operation.ts'

const withParams = (p: RouteParams, q: unknown): unknown => ({ ...(q as object), ...p })
const readResources = { scope: 'space', cmd: 'read', collection: resources.name } as const
/** Suggestions and health read the map and the members too: each part is kept only where the caller may read it. */
const readFiltered = { scope: 'space', cmd: 'read', collection: { filtered: true } } as const

const MatchQuery = z.strictObject({
  needId: z.string().trim().min(1, 'needId cannot be empty').max(64, 'needId is an item id or the start of one').optional(),
  across: queryFlag('across'),
  perNeed: z.coerce.number().int('perNeed must be a whole number').min(1, 'perNeed is at least 1').max(100, 'perNeed is at most 100').optional(),
  minScore: z.coerce.number().min(0, 'minScore is between 0 and 1').max(1, 'minScore is between 0 and 1').optional(),
})
const GapsQuery = z.strictObject({
  unmetAfterDays: z.coerce.number().int('unmetAfterDays must be a whole number of days').min(0, 'unmetAfterDays is at least 0').max(3650, 'unmetAfterDays is at most 3650').optional(),
  unusedAfterDays: z.coerce.number().int('unusedAfterDays must be a whole number of days').min(0, 'unusedAfterDays is at least 0').max(3650, 'unusedAfterDays is at most 3650').optional(),
})
const SuggestQuery = z.strictObject({
  limit: z.coerce.number().int('limit must be a whole number').min(1, 'limit is at least 1').max(500, 'limit is at most 500').optional(),
})

export const match = defineOperation({
  op: 'match', summary: 'Each open need of a space against open offers, tools, facilities and skills, ranked, each match with its reasons',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/match', status: 200 }, body: null, query: MatchQuery, input: withParams,
  response: schemaRef('MatchResult'), needs: readResources,
  cli: {
    path: ['match'], args: [['SPACE', 'spaceId']],
    flags: { need: { field: 'needId' }, across: { boolean: true }, 'per-need': { field: 'perNeed', parse: 'int' }, 'min-score': { field: 'minScore' } },
    usage: 'commonweave match SPACE [--need ID] [--across] [--per-need N]',
    summary: 'which offers could meet which needs, and why',
    notes: '--across also matches against the offers of spaces that shared them with this peer for matching; each match names its space.',
  },
  mcp: {
    tool: 'match',
    description: 'Find which offers, tools, facilities and skills of this community could meet its open needs. Returns matches ranked by score (0..1), each with `reasons` (shared tags, words, location, availability, quantity, expiry) you can quote to a person. Pass `needId` to match a single need (get ids from list_resources with kind "need").',
  },
})

export const gaps = defineOperation({
  op: 'gaps', summary: 'What goes unmet or unused: unmet needs, unused offers, items expiring within 7 days, booking conflicts, isolated map nodes',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/gaps', status: 200 }, body: null, query: GapsQuery, input: withParams,
  response: schemaRef('GapsResult'), needs: readResources,
  cli: {
    path: ['gaps'], args: [['SPACE', 'spaceId']], flags: { 'unmet-after': { field: 'unmetAfterDays', parse: 'int' }, 'unused-after': { field: 'unusedAfterDays', parse: 'int' } },
    usage: 'commonweave gaps SPACE [--unmet-after DAYS] [--unused-after DAYS]', summary: 'unmet needs, unused offers, what expires soon, booking conflicts, isolated map nodes',
  },
  mcp: {
    tool: 'gaps',
    description: 'Report what this community is missing or not using: open needs with no good match after some days, offers nobody has taken up, offers and needs expiring within 7 days, double-booked tools or rooms, and map nodes with no links. Each entry says why it is listed. Use it to suggest what a coordinator should follow up. Parts your grant does not let you read (bookings, the map) are listed in `unavailable`: their sections are empty because unread, so never report them as "none".',
  },
})

export const suggest = defineOperation({
  op: 'suggest', summary: 'Pairs of map nodes or members who are not linked but share neighbours, tags or a matching need and offer, with reasons',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/suggestions', status: 200 }, body: null, query: SuggestQuery, input: withParams,
  response: schemaRef('SuggestResult'), needs: readFiltered,
  cli: { path: ['suggest'], args: [['SPACE', 'spaceId']], flags: { limit: { parse: 'int' } }, usage: 'commonweave suggest SPACE [--limit N]', summary: 'who should meet whom, and why' },
  mcp: {
    tool: 'suggest',
    description: 'Suggest introductions: pairs of organisations, people or members who are not yet linked but share neighbours on the ecosystem map, share tags, or have a need and an offer that match. Each suggestion has a score (0..1) and its reasons.',
  },
})

export const health = defineOperation({
  op: 'health', summary: 'Ecosystem health: active members, needs met, offers used, map density, clustering and bridges, and the change since the last snapshot',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/health', status: 200 }, body: null, input: (p) => ({ ...p }),
  response: schemaRef('HealthResult'), needs: readFiltered,
  cli: { path: ['health'], args: [['SPACE', 'spaceId']], usage: 'commonweave health SPACE', summary: 'the ecosystem health figures, and how each moved' },
  mcp: {
    tool: 'health',
    description: 'Figures on the health of this community and its ecosystem: members active in the last 30 days, the share of needs met and of offers used, the map\'s density, clustering and bridge nodes between communities, and how each figure changed since the last snapshot. A figure that depends on a part your grant does not let you read (listed in `unavailable`) is null: unknown, not zero.',
  },
})
