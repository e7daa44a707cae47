/**
 * The local HTTP + WebSocket API: `PeerApi` and `PeerEvents` for the CLI, scripts and the
 * browser UI, served from the routes table in `shared/api/routes.ts`.
 *
 * Invariants (each one defends against another program or web page on this machine):
 * - it listens on 127.0.0.1 only;
 * - every request's Host, and Origin when sent, names this server by loopback address, so a
 *   page on a DNS-rebound name or a foreign origin gets 403 before anything else runs;
 * - every `/v1` request and the events and sync sockets carry the bearer token, never in the URL;
 *   an agent's token calls the API as that agent (the one permission check judges it); the
 *   events and sync sockets take the owner's token only, and an agent's there gets 403;
 * - every request made with an agent's token is in the audit, those that never became a call too;
 * - bodies are JSON objects of at most 64 KiB; errors are `{error: {code, message}}` and a
 *   500 never carries a stack trace;
 * - static UI files need no token (the page reads it from its URL fragment) and never escape
 *   `staticDir` (static-files.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { realpath } from 'node:fs/promises'
import { STATUS_CODES, createServer } from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { WebSocket } from 'ws'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { ErrorData } from '../../../shared/errors.ts'
import type { PeerApi, PeerEventName, PeerEventSource } from '../../../shared/api/peer-api.ts'
import {
  BEARER_SUBPROTOCOL_PREFIX, EVENTS_SUBPROTOCOL, PEER_EVENT_NAMES, bodyLimit,
  buildCallInput, httpStatusFor, matchRoute,
} from '../../../shared/api/routes.ts'
import type { CallRoute, RouteParams } from '../../../shared/api/routes.ts'
import { hasBody } from '../../../shared/api/operation.ts'
import { SYNC_PATH, SYNC_SUBPROTOCOL } from '../../../shared/api/doc-sync-wire.ts'
import type { WindowSync } from '../sync/window-sync-adapter.ts'
import type { AgentCaller } from '../agents/agent-calls.ts'
import { openApiDocument } from './openapi.ts'
import { syncSockets } from './sync-socket.ts'
import { serveStatic } from './static-files.ts'

export interface ApiServerOptions {
  api: PeerApi
  events: PeerEventSource
  /** Where a window's live documents sync (`peer.windows`); when unset, `/v1/sync` is not served. */
  sync?: WindowSync
  /** The bearer token, from `loadOrCreateToken`. */
  token: string
  /** Agents' tokens (`peer.agents`): each calls the API as its agent. */
  agents?: { byToken(token: string): AgentCaller | undefined }
  /** 0 (the default) picks a free port. */
  port?: number
  /** Folder of the built web UI; when unset only `/v1` is served. */
  staticDir?: string
  log?: (msg: string, data?: unknown) => void
}

export interface ApiServer {
  /** `http://127.0.0.1:PORT`, the base URL clients use. */
  url: string
  port: number
  /** Closes event sockets, aborts calls in flight and stops listening; safe to call twice. */
  close(): Promise<void>
}

const LOOPBACK = '127.0.0.1'
const EVENTS_PATH = '/v1/events'
// 'wasm-unsafe-eval' lets Automerge's WebAssembly compile (live page documents); it allows no eval of script.
// worker-src 'self': the map's force layout runs in a module worker built from the app's own files
// (renderer/features/map/layout-worker.ts); workers from blob: URLs (as graphology's own FA2 worker makes) stay refused.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; img-src 'self' data:; " +
  "style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
/** An events client that lets this much pile up is not reading; it is dropped, not buffered forever. */
const MAX_WS_BUFFERED = 1 << 20
const WS_CLOSE_GRACE_MS = 1000

/** A failure answered with a specific HTTP status rather than the one its code maps to. */
class HttpError extends CommonweaveError {
  readonly status: number
  readonly headers: Record<string, string>
  constructor(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(code, message)
    this.status = status
    this.headers = headers
  }
}

