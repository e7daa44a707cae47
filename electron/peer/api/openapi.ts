/**
 * The OpenAPI 3.1 description of the local API, built from the routes table so it cannot drift
 * from what the server does: paths, methods and success statuses come from `API_ROUTES`, and
 * request bodies are the same zod schemas the server validates with.
 */
import { z } from 'zod'
import { ErrorCode } from '../../../shared/errors.ts'
import {
  API_ROUTES, BEARER_SUBPROTOCOL_PREFIX, EVENTS_SUBPROTOCOL, PEER_EVENT_NAMES, bodyLimit, httpStatusFor, paramNames,
} from '../../../shared/api/routes.ts'
import type { ApiRoute } from '../../../shared/api/routes.ts'
import { AuditKind, GrantStatus } from '../../../shared/api/peer-api.ts'
import { ResourceSchema } from '../../../shared/schemas/resource.ts'
import { BookingSchema, PoolSchema } from '../../../shared/schemas/booking.ts'
import { MemberRole } from '../../../shared/schemas/space.ts'
import { MemberStatus } from '../../../shared/api/members-api.ts'
import { DecisionStatus } from '../../../shared/api/decisions-api.ts'
import { DecisionResult, StanceStanding } from '../../../shared/decisions/tally.ts'
import { CHOICE_VALUES, PROCESSES } from '../../../shared/schemas/decision.ts'

import { date, enumOf, int, nullable, obj, ref, str, strings, type Schema } from './openapi-schema.ts'
import { MAP_COMPONENTS } from './openapi-map.ts'
import { INSIGHT_COMPONENTS } from './openapi-insight.ts'
import { AGENT_COMPONENTS } from './openapi-agents.ts'

/** A zod schema as a JSON Schema 2020-12 object, which OpenAPI 3.1 uses as is. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema
  return rest
}

/** A stored item's schema with the fields the API adds when it shows one. */
function withFields(base: Schema, fields: Record<string, Schema>, required = Object.keys(fields)): Schema {
  return {
    ...base,
    properties: { ...(base['properties'] as Schema), ...fields },
    required: [...((base['required'] as string[] | undefined) ?? []), ...required],
  }
}

const spaceRole = enumOf([...Object.values(MemberRole), 'guest'])

const DECISION_SUMMARY: Record<string, Schema> = {
  id: str, title: str, process: enumOf(PROCESSES),
  closesAt: { ...date, description: 'When it closed or closes: the scheduled close, or an earlier close' },
  scheduledClose: date, status: enumOf(Object.values(DecisionStatus)), closedEarly: { type: 'boolean' },
  author: str, authorName: nullable('string'), createdAt: date, quorum: nullable('integer'),
  verified: { type: 'boolean', description: "The proposal's signature verifies" },
  tally: ref('Tally'), outcome: { oneOf: [ref('Outcome'), { type: 'null' }] }, myStance: nullable('string'),
  mayStance: { type: 'boolean' }, mayClose: { type: 'boolean' },
  imported: { oneOf: [obj({ from: enumOf(['loomio']), id: str, authorName: str }), { type: 'null' }], description: 'Set on a decision brought over from Loomio' },
  draftedBy: { oneOf: [obj({ did: str, name: str }), { type: 'null' }], description: 'The agent that drafted it under its author\'s grant' },
}

