/**
 * The OpenAPI 3.1 description of the local API, built from the routes table so it cannot drift
 * from what the server does: paths, methods and success statuses come from `API_ROUTES`, and
 * request bodies are the same zod schemas the server validates with.
 */
import { z } from 'zod'
import { ErrorCode } from '../../../shared/errors.ts'
import {
  API_ROUTES, BEARER_SUBPROTOCOL_PREFIX, EVENTS_SUBPROTOCOL, MAX_BODY_BYTES, PEER_EVENT_NAMES, httpStatusFor, paramNames,
} from '../../../shared/api/routes.ts'
import type { ApiRoute, PeerApiMethod } from '../../../shared/api/routes.ts'
import { ResourceSchema } from '../../../shared/schemas/resource.ts'

type Schema = Record<string, unknown>

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })
const str: Schema = { type: 'string' }
const int: Schema = { type: 'integer', minimum: 0 }
const strings: Schema = { type: 'array', items: str }
const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema =>
  ({ type: 'object', properties, required })

/** What each call answers with, by `PeerApi` method. */
const RESPONSES: Record<PeerApiMethod, Schema> = {
  status: ref('StatusInfo'),
  peers: { type: 'array', items: ref('PeerInfo') },
  listSpaces: { type: 'array', items: ref('SpaceSummary') },
  createSpace: ref('SpaceSummary'),
  createInvite: ref('InviteResult'),
  joinSpace: ref('SpaceSummary'),
  listResources: { type: 'array', items: ref('Resource') },
  addResource: ref('Resource'),
}

/** A zod schema as a JSON Schema 2020-12 object, which OpenAPI 3.1 uses as is. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema
  return rest
}

const COMPONENT_SCHEMAS: Record<string, Schema> = {
  Error: obj({
    error: obj({
      code: { type: 'string', enum: Object.values(ErrorCode) },
      message: str,
      details: { description: 'Machine-readable details, e.g. the failing fields of a VALIDATION_FAILED' },
    }, ['code', 'message']),
  }),
  StatusInfo: obj({
    did: str, peerId: str, name: str, addrs: strings, api: { type: ['string', 'null'] }, mdns: { type: 'boolean' },
    connections: int, spaces: int, documents: int, startedAt: { type: 'string', format: 'date-time' },
  }),
  PeerInfo: obj({
    peerId: str, did: str, name: { type: ['string', 'null'] }, addr: str, direction: { type: 'string', enum: ['inbound', 'outbound'] },
    link: { type: 'string', enum: ['lan', 'direct', 'relay'] }, since: { type: 'string', format: 'date-time' },
    spaces: strings,
  }),
  SpaceSummary: obj({
    spaceId: str, name: str, founder: str, role: { type: 'string', enum: ['founder', 'admin', 'member'] },
    members: int, documents: strings,
  }),
  InviteResult: obj({ code: str, spaceId: str, expiresAt: { type: 'string', format: 'date-time' } }),
  Resource: jsonSchema(ResourceSchema, 'output'),
}

function errorResponse(description: string): Schema {
  return { description, content: { 'application/json': { schema: ref('Error') } } }
}

/** Error statuses a route can answer with, each listed with the codes that produce it. */
function errorResponses(route: ApiRoute): Record<string, Schema> {
  const out: Record<string, Schema> = {
    401: errorResponse('UNAUTHORIZED: missing or wrong bearer token'),
    403: errorResponse('FORBIDDEN: foreign Host or Origin header; NOT_MEMBER'),
  }
  if (route.kind !== 'call') return out
  if (route.body) {
    out[400] = errorResponse('BAD_REQUEST (body not a JSON object), VALIDATION_FAILED, INVITE_INVALID')
    out[413] = errorResponse(`BAD_REQUEST: body larger than ${MAX_BODY_BYTES} bytes`)
    out[415] = errorResponse('BAD_REQUEST: Content-Type is not application/json')
  }
  if (paramNames(route.path).length > 0) {
    out[400] ??= errorResponse('VALIDATION_FAILED: a path parameter is malformed')
    out[404] = errorResponse('SPACE_NOT_FOUND')
  }
  if (route.op === 'joinSpace') {
    out[410] = errorResponse('INVITE_EXPIRED, INVITE_USED')
    out[504] = errorResponse('TIMEOUT, INVITER_UNREACHABLE')
  }
  out[httpStatusFor(ErrorCode.Internal)] = errorResponse('INTERNAL (never with a stack trace)')
  return out
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
    responses[route.status] = { description: 'Success', content: { 'application/json': { schema: RESPONSES[route.op] } } }
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
      schemas: COMPONENT_SCHEMAS,
    },
  }
}
