/**
 * The local HTTP API as one table, read by the server (to dispatch and validate), the client
 * (to build requests) and the OpenAPI generator (to describe them). Adding a `PeerApi` method to
 * the API means adding one row here; nothing else repeats a path or a method.
 *
 * Invariants:
 * - every route lives under `/v1`, and every one of them needs the bearer token;
 * - a call's input is the validated JSON body with the path params laid over it, so a body can
 *   never override the `:spaceId` it was addressed to;
 * - bodies are strict objects: an unknown field is a validation error, not silently dropped.
 */
import { z } from 'zod'
import { CommonweaveError, ErrorCode } from '../errors.ts'
import { validated } from '../validate.ts'
import { COLLECTION_NAME } from '../collections/define.ts'
import type { PeerEventName } from './peer-api.ts'
import type { HttpMethod, OperationDef, PeerApiMethod, RouteParams } from './operation.ts'
import { OPERATIONS } from './operations.ts'
import { AGENT_NAME } from './ops/agents.ts'

export type { HttpMethod, PeerApiMethod, RouteParams } from './operation.ts'

/** A route that calls one `PeerApi` method, as its operation describes it. */
export interface CallRoute {
  kind: 'call'
  method: HttpMethod
  /** Express-style path, e.g. `/v1/spaces/:spaceId/invites`. */
  path: string
  op: PeerApiMethod
  /** Status of a successful answer: 201 when the call creates something. */
  status: 200 | 201
  /** Schema of the JSON body; `null` for routes that take none (all GETs). */
  body: z.ZodType | null
  /** Schema of a GET's query string, when it takes one. */
  query: z.ZodType | null
  /** Assembles the method's first argument from validated params and body (or query). */
  input: (params: RouteParams, body: unknown) => unknown
  summary: string
  /** The operation this route carries. */
  def: OperationDef
}

/** A route the server answers itself, not through `PeerApi`. */
export interface ServerRoute {
  kind: 'openapi' | 'events'
  method: 'GET'
  path: string
  status: 200 | 101
  summary: string
}

export type ApiRoute = CallRoute | ServerRoute

/** The WebSocket subprotocol the events socket speaks; the server always selects it. */
export const EVENTS_SUBPROTOCOL = 'commonweave.v1'
/** Browsers cannot set headers on a WebSocket, so they offer `bearer.<token>` as a subprotocol. */
export const BEARER_SUBPROTOCOL_PREFIX = 'bearer.'
/** Largest JSON body the server reads, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024

/** The largest body a route reads: the API's default, or more for a call that carries a file's text. */
export function bodyLimit(route: CallRoute): number {
  return route.def.maxBodyBytes ?? MAX_BODY_BYTES
}

const itemIdParam = (name: string): z.ZodType<string> => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, `${name} is not an item id (or the start of one)`)

/**
 * Path params are checked before they reach the peer. `spaceId` is a space's id or its name
 * (the peer resolves a name unique among its spaces, and answers SPACE_NOT_FOUND itself);
 * item ids may be a unique start of an id.
 */
const PARAM_SCHEMAS: Record<string, z.ZodType<string>> = {
  // eslint-disable-next-line no-control-regex
  spaceId: z.string().min(1, 'spaceId is required').max(200, 'spaceId is a space id or name (at most 200 characters)').regex(/^[^\u0000-\u001f\u007f]+$/, 'spaceId cannot hold control characters'),
  // A grant id is a base32 CIDv1 (`bafyrei…`).
  grantId: z.string().regex(/^b[a-z2-7]{20,120}$/, 'grantId is not a grant id'),
  collection: z.string().regex(COLLECTION_NAME, 'collection is not a collection name (lower case letters, digits, -)'),
  itemId: itemIdParam('itemId'),
  resourceId: itemIdParam('resourceId'),
  bookingId: itemIdParam('bookingId'),
  decisionId: itemIdParam('decisionId'),
  edgeId: itemIdParam('edgeId'),
  // A node's id, the first characters of one, or its label.
  // eslint-disable-next-line no-control-regex
  nodeId: z.string().min(1, 'the node is required').max(200, 'a node is named by its id or label (at most 200 characters)').regex(/^[^\u0000-\u001f\u007f]+$/, 'a node name cannot hold control characters'),
  // An agent's name (shared/api/ops/agents.ts AGENT_NAME).
  agent: z.string().regex(AGENT_NAME, 'agent is an agent\'s name, as "agent list SPACE" shows it'),
  // A page id (its document id), the first characters of one, or its title.
  // eslint-disable-next-line no-control-regex
  pageId: z.string().min(1, 'the page is required').max(200, 'a page is named by its id or title (at most 200 characters)').regex(/^[^\u0000-\u001f\u007f]+$/, 'a page name cannot hold control characters'),
}

const callRoute = (def: OperationDef): CallRoute => ({
  kind: 'call', method: def.http.method, path: def.http.path, op: def.op, status: def.http.status,
  body: def.body, query: def.query ?? null, input: def.input, summary: def.summary, def,
})