const COMPONENT_SCHEMAS: Record<string, Schema> = {
  Error: obj({ error: ref('ErrorData') }),
  ErrorData: obj({
    code: enumOf(Object.values(ErrorCode)),
    message: str,
    details: { description: 'Machine-readable details, e.g. the failing fields of a VALIDATION_FAILED' },
  }, ['code', 'message']),
  StatusInfo: obj({
    did: str, peerId: str, name: str, addrs: strings, api: { type: ['string', 'null'] }, mdns: { type: 'boolean' },
    connections: int, spaces: int, documents: int, startedAt: { type: 'string', format: 'date-time' },
    quarantined: { ...int, description: 'Items from peers that fail their collection\'s schema, kept out of every list' },
    damagedSpaces: { ...int, description: 'Spaces whose documents are damaged or missing here' },
    dataDir: { ...str, description: 'The data directory on the peer\'s machine' },
    version: { ...str, description: 'The Commonweave version this peer runs' },
    relay: obj({
      community: { type: 'boolean', description: 'This peer runs as the community peer (start --community): it relays for members' },
      slots: { ...int, description: 'At a community peer: members holding a relay slot here now' },
      via: { type: 'array', items: obj({ peerId: str, name: { type: ['string', 'null'] } }), description: 'At a member: the community peers through which others can reach it' },
    }),
  }),
  PeerInfo: obj({
    peerId: str, did: str, name: { type: ['string', 'null'] }, addr: str, direction: { type: 'string', enum: ['inbound', 'outbound'] },
    link: { type: 'string', enum: ['lan', 'direct', 'relay'] }, since: { type: 'string', format: 'date-time' }, lastSyncAt: nullable('string', { format: 'date-time' }),
    spaces: strings,
  }),
  SpaceSummary: obj({
    spaceId: str, name: str, founder: str, role: spaceRole, members: int, documents: strings, access: ref('SpaceAccess'),
    damaged: { oneOf: [obj({ reason: str, since: nullable('string', { format: 'date-time' }) }), { type: 'null' }],
      description: 'Why the space is not whole on this peer (served from its last valid state meanwhile), or null' },
    localCopy: { type: 'boolean', description: 'This identity holds no grant in the space and never did (an export imported under another identity)' },
    nameUnsigned: { type: 'boolean', description: 'True when the name is only what a granter said (in its code or hello), not the space\'s own authority document: a hint' },
  }, ['spaceId', 'name', 'founder', 'role', 'members', 'documents', 'access']),
  MemberSummary: {
    ...obj({
      did: str, name: nullable('string'), role: enumOf(Object.values(MemberRole)), status: enumOf(Object.values(MemberStatus)),
      grantExpires: nullable('string', { format: 'date-time' }), online: { type: 'boolean' }, peerId: nullable('string'),
      joinedAt: nullable('string', { format: 'date-time' }),
      gone: obj({ at: nullable('string', { format: 'date-time' }), by: nullable('string'), byName: nullable('string') }, ['at']),
      kept: { type: 'array', items: obj({ did: str, name: nullable('string') }), description: 'After a removal: the members they had invited, who stay members on grants signed anew' },
    }, ['did', 'name', 'role', 'status', 'grantExpires', 'online', 'peerId', 'joinedAt']),
    description: 'A member (role from their grants), or one who left, was removed or whose grant expired (status)',
  },
  LeaveResult: obj({
    spaceId: str, name: str, leftAt: date,
    announced: { type: 'boolean', description: 'Whether a member\'s peer took the news before this peer forgot the space' },
    revoked: int, forgotten: { ...int, description: 'Documents removed from this machine' },
  }),
  RenameResult: obj({ name: str, spaces: { ...int, description: 'Spaces whose roster shows the new name' } }),
  ExportResult: obj({ file: str, spaceId: str, name: str, documents: int, items: int, bytes: int }),
  ImportResult: obj({
    spaceId: str, name: str, documents: int, merged: { ...int, description: 'Documents already here that took the file\'s changes in' },
    member: { type: 'boolean', description: 'Whether this peer stands in the space; otherwise the space is a local copy its grants decide about' },
  }),
  SpaceAccess: {
    ...obj({
      cmd: str, docs: strings, purpose: str, expiresAt: nullable('string', { format: 'date-time' }),
      ended: {
        ...obj({ reason: { type: 'string', enum: ['expired', 'revoked'] }, at: date, by: str, byName: nullable('string') }, ['reason', 'at']),
        description: 'When cmd is none: how this peer\'s last grant here ended',
      },
    }, ['cmd', 'docs', 'purpose', 'expiresAt']),
    description: "What this peer may do in a space, and until when; expiresAt is null for the founder's own authority",
  },
  InviteResult: obj({ code: str, spaceId: str, expiresAt: date, uses: { ...int, description: 'How many different people the code admits' } }),
  ItemPage: obj({
    items: { type: 'array', items: { type: 'object', description: 'An item, as its collection\'s schema describes it' } },
    total: { ...int, description: 'Items in the collection, before paging' },
    syncing: { ...int, description: 'Documents of the collection the space lists that have not reached this peer yet' },
  }),
  Resource: withFields(jsonSchema(ResourceSchema, 'output'), {
    ownerName: { ...nullable('string'), description: 'The owner\'s name on the space\'s roster' },
    poolName: nullable('string'),
    expired: { type: 'boolean', description: 'Past its expiresAt: left out of the default listing' },
  }),
  ResourcePage: obj({
    items: { type: 'array', items: ref('Resource') },
    total: { ...int, description: 'Resources matching the filters, before paging' },
    syncing: { ...int, description: 'Documents of the collection that have not reached this peer yet' },
  }),
  Pool: withFields(jsonSchema(PoolSchema, 'output'), { resources: { ...int, description: 'Resources in the pool' } }),
  PoolList: obj({ items: { type: 'array', items: ref('Pool') } }),
  Booking: withFields(jsonSchema(BookingSchema, 'output'), {
    byName: nullable('string'), resourceTitle: nullable('string'),
    conflicts: { ...strings, description: 'Ids of the other active bookings of the resource whose time overlaps this one' },
    alreadyCancelled: { type: 'boolean', description: 'On a cancel: it had been cancelled before, nothing changed' },
  }, ['byName', 'resourceTitle', 'conflicts']),
  BookingList: obj({ items: { type: 'array', items: ref('Booking') }, total: int }),
  Tally: obj({
    counts: { type: 'object', additionalProperties: int, description: 'Counted stances by choice: every choice of the process' },
    voted: { ...int, description: 'Voters whose stance counts' },
    eligible: { ...int, description: 'Members when the proposal was made' },
    quorum: { oneOf: [obj({ pct: int, needed: { ...int, description: 'ceil(pct × eligible / 100)' }, reached: { type: 'boolean' } }), { type: 'null' }] },
    result: { ...enumOf(Object.values(DecisionResult)), description: 'When closed, the result; while open, what it would be if it closed now' },
  }),
  Stance: obj({
    id: str, did: str, name: nullable('string'), choice: enumOf(CHOICE_VALUES), reason: str, castAt: date,
    verified: { type: 'boolean', description: 'Its signature verifies and its voter is, or was, a member' },
    late: { type: 'boolean', description: 'Cast at or after the close: shown, never counted' },
    counted: { type: 'boolean' }, standing: enumOf(Object.values(StanceStanding)),
  }),
  Outcome: obj({ id: str, by: str, byName: nullable('string'), statement: str, closedAt: date, verified: { type: 'boolean', description: 'Signed by the author or an admin' } }),
  DecisionSummary: obj(DECISION_SUMMARY),
  Decision: obj({
    ...DECISION_SUMMARY, details: str, processLine: { ...str, description: 'How the process decides, in one line' },
    stances: { type: 'array', items: ref('Stance'), description: 'Every stance: history, late and unverified ones too' },
    outcomes: { type: 'array', items: ref('Outcome') }, eligibleVoters: strings,
  }),
  DecisionList: obj({ items: { type: 'array', items: ref('DecisionSummary') }, total: int }),
  DecisionImport: obj({
    imported: { type: 'array', items: obj({ id: str, title: str }), description: 'The decisions made here' },
    skipped: { type: 'array', items: obj({ id: str, title: str, reason: str }), description: 'Polls of the file not imported, and why' },
  }),
  SearchHit: obj({
    kind: enumOf(['resource', 'booking', 'decision', 'page', 'node']),
    id: { ...str, description: "The item's id in its collection (a page's id is its document id)" },
    title: { ...str, description: 'A booking, stance or outcome shows the title of what it belongs to' },
    snippet: { ...str, description: 'A few words around the best match, plain text (never markup)' },
    marks: { type: 'array', items: { type: 'array', items: int, minItems: 2, maxItems: 2 }, description: 'Where the query matched in the snippet: [start, end) character offsets, in order' },
    score: { type: 'number' },
    parentId: { ...str, description: 'For a booking, the resource booked; for a stance or outcome, its proposal: what to open' },
  }, ['kind', 'id', 'title', 'snippet', 'marks', 'score']),
  SearchResult: obj({
    hits: { type: 'array', items: ref('SearchHit'), description: 'Best first; only items the caller may read' },
    indexed: { ...int, description: 'Items of the space in this peer\'s index that the caller may read: all a hit can come from' },
  }),
  PageSummary: obj({
    id: { ...str, description: 'The page\'s document id (a grant may name it)' }, title: str, tags: strings, createdAt: str, createdBy: str,
    createdByName: { type: ['string', 'null'] }, updatedAt: str, backlinkCount: int, excerpt: { ...str, description: 'Its first words' },
  }),
  Page: obj({
    id: str, spaceId: str, title: str, tags: strings, createdAt: str, createdBy: str, createdByName: { type: ['string', 'null'] }, updatedAt: str,
    backlinkCount: int, excerpt: str, markdown: { ...str, description: 'Its text as markdown; links to pages as [[Title]]' },
    links: {
      type: 'array',
      items: obj({
        id: { type: ['string', 'null'], description: 'null: no page has that title yet, or (gone) the page is not here' }, title: str,
        gone: { const: true, description: 'A link by id to a page deleted or not shared with this peer' },
      }, ['id', 'title']),
    },
    backlinks: { type: 'array', items: obj({ id: str, title: str }) },
    may: obj({ edit: { type: 'boolean' }, delete: { type: 'boolean' } }),
    version: { type: ['string', 'null'], description: 'The older version shown (`at`), or null for the page now' },
  }),
  PageHistory: obj({
    versions: { type: 'array', items: obj({ version: str, at: str, changes: int, mine: { type: 'boolean' } }), description: 'Newest first; one per writer\'s session of changes' },
  }),
  PageList: obj({
    pages: { type: 'array', items: ref('PageSummary') },
    tags: { type: 'array', items: obj({ tag: str, pages: int }) },
    syncing: { ...int, description: 'Pages listed that have not reached this peer yet' },
  }),
  PageImport: obj({
    created: { type: 'array', items: obj({ id: str, title: str, file: str }) },
    skipped: { type: 'array', items: obj({ file: str, reason: str }), description: 'Files not imported, and why' },
  }),
  WhoAmI: obj({
    did: str, peerId: str, name: str,
    spaces: { type: 'array', items: obj({ spaceId: str, name: str, role: spaceRole, access: ref('SpaceAccess'), nameUnsigned: { type: 'boolean' } }, ['spaceId', 'name', 'role', 'access']) },
  }),
  GrantSummary: obj({
    grantId: str, spaceId: str, issuer: str, issuerName: nullable('string'), audience: str, audienceName: nullable('string'),
    cmd: { type: 'string', description: '/doc/read, /doc/write, or / for an admin' },
    docs: { ...strings, description: 'Collection names or document ids; * is the whole space' },
    purpose: str, purposeLabel: str, notBefore: nullable('string', { format: 'date-time' }), expiresAt: date,
    delegation: { ...int, description: 'How many further links of delegation this grant allows' },
    status: enumOf(Object.values(GrantStatus)),
    problem: { oneOf: [ref('ErrorData'), { type: 'null' }], description: 'Why the grant is not valid, when it is not' },
    note: nullable('string'), issuedAt: date,
  }),
  GrantResult: obj({
    grant: ref('GrantSummary'),
    code: { type: 'string', description: "The grant with its proof chain and the granter's addresses, for its audience to accept" },
  }),
  RevocationResult: obj({
    grantId: str, spaceId: str, revokedAt: { ...date, description: 'When the grant was revoked: the revocation\'s signed time' },
    alreadyRevoked: { type: 'boolean', description: 'True when it had been revoked before this call (nothing new was signed)' },
    revokedBy: { ...str, description: 'The did of whoever revoked it' }, revokedByName: nullable('string'),
  }, ['grantId', 'spaceId', 'revokedAt']),
  AuditEntry: obj({
    at: date, kind: enumOf(Object.values(AuditKind)), spaceId: nullable('string'), peer: str, did: str, grantId: str,
    docs: strings, count: { ...int, description: 'For docs-sent: sync messages sent for those documents' }, detail: str,
    name: { ...str, description: 'For agent-call: the agent' }, op: { ...str, description: 'For agent-call: the operation' },
    outcome: { ...enumOf(['ok', 'refused', 'failed']), description: 'For agent-call: how the call ended' },
  }, ['at', 'kind', 'spaceId']),
}

