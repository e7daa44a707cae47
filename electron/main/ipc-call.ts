/**
 * Checks one call from the page before it goes to the peer: the operation must be one of the
 * peer's, and its input must pass the very checks the local HTTP API makes (path params,
 * strict body or query schema, size). The input is taken as JSON, as over HTTP, so what the
 * peer sees is the same whichever way a call came. Never throws: a refusal is error data.
 */
import { CommonweaveError, ErrorCode, toErrorData, type ErrorData } from '../../shared/errors.ts'
import { hasBody, type PeerApiMethod } from '../../shared/api/operation.ts'
import { OPERATION_BY_METHOD } from '../../shared/api/operations.ts'
import { bodyLimit, buildCallInput, buildRequest, matchRoute, routeFor } from '../../shared/api/routes.ts'

export type CheckedCall = { ok: true; op: PeerApiMethod; input: unknown } | { ok: false; error: ErrorData }

export function isOperation(op: unknown): op is PeerApiMethod {
  return typeof op === 'string' && Object.hasOwn(OPERATION_BY_METHOD, op)
}

export function checkCall(op: unknown, input: unknown): CheckedCall {
  if (!isOperation(op)) {
    const name = typeof op === 'string' ? `"${op.slice(0, 60)}"` : `a ${typeof op}`
    return { ok: false, error: { code: ErrorCode.BadRequest, message: `${name} is not an operation of the peer` } }
  }
  try {
    return { ok: true, op, input: validInput(op, asJson(input, bodyLimit(routeFor(op)))) }
  } catch (err) {
    return { ok: false, error: toErrorData(err) }
  }
}

/** The input as the JSON the HTTP API would have read: an object (or nothing), at most the route's body limit. */
function asJson(input: unknown, limit: number): Record<string, unknown> {
  if (input === undefined || input === null) return {}
  if (typeof input !== 'object' || Array.isArray(input)) throw new CommonweaveError(ErrorCode.ValidationFailed, 'The input must be an object')
  let text: string
  try {
    text = JSON.stringify(input)
  } catch {
    throw new CommonweaveError(ErrorCode.ValidationFailed, 'The input cannot be written as JSON')
  }
  if (text.length > limit) throw new CommonweaveError(ErrorCode.ValidationFailed, `The input is larger than ${limit} bytes`)
  return JSON.parse(text) as Record<string, unknown>
}

/** Splits the input as the HTTP client would, and validates it as the HTTP server does. */
function validInput(op: PeerApiMethod, input: Record<string, unknown>): unknown {
  const route = routeFor(op)
  const { path, body } = buildRequest(route, input)
  const q = path.indexOf('?')
  const match = matchRoute(route.method, q < 0 ? path : path.slice(0, q))
  if (!match.found || match.route !== route) {
    throw new CommonweaveError(ErrorCode.ValidationFailed, `The input does not name what ${op} acts on`)
  }
  const query = Object.fromEntries(new URLSearchParams(q < 0 ? '' : path.slice(q + 1)))
  return buildCallInput(route, match.params, hasBody(route.method) ? body : route.query ? query : undefined)
}