/** Starts the local API on 127.0.0.1 and resolves once it is listening. */
export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const log = opts.log ?? (() => {})
  const tokenDigest = digest(opts.token)
  const staticRoot = opts.staticDir === undefined ? null : await realpath(opts.staticDir)
  let port = 0
  let openApi: object | null = null

  const tokenMatches = (candidate: string): boolean => timingSafeEqual(digest(candidate), tokenDigest)
  const bearerOf = (header: string | undefined): string | undefined => /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1]
  const bearerOk = (header: string | undefined): boolean => {
    const bearer = bearerOf(header)
    return bearer !== undefined && tokenMatches(bearer)
  }
  /** Who calls with this Authorization header: the owner (null), an agent, or nobody known (undefined). */
  const callerOf = (header: string | undefined): AgentCaller | null | undefined => {
    const bearer = bearerOf(header)
    if (bearer === undefined) return undefined
    return tokenMatches(bearer) ? null : opts.agents?.byToken(bearer)
  }

  /** Why the request does not come from a page of ours, or null when it does. */
  const foreignReason = (h: IncomingHttpHeaders): string | null => {
    const host = h.host?.toLowerCase()
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      return `Host "${h.host ?? ''}" is not this API; use http://${LOOPBACK}:${port}`
    }
    const origin = h.origin?.toLowerCase()
    if (origin !== undefined && origin !== `http://${LOOPBACK}:${port}` && origin !== `http://localhost:${port}`) {
      return `Origin "${h.origin}" may not call this API`
    }
    return null
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'no-referrer')
    res.setHeader('Content-Security-Policy', CSP)
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
    const foreign = foreignReason(req.headers)
    if (foreign) throw new HttpError(403, ErrorCode.Forbidden, foreign)
    const path = pathOf(req.url)
    if (path === '/v1' || path.startsWith('/v1/')) return await handleApi(req, res, path)
    if (staticRoot && (req.method === 'GET' || req.method === 'HEAD')) return await serveStatic(req, res, staticRoot, path)
    throw new HttpError(404, ErrorCode.NotFound, `Nothing at ${path}`)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store')
    const caller = callerOf(req.headers.authorization)
    if (caller === undefined) {
      throw new HttpError(401, ErrorCode.Unauthorized,
        'Send the API token as "Authorization: Bearer <token>"; it is in <dataDir>/api-token',
        { 'WWW-Authenticate': 'Bearer' })
    }
    const match = matchRoute(req.method ?? '', path)
    if (caller === null) return answerApi(req, res, path, match, null)
    // An agent's request is audited even where it never becomes a call of its API (no such
    // route, a body refused): its API records the calls that reach it.
    try {
      await answerApi(req, res, path, match, caller)
    } catch (err) {
      const op = !match.found ? 'unknown-route' : match.route.kind === 'call' ? match.route.op : `${match.route.kind}-route`
      caller.unreached(op, err, { input: match.found ? match.params : undefined, request: `${req.method ?? ''} ${path.slice(0, 120)}` })
      throw err
    }
  }

  async function answerApi(req: IncomingMessage, res: ServerResponse, path: string, match: ReturnType<typeof matchRoute>, caller: AgentCaller | null): Promise<void> {
    if (!match.found) {
      if (match.allow.length === 0) throw new HttpError(404, ErrorCode.NotFound, `No API route ${path}`)
      throw new HttpError(405, ErrorCode.BadRequest, `${req.method} is not allowed on ${path}`,
        { Allow: match.allow.join(', ') })
    }
    const { route } = match
    if (route.kind !== 'call') {
      if (route.kind === 'openapi') return sendJson(res, 200, openApi ??= openApiDocument())
      throw new HttpError(426, ErrorCode.BadRequest, `${EVENTS_PATH} is a WebSocket`, { Upgrade: 'websocket' })
    }
    const body = hasBody(route.method) ? await readJsonObject(req, bodyLimit(route)) : route.query ? queryOf(req.url) : undefined
    sendJson(res, route.status, await invoke(route, match.params, body, res, caller))
  }

  async function invoke(route: CallRoute, params: RouteParams, body: unknown, res: ServerResponse, agent: AgentCaller | null): Promise<unknown> {
    const input = buildCallInput(route, params, body)
    // A client that hangs up (Ctrl-C on `commonweave join`) cancels the call behind it.
    const abort = new AbortController()
    res.once('close', () => { if (!res.writableFinished) abort.abort() })
    const api = agent?.api ?? opts.api
    const method = api[route.op] as (input: unknown, signal: AbortSignal) => Promise<unknown>
    return (await method.call(api, input, abort.signal)) ?? null
  }

  function fail(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    const status = err instanceof HttpError ? err.status
      : err instanceof CommonweaveError ? httpStatusFor(err.code) : 500
    if (status >= 500) log('api: request failed', { method: req.method, path: req.url, error: describe(err) })
    if (res.headersSent) {
      res.destroy()
      return
    }
    if (err instanceof HttpError) for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v)
    res.setHeader('Cache-Control', 'no-store')
    sendJson(res, status, { error: wireError(err) })
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 4096,
    // Never echo `bearer.<token>`: the selected protocol is always ours.
    handleProtocols: (offered) => (offered.has(EVENTS_SUBPROTOCOL) ? EVENTS_SUBPROTOCOL : false),
  })

  const sync = opts.sync === undefined ? null : syncSockets(opts.sync, log)

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy())
    const foreign = foreignReason(req.headers)
    if (foreign) return rejectUpgrade(socket, 403, ErrorCode.Forbidden, foreign)
    const path = (req.url ?? '').split('?')[0]
    const protocol = path === EVENTS_PATH ? EVENTS_SUBPROTOCOL : path === SYNC_PATH && sync ? SYNC_SUBPROTOCOL : null
    if (protocol === null) return rejectUpgrade(socket, 404, ErrorCode.NotFound, `Events are at ${EVENTS_PATH}${sync ? `, live documents at ${SYNC_PATH}` : ''}`)
    // Browsers cannot set headers on a WebSocket, so they offer the token as a subprotocol.
    // Both sockets take the owner's token only: a window syncs as this peer, and events tell of the whole peer.
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
    const bearer = offered.find((p) => p.startsWith(BEARER_SUBPROTOCOL_PREFIX))
    const offeredToken = bearer !== undefined && offered.includes(protocol) ? bearer.slice(BEARER_SUBPROTOCOL_PREFIX.length) : undefined
    const byProtocol = offeredToken !== undefined && tokenMatches(offeredToken)
    if (!byProtocol && !bearerOk(req.headers.authorization)) {
      const agent = opts.agents?.byToken(offeredToken ?? bearerOf(req.headers.authorization) ?? '')
      if (agent) {
        const refusal = new CommonweaveError(ErrorCode.Forbidden, `${agent.name} is an agent: its token calls the API only; ${path} takes this peer's owner's token.`)
        agent.unreached(protocol === SYNC_SUBPROTOCOL ? 'sync-socket' : 'events-socket', refusal)
        return rejectUpgrade(socket, 403, refusal.code, refusal.message)
      }
      return rejectUpgrade(socket, 401, ErrorCode.Unauthorized,
        `Authenticate with "Authorization: Bearer <token>" or the subprotocols "${protocol}, bearer.<token>"`,
        { 'WWW-Authenticate': 'Bearer' })
    }
    if (protocol === SYNC_SUBPROTOCOL) return sync?.accept(req, socket, head)
    wss.handleUpgrade(req, socket, head, (ws) => subscribe(ws))
  }

  function subscribe(ws: WebSocket): void {
    const offs = PEER_EVENT_NAMES.map((name) => opts.events.on(name, (payload) => send(ws, name, payload)))
    ws.once('close', () => { for (const off of offs) off() })
    ws.on('error', (err) => log('api: events socket error', { error: describe(err) }))
  }

  function send(ws: WebSocket, event: PeerEventName, payload: unknown): void {
    // Runs inside the peer's emitter: nothing here may throw back into it.
    try {
      if (ws.readyState !== ws.OPEN) return
      if (ws.bufferedAmount > MAX_WS_BUFFERED) return ws.close(1013, 'events client is not reading')
      ws.send(JSON.stringify({ event, payload }))
    } catch (err) {
      log('api: could not send event', { event, error: describe(err) })
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => fail(req, res, err))
  })
  server.on('upgrade', onUpgrade)
  await new Promise<void>((resolveListen, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(err.code === 'EADDRINUSE'
        ? new CommonweaveError(ErrorCode.AddressInUse, `Port ${opts.port} on ${LOOPBACK} is already in use: choose another --api-port, or leave it out to get a free one`)
        : new CommonweaveError(ErrorCode.Internal, `The API could not listen on ${LOOPBACK}:${opts.port ?? 0}: ${err.message}`))
    }
    server.once('error', onError)
    server.listen(opts.port ?? 0, LOOPBACK, () => {
      server.off('error', onError)
      port = (server.address() as AddressInfo).port
      resolveListen()
    })
  })
  server.on('error', (err) => log('api: server error', { error: describe(err) }))

  let closing: Promise<void> | null = null
  const close = (): Promise<void> => (closing ??= (async () => {
    const clients = [...wss.clients, ...(sync?.clients() ?? [])]
    for (const ws of clients) ws.close(1001, 'the peer is shutting down')
    await Promise.all(clients.map((ws) => closedWithin(ws, WS_CLOSE_GRACE_MS)))
    wss.close()
    sync?.close()
    const stopped = new Promise<void>((done) => server.close(() => done()))
    // Requests in flight (a long join) would hold close() open; dropping them aborts their calls.
    server.closeAllConnections()
    await stopped
  })())

  const url = `http://${LOOPBACK}:${port}`
  log('api: listening', { url })
  return { url, port, close }
}