function errorResponse(description: string): Schema {
  return { description, content: { 'application/json': { schema: ref('Error') } } }
}

/** Error statuses a route can answer with, each listed with the codes that produce it. */
function errorResponses(route: ApiRoute): Record<string, Schema> {
  const why: Record<number, string[]> = {
    401: ['UNAUTHORIZED: missing or wrong bearer token'],
    403: ['FORBIDDEN: foreign Host or Origin header', 'NOT_MEMBER'],
  }
  const add = (status: number, text: string): void => {
    const texts = (why[status] ??= [])
    if (!texts.includes(text)) texts.push(text)
  }
  if (route.kind === 'call') {
    const params = paramNames(route.path)
    if (route.body) {
      add(400, 'BAD_REQUEST (body not a JSON object), VALIDATION_FAILED')
      add(413, `BAD_REQUEST: body larger than ${bodyLimit(route)} bytes`)
      add(415, 'BAD_REQUEST: Content-Type is not application/json')
    } else if (params.length > 0) {
      add(400, 'VALIDATION_FAILED: a path parameter is malformed')
    }
    if (params.includes('spaceId')) add(httpStatusFor(ErrorCode.SpaceNotFound), ErrorCode.SpaceNotFound)
    for (const code of route.def.errors ?? []) add(httpStatusFor(code), code)
    add(httpStatusFor(ErrorCode.Internal), 'INTERNAL (never with a stack trace)')
  }
  return Object.fromEntries(Object.entries(why).map(([status, texts]) => [status, errorResponse(texts.join(', '))]))
}

