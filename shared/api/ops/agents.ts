/**
 * Agents (DESIGN.md "Agents"): add one with its own key, a short grant and a token; list,
 * renew, revoke. The owner's alone: an agent never manages agents.
 */
import { z } from 'zod'
import { COLLECTIONS } from '../../collections/registry.ts'
import { AGENT_PURPOSE_IDS, type AgentPurposeId } from '../../grants/purposes.ts'
import { defineOperation, inSpace, onlyParams, schemaRef, type RouteParams } from '../operation.ts'

/** An agent lasts a day at most; it can be renewed. */
export const MAX_AGENT_SECONDS = 86_400
export const AGENT_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u

const agentName = z.string().trim().regex(AGENT_NAME, 'an agent\'s name is 1 to 40 letters, digits, spaces, "_", "." or "-", starting with a letter or digit')
const expires = z.number().int('expiresInSeconds must be whole seconds').min(1, 'expiresInSeconds is at least 1')
  .max(MAX_AGENT_SECONDS, 'an agent lasts at most 24 h at a time').optional()

const AddAgentBody = z.strictObject({
  name: agentName,
  docs: z.array(z.string().trim().regex(/^[a-z][a-z0-9-]{0,39}$/, 'docs are collection names (resources, decisions, pages, map, …)'))
    .min(1, 'docs needs at least one collection').max(16, 'docs holds at most 16 collections'),
  write: z.boolean().optional(),
  purpose: z.string().trim().min(1, 'purpose is required').max(64, 'purpose is at most 64 characters'),
  expiresInSeconds: expires,
})
const RenewBody = z.strictObject({ expiresInSeconds: expires })
const EmptyBody = z.strictObject({})
const withBody = (p: RouteParams, body: unknown): unknown => ({ ...(body as object), ...p })

/** What each purpose lets an agent do, for the command's notes. */
const PURPOSE_HINTS: Record<AgentPurposeId, string> = {
  'agent-assist': 'an assistant: whatever its collections allow',
  coordination: 'the same, for the coordinators',
  matching: 'match, gaps, suggest and search, over resources, bookings and map; reads only',
  research: 'health and map figures; reads only',
}

const NOTES = [
  `Collections for --docs: ${COLLECTIONS.map((c) => c.name).join(', ')}`,
  `Purposes for --purpose: ${AGENT_PURPOSE_IDS.map((p) => `${p} (${PURPOSE_HINTS[p]})`).join(', ')}`,
  'An agent reads only; --write lets it write the collections named too. It lasts at most 24h: "agent renew" gives it more.',
  'Its token is printed once; "commonweave mcp --agent NAME" runs an MCP server on stdio under it.',
].join('\n')

export const addAgent = defineOperation({
  op: 'addAgent', summary: 'Add an agent: its own key, a grant from this peer for named collections, a purpose and at most 24 h, and an API token bound to that grant',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/agents', status: 201 }, body: AddAgentBody, input: inSpace,
  response: schemaRef('AgentResult'), needs: { scope: 'peer' },
  cli: {
    path: ['agent', 'add'], args: [['SPACE', 'spaceId']],
    flags: { name: {}, docs: { parse: 'list' }, write: { boolean: true }, purpose: { parse: 'trim' }, expires: { field: 'expiresInSeconds', parse: 'duration' } },
    required: ['name', 'docs', 'purpose'],
    usage: 'commonweave agent add SPACE --name N --docs COLLECTION[,..] [--write] --purpose P [--expires 24h]',
    summary: 'let an AI agent or outside system read (or write) some of a space, for a day', notes: NOTES,
  },
})

export const listAgents = defineOperation({
  op: 'listAgents', summary: 'The agents of a space added on this peer: scope, purpose, expiry, status and use',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/agents', status: 200 }, body: null, input: onlyParams,
  response: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: schemaRef('AgentSummary') } } }, needs: { scope: 'peer' },
  cli: { path: ['agent', 'list'], args: [['SPACE', 'spaceId']], usage: 'commonweave agent list SPACE', summary: 'the agents of a space' },
})

export const renewAgent = defineOperation({
  op: 'renewAgent', summary: 'Give an agent a new grant of the same scope, for up to 24 h more; its token stays',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/agents/:agent/renew', status: 200 }, body: RenewBody, input: withBody,
  response: schemaRef('AgentSummary'), needs: { scope: 'peer' },
  cli: {
    path: ['agent', 'renew'], args: [['SPACE', 'spaceId'], ['AGENT', 'agent']], flags: { expires: { field: 'expiresInSeconds', parse: 'duration' } },
    usage: 'commonweave agent renew SPACE AGENT [--expires 24h]', summary: 'give an agent more time',
  },
})

export const revokeAgent = defineOperation({
  op: 'revokeAgent', summary: 'Revoke an agent\'s grant: its next call is refused',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/agents/:agent/revoke', status: 200 }, body: EmptyBody, input: withBody,
  response: schemaRef('AgentSummary'), needs: { scope: 'peer' },
  cli: { path: ['agent', 'revoke'], args: [['SPACE', 'spaceId'], ['AGENT', 'agent']], usage: 'commonweave agent revoke SPACE AGENT', summary: 'stop an agent at once' },
})
