/**
 * `PeerApi` over the daemon's local HTTP API, for the CLI, scripts and the browser UI. Errors
 * arrive as `{error: {code, message}}` and are thrown again as `CommonweaveError` with the same
 * code, so callers handle a remote failure exactly like a local one.
 */
import { CommonweaveError, ErrorCode, isErrorCode } from '../errors.ts'
import type { PeerApi } from './peer-api.ts'
import { buildRequest, routeFor } from './routes.ts'
import type { PeerApiMethod } from './routes.ts'
import { OPERATIONS } from './operations.ts'
import { hasBody } from './operation.ts'

export interface HttpClientOptions {
  /** Base URL of the daemon's API, e.g. `http://127.0.0.1:4711`, as `commonweave start` prints it. */
  url: string
  /** The bearer token from `<dataDir>/api-token`. */
  token: string
  /** Replaces the global `fetch`, e.g. in tests. */
  fetch?: typeof fetch
}

type Result<M extends PeerApiMethod> = Awaited<ReturnType<PeerApi[M]>>

/** Socket errors meaning nothing is listening, or the daemon went away mid-request. */
const GONE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])

/** A `PeerApi` whose every call is one authenticated request to the daemon at `opts.url`. */
export function createHttpClient(opts: HttpClientOptions): PeerApi {
  const base = opts.url.replace(/\/+$/, '')
  // Called as a plain function: browsers throw "Illegal invocation" when fetch gets a foreign `this`.
  const doFetch: typeof fetch = opts.fetch ?? ((input, init) => fetch(input, init))

  async function call<M extends PeerApiMethod>(op: M, input?: unknown, signal?: AbortSignal): Promise<Result<M>> {
    const route = routeFor(op)
    const { path, body } = buildRequest(route, input)
    const headers: Record<string, string> = { Authorization: `Bearer ${opts.token}`, Accept: 'application/json' }
    const init: RequestInit = { method: route.method, headers }
    if (hasBody(route.method)) {
      headers['Content-Type'] = 'application/json'
      init.body = JSON.stringify(body)
    }
    if (signal) init.signal = signal

    let res: Response
    let text: string
    try {
      res = await doFetch(base + path, init)
      text = await res.text()
    } catch (err) {
      throw transportError(err, base, signal)
    }
    const json = parseJson(text)
    if (res.ok) {
      if (json === undefined) throw notADaemon(base, res.status)
      return json as Result<M>
    }
    throw remoteError(json, base, res.status)
  }

  // One method per operation, each a request to its route.
  return Object.fromEntries(OPERATIONS.map((o) => [o.op, (input?: unknown, signal?: AbortSignal) => call(o.op, input, signal)])) as unknown as PeerApi
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Turns an error body back into the error the daemon threw. */
function remoteError(json: unknown, base: string, status: number): CommonweaveError {
  const error = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return notADaemon(base, status)
  // A newer daemon may send a code this client does not know; keep its message, mark it internal.
  return new CommonweaveError(isErrorCode(error.code) ? error.code : ErrorCode.Internal, error.message, error.details)
}

function notADaemon(base: string, status: number): CommonweaveError {
  return new CommonweaveError(ErrorCode.Internal,
    `${base} answered HTTP ${status} without a Commonweave error body; is another program using that port?`)
}

function transportError(err: unknown, base: string, signal: AbortSignal | undefined): CommonweaveError {
  if (signal?.aborted) return new CommonweaveError(ErrorCode.Aborted, 'The request was cancelled.')
  if (isConnectionGone(err)) {
    return new CommonweaveError(ErrorCode.DaemonNotRunning,
      `No Commonweave daemon is answering at ${base}. Run \`commonweave start\` first.`)
  }
  const message = err instanceof Error ? err.message : String(err)
  return new CommonweaveError(ErrorCode.Internal, `Could not reach the daemon at ${base}: ${message}`)
}

/**
 * Node's fetch reports `TypeError('fetch failed')` with the socket error as `cause` (an
 * AggregateError when several addresses were tried); browsers give a bare TypeError and hide
 * the reason, which for a loopback address means the daemon is not there.
 */
function isConnectionGone(err: unknown): boolean {
  if (!(err instanceof TypeError)) return false
  const cause = (err as { cause?: unknown }).cause
  if (cause === undefined) return true
  const codes = [cause, ...((cause as { errors?: unknown[] }).errors ?? [])]
    .map((e) => (e as { code?: unknown } | null)?.code)
  return codes.some((c) => typeof c === 'string' && GONE_CODES.has(c))
}