function operation(route: ApiRoute): Schema {
  const params = paramNames(route.path).map((name) => ({ name, in: 'path', required: true, schema: str }))
  const op: Schema = { summary: route.summary, parameters: params, responses: errorResponses(route) }
  const responses = op.responses as Record<string, Schema>
  if (route.kind === 'call') {
    op.operationId = route.op
    if (route.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } }
    }
    if (route.query) {
      const query = jsonSchema(route.query, 'input') as { properties?: Record<string, Schema> }
      for (const [name, schema] of Object.entries(query.properties ?? {})) params.push({ name, in: 'query', required: false, schema: schema as typeof str })
    }
    responses[route.status] = { description: 'Success', content: { 'application/json': { schema: route.def.response } } }
  } else if (route.kind === 'openapi') {
    op.operationId = 'openapi'
    responses[200] = { description: 'This document', content: { 'application/json': { schema: { type: 'object' } } } }
  } else {
    op.operationId = 'events'
    op.description = 'Upgrade to a WebSocket. Authenticate with the Authorization header, or (browsers) offer the ' +
      `subprotocols "${EVENTS_SUBPROTOCOL}, ${BEARER_SUBPROTOCOL_PREFIX}<token>"; the server selects ` +
      `"${EVENTS_SUBPROTOCOL}". Each message is JSON {"event": name, "payload": ...}, with event one of: ` +
      `${PEER_EVENT_NAMES.join(', ')}.`
    responses[101] = { description: 'Switching to the WebSocket protocol' }
  }
  return op
}

/** The OpenAPI 3.1 document served at `GET /v1/openapi.json`. */
export function openApiDocument(): object {
  const paths: Record<string, Record<string, Schema>> = {}
  for (const route of API_ROUTES) {
    const path = route.path.replace(/:(\w+)/g, '{$1}')
    paths[path] ??= {}
    paths[path][route.method.toLowerCase()] = operation(route)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Commonweave local API',
      version: '1',
      description: 'The API of a running Commonweave peer, on 127.0.0.1 only. The bearer token is in ' +
        '<dataDir>/api-token. Requests must carry a loopback Host header; bodies are JSON objects.',
    },
    servers: [{ url: 'http://127.0.0.1:{port}', variables: { port: { default: '0' } } }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token in <dataDir>/api-token' } },
      schemas: { ...COMPONENT_SCHEMAS, ...MAP_COMPONENTS, ...INSIGHT_COMPONENTS, ...AGENT_COMPONENTS },
    },
  }
}