/** Every HTTP route of the local API, in the order the OpenAPI document lists them. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...OPERATIONS.map(callRoute),
  { kind: 'openapi', method: 'GET', path: '/v1/openapi.json', status: 200,
    summary: 'This API described as an OpenAPI 3.1 document' },
  { kind: 'events', method: 'GET', path: '/v1/events', status: 101,
    summary: 'WebSocket of peer events, each sent as {"event": name, "payload": ...}' },
]

/** Runtime list of event names; a `Record` so the compiler fails when `PeerEvents` grows. */
const EVENT_NAME_SET: Record<PeerEventName, true> = {
  'peer:connect': true, 'peer:disconnect': true, 'space:changed': true, 'collection:changed': true, 'backup:progress': true,
  'decision:closed': true, 'map:metrics-progress': true,
}
export const PEER_EVENT_NAMES = Object.keys(EVENT_NAME_SET) as PeerEventName[]

/** The route that carries a `PeerApi` method. */
export function routeFor(op: PeerApiMethod): CallRoute {
  const route = API_ROUTES.find((r): r is CallRoute => r.kind === 'call' && r.op === op)
  if (!route) throw new Error(`no HTTP route for PeerApi.${op}`)
  return route
}

/** Names of the `:params` in a path, in order. */
export function paramNames(path: string): string[] {
  return path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1))
}

export type RouteMatch =
  | { found: true; route: ApiRoute; params: RouteParams }
  | { found: false; allow: HttpMethod[] }

/**
 * Finds the route for a request. `pathname` is still percent-encoded; params are decoded here.
 * When the path exists under other methods, `allow` lists them (for a 405).
 */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const allow: HttpMethod[] = []
  const got = pathname.split('/')
  for (const route of API_ROUTES) {
    const want = route.path.split('/')
    if (want.length !== got.length) continue
    const params: RouteParams = {}
    const ok = want.every((seg, i) => {
      const actual = got[i] as string
      if (!seg.startsWith(':')) return seg === actual
      if (actual === '') return false
      params[seg.slice(1)] = decodeParam(actual)
      return true
    })
    if (!ok) continue
    if (route.method === method) return { found: true, route, params }
    allow.push(route.method)
  }
  return { found: false, allow: allow.sort() }
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    // Left encoded: the param schema rejects the `%`, with a message naming the param.
    return raw
  }
}

/**
 * Validates path params and the JSON body of a call (for a GET, its query as an object), then
 * assembles the method's input.
 */
export function buildCallInput(route: CallRoute, params: RouteParams, body: unknown): unknown {
  for (const [name, value] of Object.entries(params)) {
    const schema = PARAM_SCHEMAS[name]
    if (schema) validated(schema, value, name)
  }
  const parsed = route.body ? validated(route.body, body) : route.query ? validated(route.query, body ?? {}) : undefined
  return route.input(params, parsed)
}

/**
 * Splits a call's input into the params its path needs and the JSON body holding the rest; for
 * a GET that takes a query, the rest goes into the path's query string instead.
 */
export function buildRequest(route: CallRoute, input: unknown): { path: string; body: Record<string, unknown> } {
  const body: Record<string, unknown> = { ...(input as Record<string, unknown> | undefined) }
  const path = route.path.split('/').map((seg) => {
    if (!seg.startsWith(':')) return seg
    const name = seg.slice(1)
    const value = body[name]
    delete body[name]
    if (typeof value !== 'string' || value === '') {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `${name} is required`)
    }
    return encodeURIComponent(value)
  }).join('/')
  if (route.query) {
    const query = new URLSearchParams()
    for (const [k, v] of Object.entries(body)) if (v !== undefined) query.set(k, String(v))
    const text = query.toString()
    return { path: text ? `${path}?${text}` : path, body: {} }
  }
  return { path, body }
}

/** The HTTP status an error code is answered with. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.BadRequest:
    case ErrorCode.InviteInvalid:
    case ErrorCode.PurposeUnknown:
    case ErrorCode.GrantMalformed:
    case ErrorCode.GrantTooLarge:
    case ErrorCode.NonCanonical:
    case ErrorCode.UnknownField:
    case ErrorCode.BadKey:
    case ErrorCode.SignatureInvalid:
    case ErrorCode.ChainTooLong:
    case ErrorCode.ChainMisaligned:
    case ErrorCode.WrongRoot:
    case ErrorCode.WrongAudience:
    case ErrorCode.WrongSpace:
    case ErrorCode.ExpiryTooLong:
    case ErrorCode.CmdEscalated:
    case ErrorCode.DocsEscalated:
    case ErrorCode.PurposeEscalated:
    case ErrorCode.ExpiryExtended:
    case ErrorCode.GrantNotYetValid:
    case ErrorCode.ArchiveInvalid:
      return 400
    case ErrorCode.Unauthorized:
      return 401
    case ErrorCode.Forbidden:
    case ErrorCode.NotMember:
    case ErrorCode.NotDelegable:
      return 403
    case ErrorCode.NotFound:
    case ErrorCode.SpaceNotFound:
    case ErrorCode.GrantNotFound:
      return 404
    case ErrorCode.InviteExpired:
    case ErrorCode.InviteUsed:
    case ErrorCode.GrantExpired:
    case ErrorCode.GrantRevoked:
      return 410
    case ErrorCode.Timeout:
    case ErrorCode.InviterUnreachable:
      return 504
    case ErrorCode.Unavailable:
      return 503
    case ErrorCode.DiskFull:
      return 507
    default:
      return 500
  }
}
