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
import type { SpaceId } from '../ids.ts'
import { MAX_DOCS, MAX_DOC_REF_LENGTH, MAX_NOTE_BYTES } from '../grants/grant-format.ts'
import { PURPOSES } from '../grants/purposes.ts'
import { INVITE_SECONDS } from '../invite-code.ts'
import { ResourceInputSchema } from '../schemas/resource.ts'
import { SpaceNameSchema } from '../schemas/space.ts'
import type { PeerApi, PeerEventName } from './peer-api.ts'

export type HttpMethod = 'GET' | 'POST'
export type PeerApiMethod = keyof PeerApi
export type RouteParams = Record<string, string>

/** A route that calls one `PeerApi` method. */
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
  /** Assembles the method's first argument from validated params and body. */
  input: (params: RouteParams, body: unknown) => unknown
  summary: string
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

/**
 * Path params are checked before they reach the peer: a space id is an automerge document id
 * (base58) in practice; this accepts a little more so the peer can answer SPACE_NOT_FOUND itself.
 */
const PARAM_SCHEMAS: Record<string, z.ZodType<string>> = {
  spaceId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'spaceId is not a space id'),
  // A grant id is a base32 CIDv1 (`bafyrei…`).
  grantId: z.string().regex(/^b[a-z2-7]{20,120}$/, 'grantId is not a grant id'),
}

const CreateSpaceBody = z.strictObject({ name: SpaceNameSchema })
const CreateInviteBody = z.strictObject({
  expiresInSeconds: z.number().int().min(INVITE_SECONDS.min, INVITE_SECONDS.message).max(INVITE_SECONDS.max, INVITE_SECONDS.message).optional(),
})
const JoinBody = z.strictObject({
  code: z.string().trim().min(1, 'code is required').max(4096, 'code is too long'),
  timeoutMs: z.number().int().positive().max(3_600_000, 'timeoutMs is at most one hour').optional(),
})
/** The longest grant a person can sign here: one year. The peer narrows it by what the grant allows. */
const MAX_GRANT_SECONDS = 365 * 86_400
const utf8Length = (s: string): number => new TextEncoder().encode(s).length
const CreateGrantBody = z.strictObject({
  to: z.string().regex(/^did:key:z[1-9A-HJ-NP-Za-km-z]{40,60}$/,
    'to must be a did:key, like the one `commonweave whoami` prints (did:key:z6Mk…)'),
  cmd: z.enum(['read', 'write'], { error: 'cmd must be read or write' }),
  docs: z.array(
    z.string().min(1, 'a document reference cannot be empty')
      .max(MAX_DOC_REF_LENGTH, `a document reference is at most ${MAX_DOC_REF_LENGTH} characters`)
      .regex(/^[A-Za-z0-9_*-]+$/, 'a document reference is a collection name (resources), a document id or *'),
  ).min(1, 'docs needs at least one collection name, document id or *').max(MAX_DOCS, `docs holds at most ${MAX_DOCS} references`),
  // Checked by the peer (PURPOSE_UNKNOWN), which knows which purposes a grant of this kind may name.
  purpose: z.string().min(1, 'purpose is required').max(64, 'purpose is at most 64 characters')
    .describe(`An id from the purpose list: ${PURPOSES.map((p) => p.id).join(', ')}`),
  expiresInSeconds: z.number().int('expiresInSeconds must be whole seconds')
    .min(1, 'expiresInSeconds must be at least 1').max(MAX_GRANT_SECONDS, `expiresInSeconds is at most ${MAX_GRANT_SECONDS} (a year)`).optional(),
  note: z.string().max(MAX_NOTE_BYTES, `note is at most ${MAX_NOTE_BYTES} characters`)
    .refine((s) => utf8Length(s) <= MAX_NOTE_BYTES, `note is at most ${MAX_NOTE_BYTES} bytes of UTF-8`).optional(),
})
const AcceptGrantBody = z.strictObject({
  code: z.string().trim().min(1, 'code is required').max(16_384, 'code is too long'),
})
const EmptyBody = z.strictObject({})

const spaceId = (params: RouteParams): SpaceId => params.spaceId as SpaceId
const noInput = (): undefined => undefined
const inSpace = (p: RouteParams, body: unknown): unknown => ({ ...(body as object), spaceId: spaceId(p) })
const onlySpace = (p: RouteParams): unknown => ({ spaceId: spaceId(p) })