/** The path of a request target, still percent-encoded; anything but origin-form is refused. */
function pathOf(target: string | undefined): string {
  const path = (target ?? '').split('?')[0] as string
  if (!path.startsWith('/') || path.startsWith('//')) {
    throw new HttpError(400, ErrorCode.BadRequest, 'The request target must be a path')
  }
  return path
}

/** A GET's query string as an object of strings (the route's schema checks and converts them). */
function queryOf(target: string | undefined): Record<string, string> {
  const at = (target ?? '').indexOf('?')
  return at < 0 ? {} : Object.fromEntries(new URLSearchParams((target ?? '').slice(at + 1)))
}

/** Reads a JSON object body, enforcing type and size before anything is parsed. */
async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new HttpError(415, ErrorCode.BadRequest, 'Send the body as Content-Type: application/json')
  }
  // Connection: close so Node does not read the rest of an oversized body to reuse the socket.
  const tooLarge = (): HttpError => new HttpError(413, ErrorCode.BadRequest,
    `The body is larger than ${limit} bytes`, { Connection: 'close' })
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge()
  const raw = await new Promise<Buffer>((done, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      req.off('data', onData)
      req.pause()
      reject(tooLarge())
    }
    req.on('data', onData)
    req.once('end', () => done(Buffer.concat(chunks)))
    req.once('error', reject)
  })
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw))
  } catch {
    throw new HttpError(400, ErrorCode.BadRequest, 'The body is not valid UTF-8 JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, ErrorCode.BadRequest, 'The body must be a JSON object')
  }
  return value as Record<string, unknown>
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent || res.destroyed) return
  const body = JSON.stringify(value)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

/** The error as it crosses the wire: code and message, details only when they serialize. */
function wireError(err: unknown): ErrorData {
  if (!(err instanceof CommonweaveError)) {
    // Node system errors carry their own `code` (ENOENT...), which is not one of ours.
    return { code: ErrorCode.Internal, message: err instanceof Error ? err.message : 'Internal error' }
  }
  const data: ErrorData = { code: err.code, message: err.message }
  if (err.details !== undefined && !(err instanceof HttpError)) {
    try {
      data.details = JSON.parse(JSON.stringify(err.details)) as unknown
    } catch {
      // Details that do not serialize are dropped; the code and message still tell the story.
    }
  }
  return data
}

function rejectUpgrade(socket: Duplex, status: number, code: ErrorCode, message: string,
  headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { code, message } })
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ]
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`)
}

function closedWithin(ws: WebSocket, ms: number): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve()
  return new Promise((done) => {
    const timer = setTimeout(() => { ws.terminate(); done() }, ms)
    ws.once('close', () => { clearTimeout(timer); done() })
  })
}

function digest(text: string): Buffer {
  // Hashing first gives timingSafeEqual two equal-length buffers and hides the token's length.
  return createHash('sha256').update(text, 'utf8').digest()
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err)
}