/** Every HTTP route of the local API, in the order the OpenAPI document lists them. */
export const API_ROUTES: readonly ApiRoute[] = [
  { kind: 'call', method: 'GET', path: '/v1/status', op: 'status', status: 200, body: null,
    input: noInput, summary: 'Who this peer is, its addresses, connections and documents' },
  { kind: 'call', method: 'GET', path: '/v1/whoami', op: 'whoami', status: 200, body: null,
    input: noInput, summary: 'This peer\'s did (what a granter needs), and its role and access in each space' },
  { kind: 'call', method: 'GET', path: '/v1/peers', op: 'peers', status: 200, body: null,
    input: noInput, summary: 'Peers connected now' },
  { kind: 'call', method: 'GET', path: '/v1/spaces', op: 'listSpaces', status: 200, body: null,
    input: noInput, summary: 'Spaces this peer is a member of' },
  { kind: 'call', method: 'POST', path: '/v1/spaces', op: 'createSpace', status: 201, body: CreateSpaceBody,
    input: (_p, body) => body, summary: 'Create a space, with this peer as its founder' },
  { kind: 'call', method: 'POST', path: '/v1/spaces/:spaceId/invites', op: 'createInvite', status: 201,
    body: CreateInviteBody, input: inSpace,
    summary: 'Create a one-time invite code for a space' },
  { kind: 'call', method: 'POST', path: '/v1/join', op: 'joinSpace', status: 200, body: JoinBody,
    input: (_p, body) => body, summary: "Join a space with an invite code; answers once the space's documents are synced" },
  { kind: 'call', method: 'GET', path: '/v1/spaces/:spaceId/resources', op: 'listResources', status: 200,
    body: null, input: onlySpace, summary: 'Resources of a space' },
  { kind: 'call', method: 'POST', path: '/v1/spaces/:spaceId/resources', op: 'addResource', status: 201,
    body: ResourceInputSchema, input: inSpace,
    summary: 'Add an offer, need, tool, facility or skill to a space' },
  { kind: 'call', method: 'GET', path: '/v1/spaces/:spaceId/grants', op: 'listGrants', status: 200,
    body: null, input: onlySpace, summary: 'Who can see what in a space, why, and until when' },
  { kind: 'call', method: 'POST', path: '/v1/spaces/:spaceId/grants', op: 'createGrant', status: 201,
    body: CreateGrantBody, input: inSpace,
    summary: 'Sign a grant: read or write on some documents of a space, for a purpose, until a date; answers with a code for its audience' },
  { kind: 'call', method: 'POST', path: '/v1/grants/accept', op: 'acceptGrant', status: 200, body: AcceptGrantBody,
    input: (_p, body) => body, summary: 'Store a grant received as a code and dial its granter' },
  { kind: 'call', method: 'POST', path: '/v1/grants/:grantId/revoke', op: 'revokeGrant', status: 200, body: EmptyBody,
    input: (p) => ({ grantId: p.grantId }), summary: 'Revoke a grant; it takes effect here at once and reaches connected peers first of all' },
  { kind: 'call', method: 'GET', path: '/v1/spaces/:spaceId/audit', op: 'audit', status: 200,
    body: null, input: onlySpace, summary: "This peer's audit log for a space, oldest first" },
  { kind: 'openapi', method: 'GET', path: '/v1/openapi.json', status: 200,
    summary: 'This API described as an OpenAPI 3.1 document' },
  { kind: 'events', method: 'GET', path: '/v1/events', status: 101,
    summary: 'WebSocket of peer events, each sent as {"event": name, "payload": ...}' },
]

/** Runtime list of event names; a `Record` so the compiler fails when `PeerEvents` grows. */
const EVENT_NAME_SET: Record<PeerEventName, true> = {
  'peer:connect': true, 'peer:disconnect': true, 'space:changed': true, 'resources:changed': true,
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
  return { found: false, allow }
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    // Left encoded: the param schema rejects the `%`, with a message naming the param.
    return raw
  }
}

/** Validates path params and the JSON body of a call, then assembles the method's input. */
export function buildCallInput(route: CallRoute, params: RouteParams, body: unknown): unknown {
  for (const [name, value] of Object.entries(params)) {
    const schema = PARAM_SCHEMAS[name]
    if (schema) check(schema, value, name)
  }
  const parsed = route.body ? check(route.body, body, null) : undefined
  return route.input(params, parsed)
}

function check(schema: z.ZodType, value: unknown, field: string | null): unknown {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((i) => ({
    path: field ? [field, ...i.path.map(String)].join('.') : i.path.map(String).join('.'),
    message: i.message,
  }))
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
  throw new CommonweaveError(ErrorCode.ValidationFailed, message, issues)
}

/** Splits a call's input into the params its path needs and the JSON body holding the rest. */
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
    default:
      return 500
  }
}
