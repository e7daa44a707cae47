/**
 * The local API server around a fake `PeerApi`: what another program, a web page or the CLI
 * sees when it talks to the daemon. The peer itself is tested elsewhere.
 */
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import { connect, createServer } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { PeerApi, SpaceSummary } from '../../shared/api/peer-api.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { Did, PeerIdString, SpaceId } from '../../shared/ids.ts'
import { startApiServer } from '../../electron/peer/api/http-server.ts'
import type { ApiServer } from '../../electron/peer/api/http-server.ts'
import { loadOrCreateToken } from '../../electron/peer/api/token.ts'
import { BOB, FOUNDER_ACCESS, UNKNOWN_GRANT, fakePeer } from '../helpers/fake-peer-api.ts'

const POSIX = process.platform !== 'win32'

async function waitFor(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are inspected loosely in assertions
interface Reply { status: number; headers: IncomingHttpHeaders; text: string; json: any }

let dir: string
let token: string
let server: ApiServer
let peer: ReturnType<typeof fakePeer>

/** A raw request, so tests can set any Host, Origin or body; defaults are a well-behaved client. */
function raw(o: { method?: string; path: string; headers?: Record<string, string | undefined>; body?: string | Buffer; chunked?: boolean }): Promise<Reply> {
  const headers: Record<string, string> = {}
  const wanted = { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${token}`, ...o.headers }
  for (const [k, v] of Object.entries(wanted)) if (v !== undefined) headers[k] = v
  if (o.body !== undefined && !o.chunked) headers['content-length'] = String(Buffer.byteLength(o.body))
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: o.method ?? 'GET', path: o.path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let json: unknown
        try { json = JSON.parse(text) } catch { json = undefined }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
      })
    })
    // The server may close while an oversized body is still being sent; the reply already came.
    req.on('error', reject)
    if (o.body !== undefined) req.write(o.body)
    req.end()
  })
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  raw({ method: 'POST', path, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-api-'))
  await mkdir(join(dir, 'ui'))
  await writeFile(join(dir, 'ui', 'index.html'), '<!doctype html><title>Commonweave</title>')
  await writeFile(join(dir, 'ui', 'app.js'), 'console.log("ui")')
  await writeFile(join(dir, 'ui', '.env'), 'HIDDEN=1')
  await writeFile(join(dir, 'secret.txt'), 'TOP-SECRET')
  token = await loadOrCreateToken(dir)
  peer = fakePeer()
  server = await startApiServer({ api: peer.api, events: peer.events, token, staticDir: join(dir, 'ui') })
})

afterAll(async () => {
  await server?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('api token', () => {
  test('is 64 hex chars in a 0600 file, and the same on every load', async () => {
    expect(token).toMatch(/^[0-9a-f]{64}$/)
    if (POSIX) expect((await stat(join(dir, 'api-token'))).mode & 0o777).toBe(0o600)
    expect(await loadOrCreateToken(dir)).toBe(token)
  })

  test.skipIf(!POSIX)('a file left readable by others is narrowed back to 0600', async () => {
    await chmod(join(dir, 'api-token'), 0o644)
    expect(await loadOrCreateToken(dir)).toBe(token)
    expect((await stat(join(dir, 'api-token'))).mode & 0o777).toBe(0o600)
  })

  test('a malformed file is refused, a missing data dir says so', async () => {
    const other = await mkdtemp(join(tmpdir(), 'cw-token-'))
    await writeFile(join(other, 'api-token'), 'not-a-token\n', { mode: 0o600 })
    await expect(loadOrCreateToken(other)).rejects.toThrow(/malformed/)
    await expect(loadOrCreateToken(join(other, 'nope'))).rejects.toMatchObject({ code: ErrorCode.DataDirMissing })
    await rm(other, { recursive: true, force: true })
  })
})

describe('who may call', () => {
  test('the server listens on 127.0.0.1 only', async (ctx) => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    // "0.0.0.0" as a Host name is refused like any other foreign name.
    expect((await raw({ path: '/v1/status', headers: { host: `0.0.0.0:${server.port}` } })).status).toBe(403)
    const lan = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)
    if (!lan) return ctx.skip('no non-loopback IPv4 interface on this machine to try the port on')
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const s = connect(server.port, lan.address)
      s.on('connect', () => { s.destroy(); resolve(Object.assign(new Error('connected'), { code: 'CONNECTED' })) })
      s.on('error', resolve)
    })
    expect(err.code).toBe('ECONNREFUSED')
  })

  test('no token, a wrong token, or a token in the query string gets 401', async () => {
    for (const r of [
      await raw({ path: '/v1/status', headers: { authorization: undefined } }),
      await raw({ path: '/v1/status', headers: { authorization: `Bearer ${'0'.repeat(64)}` } }),
      await raw({ path: `/v1/status?token=${token}`, headers: { authorization: undefined } }),
    ]) {
      expect(r.status).toBe(401)
      expect(r.headers['www-authenticate']).toBe('Bearer')
      expect(r.json.error.code).toBe('UNAUTHORIZED')
    }
  })

  test('a foreign Host or Origin gets 403 even with the token', async () => {
    const host = await raw({ path: '/v1/status', headers: { host: `evil.example:${server.port}` } })
    expect(host.status).toBe(403)
    expect(host.json.error.code).toBe('FORBIDDEN')
    const origin = await raw({ path: '/v1/status', headers: { origin: 'http://evil.example' } })
    expect(origin.status).toBe(403)
    expect((await raw({ path: '/', headers: { host: `evil.example:${server.port}` } })).status).toBe(403)
    const ours = await raw({ path: '/v1/status', headers: { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` } })
    expect(ours.status).toBe(200)
    expect(ours.headers['cache-control']).toBe('no-store')
  })
})

describe('requests and errors', () => {
  test('bad bodies: 415, 413 (declared and streamed), 400', async () => {
    const r415 = await raw({ method: 'POST', path: '/v1/spaces', body: '{"name":"x"}', headers: { 'content-type': 'text/plain' } })
    expect([r415.status, r415.json.error.code]).toEqual([415, 'BAD_REQUEST'])
    const big = JSON.stringify({ name: 'x'.repeat(64 * 1024) })
    const r413 = await raw({ method: 'POST', path: '/v1/spaces', body: big, headers: { 'content-type': 'application/json' } })
    expect([r413.status, r413.json.error.code]).toEqual([413, 'BAD_REQUEST'])
    const r413s = await raw({ method: 'POST', path: '/v1/spaces', body: big, chunked: true, headers: { 'content-type': 'application/json' } })
    expect([r413s.status, r413s.json.error.code]).toEqual([413, 'BAD_REQUEST'])
    for (const body of ['{"name":', '[1,2]', '"x"', '']) {
      const r = await raw({ method: 'POST', path: '/v1/spaces', body, headers: { 'content-type': 'application/json' } })
      expect([r.status, r.json.error.code]).toEqual([400, 'BAD_REQUEST'])
    }
  })

  test('unknown routes 404, wrong methods 405, both as JSON', async () => {
    const r404 = await raw({ path: '/v1/nope' })
    expect([r404.status, r404.json.error.code]).toEqual([404, 'NOT_FOUND'])
    const r405 = await raw({ method: 'DELETE', path: '/v1/spaces' })
    expect([r405.status, r405.json.error.code]).toEqual([405, 'BAD_REQUEST'])
    expect(r405.headers.allow).toBe('GET, POST')
  })

  test('invalid input and thrown validation errors are 400 VALIDATION_FAILED', async () => {
    for (const body of [{ name: '' }, { name: 'ok', extra: 1 }, { name: 'reserved' }]) {
      const r = await post('/v1/spaces', body)
      expect([r.status, r.json.error.code]).toEqual([400, 'VALIDATION_FAILED'])
    }
    const kind = await post('/v1/spaces/space1/resources', { kind: 'bogus', title: 't' })
    expect(kind.json.error.code).toBe('VALIDATION_FAILED')
    expect(kind.json.error.message).toMatch(/offer, need, tool, facility, skill/)
  })

  test('a title or name with nothing visible, or with control characters, is 400 VALIDATION_FAILED in words', async () => {
    for (const [path, body, field] of [
      ['/v1/spaces/space1/resources', { kind: 'tool', title: '\u200b\u200b' }, 'title'],
      ['/v1/spaces/space1/resources', { kind: 'tool', title: '\u202e' }, 'title'],
      ['/v1/spaces/space1/resources', { kind: 'tool', title: 'Ladder\x1b]0;pwned\x07' }, 'title'],
      ['/v1/spaces', { name: '\u2066\u2069' }, 'name'],
      ['/v1/spaces/space1/pools', { name: '\u3164' }, 'name'],
      ['/v1/spaces/space1/bookings', { resource: 'abcd', from: '2027-01-01T09:00:00Z', to: '2027-01-01T10:00:00Z', note: 'ok\r\nforged' }, 'note'],
    ] as const) {
      const r = await post(path, body)
      expect([r.status, r.json.error.code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED'])
      expect(r.json.error.details).toEqual([expect.objectContaining({ path: field, message: expect.stringMatching(/visible character|control characters/) })])
    }
  })

  test('grant bodies and ids are checked before the peer sees them; grant errors keep their status', async () => {
    const { spaceId } = (await post('/v1/spaces', { name: 'Grants' })).json as SpaceSummary
    const good = { to: BOB, cmd: 'read', docs: ['resources'], purpose: 'matching' }
    for (const [body, path] of [
      [{ ...good, to: 'bob' }, 'to'], [{ ...good, cmd: 'admin' }, 'cmd'], [{ ...good, docs: [] }, 'docs'], [{ ...good, dlg: 2 }, ''],
    ] as const) {
      const r = await post(`/v1/spaces/${spaceId}/grants`, body)
      expect([r.status, r.json.error.code]).toEqual([400, 'VALIDATION_FAILED'])
      expect(r.json.error.details).toEqual([expect.objectContaining({ path })])
    }
    const id = await post('/v1/grants/not-a-grant/revoke', {})
    expect([id.status, id.json.error]).toEqual([400, expect.objectContaining({ code: 'VALIDATION_FAILED', message: 'grantId: grantId is not a grant id' })])
    const purpose = await post(`/v1/spaces/${spaceId}/grants`, { ...good, purpose: 'surveillance' })
    expect([purpose.status, purpose.json.error.code]).toEqual([400, 'PURPOSE_UNKNOWN'])
    const missing = await post(`/v1/grants/${UNKNOWN_GRANT}/revoke`, {})
    expect([missing.status, missing.json.error.code]).toEqual([404, 'GRANT_NOT_FOUND'])
    const expired = await post('/v1/grants/accept', { code: 'cwg1.expired' })
    expect([expired.status, expired.json.error.code]).toEqual([410, 'GRANT_EXPIRED'])
    const created = await post(`/v1/spaces/${spaceId}/grants`, good)
    expect([created.status, created.json.grant.audience]).toEqual([201, BOB])
  })

  test('a plain Error is a 500 INTERNAL without a stack trace', async () => {
    const r = await post('/v1/spaces', { name: 'explode' })
    expect(r.status).toBe(500)
    expect(r.json).toEqual({ error: { code: 'INTERNAL', message: 'disk on fire' } })
    expect(r.text).not.toMatch(/\bat .*\.ts:\d+/)
  })

  test('the OpenAPI document describes every route and needs the token', async () => {
    const doc = await raw({ path: '/v1/openapi.json' })
    expect(doc.json.openapi).toBe('3.1.0')
    expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(['/v1/status', '/v1/join', '/v1/spaces/{spaceId}/resources']))
    const add = doc.json.paths['/v1/spaces/{spaceId}/resources'].post
    expect(add.requestBody.content['application/json'].schema.properties.kind.enum).toEqual(['offer', 'need', 'tool', 'facility', 'skill'])
    expect(doc.json.components.securitySchemes.bearer.scheme).toBe('bearer')
    const grant = doc.json.paths['/v1/spaces/{spaceId}/grants'].post
    expect(grant.requestBody.content['application/json'].schema.properties.cmd.enum).toEqual(['read', 'write'])
    expect(grant.responses[201].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/GrantResult' })
    expect(doc.json.paths['/v1/grants/{grantId}/revoke'].post.responses[404].description).toContain('GRANT_NOT_FOUND')
    expect(doc.json.components.schemas.SpaceSummary.properties.role.enum).toContain('guest')
    for (const name of ['GrantSummary', 'GrantResult', 'AuditEntry', 'WhoAmI', 'RevocationResult', 'SpaceAccess']) {
      expect(doc.json.components.schemas[name], name).toBeDefined()
    }
    expect((await raw({ path: '/v1/openapi.json', headers: { authorization: undefined } })).status).toBe(401)
  })
})

describe('http client', () => {
  const client = (t = token): PeerApi => createHttpClient({ url: server.url, token: t })

  test('round-trips values', async () => {
    const c = client()
    expect((await c.status()).name).toBe('ada')
    const space = await c.createSpace({ name: 'Allotment' })
    expect(await c.listSpaces()).toContainEqual(space)
    const invite = await c.createInvite({ spaceId: space.spaceId, expiresInSeconds: 60 })
    expect(invite).toEqual({ code: `cw1.${space.spaceId}`, spaceId: space.spaceId, expiresAt: '2025-01-01T00:01:00.000Z', uses: 1 })
    const added = await c.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Ladder', tags: ['Garden'] })
    expect(added.tags).toEqual(['garden'])
    expect((await c.listResources({ spaceId: space.spaceId })).items).toContainEqual(added)
    expect(await c.joinSpace({ code: invite.code })).toEqual(space)
  })

  test('round-trips a grant: create, list, accept, revoke, audit, whoami', async () => {
    const c = client()
    const { spaceId } = await c.createSpace({ name: 'Seed Swap' })
    const { grant, code } = await c.createGrant({
      spaceId, to: BOB, cmd: 'read', docs: ['resources'], purpose: 'matching', expiresInSeconds: 3600, note: 'for the swap',
    })
    expect(grant).toMatchObject({
      spaceId, audience: BOB, cmd: '/doc/read', docs: ['resources'], purpose: 'matching', status: 'valid',
      expiresAt: '2025-01-01T01:00:00.000Z', note: 'for the swap',
    })
    expect(code).toBe(`cwg1.${grant.grantId}`)
    expect(await c.listGrants({ spaceId })).toEqual([grant])
    expect(await c.acceptGrant({ code })).toMatchObject({
      spaceId, role: 'guest', access: { cmd: '/doc/read', docs: ['resources'], purpose: 'matching', expiresAt: grant.expiresAt },
    })

    expect(await c.revokeGrant({ grantId: grant.grantId })).toEqual({ grantId: grant.grantId, spaceId, revokedAt: '2025-01-01T00:01:00.000Z' })
    expect(await c.listGrants({ spaceId })).toEqual([{ ...grant, status: 'revoked', problem: { code: 'GRANT_REVOKED', message: 'revoked' } }])
    expect((await c.audit({ spaceId })).map((e) => [e.kind, e.grantId])).toEqual([['grant-issued', grant.grantId], ['grant-revoked', grant.grantId]])
    await expect(c.revokeGrant({ grantId: UNKNOWN_GRANT })).rejects.toMatchObject({ code: 'GRANT_NOT_FOUND' })
    await expect(c.revokeGrant({ grantId: 'nope' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await expect(c.createGrant({ spaceId, to: 'did:web:x' as Did, cmd: 'read', docs: ['resources'], purpose: 'matching' }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    expect((await c.whoami()).spaces).toContainEqual({ spaceId, name: 'Seed Swap', role: 'founder', access: FOUNDER_ACCESS })
  })

  test('re-throws the daemon error code', async () => {
    const c = client()
    await expect(c.createInvite({ spaceId: 'nope' as SpaceId })).rejects.toMatchObject({ code: 'SPACE_NOT_FOUND' })
    await expect(c.joinSpace({ code: 'cw1.expired' })).rejects.toMatchObject({ code: 'INVITE_EXPIRED' })
    await expect(c.createSpace({ name: 'reserved' })).rejects.toBeInstanceOf(CommonweaveError)
    await expect(client('f'.repeat(64)).status()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })

  test('aborting a join cancels it at the daemon', async () => {
    const ac = new AbortController()
    const join = client().joinSpace({ code: 'cw1.hang' }, ac.signal)
    await waitFor(() => peer.hung.length === 1, 'the daemon to start the join')
    ac.abort()
    await expect(join).rejects.toMatchObject({ code: 'ABORTED' })
    await waitFor(() => peer.hung[0]?.aborted === true, 'the daemon to see the cancellation')
  })

  test('a closed port means DAEMON_NOT_RUNNING', async () => {
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as { port: number }).port
    await new Promise((r) => probe.close(r))
    const err = await createHttpClient({ url: `http://127.0.0.1:${port}`, token }).status().catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'DAEMON_NOT_RUNNING' })
    expect((err as Error).message).toMatch(/commonweave start/)
  })
})

describe('events socket', () => {
  const wsUrl = (): string => `ws://127.0.0.1:${server.port}/v1/events`
  const opened = (ws: WebSocket): Promise<void> => new Promise((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const refusal = (ws: WebSocket): Promise<number> => new Promise((resolve, reject) => {
    ws.on('error', () => {})
    ws.once('unexpected-response', (req, res) => { resolve(res.statusCode ?? 0); req.destroy() })
    ws.once('open', () => reject(new Error('the socket opened')))
  })
  const nextMessage = (ws: WebSocket): Promise<unknown> => new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data))))
  })

  test('delivers events with header auth, and unsubscribes on close', async () => {
    const ws = new WebSocket(wsUrl(), { headers: { Authorization: `Bearer ${token}` } })
    await opened(ws)
    await waitFor(() => peer.subscribers() > 0, 'the server to subscribe')
    const msg = nextMessage(ws)
    peer.fire('peer:connect', { peerId: '12D3KooWother' as PeerIdString, addr: '/ip4/10.0.0.2/tcp/4001' })
    expect(await msg).toEqual({ event: 'peer:connect', payload: { peerId: '12D3KooWother', addr: '/ip4/10.0.0.2/tcp/4001' } })
    ws.close()
    await waitFor(() => peer.subscribers() === 0, 'the server to unsubscribe after close')
  })

  test('delivers events with subprotocol auth, selecting commonweave.v1', async () => {
    const ws = new WebSocket(wsUrl(), ['commonweave.v1', `bearer.${token}`])
    await opened(ws)
    expect(ws.protocol).toBe('commonweave.v1')
    await waitFor(() => peer.subscribers() > 0, 'the server to subscribe')
    const msg = nextMessage(ws)
    peer.fire('collection:changed', { spaceId: 'space1' as SpaceId, collection: 'resources', ids: ['r1'] })
    expect(await msg).toEqual({ event: 'collection:changed', payload: { spaceId: 'space1', collection: 'resources', ids: ['r1'] } })
    ws.close()
  })

  test('refuses no token, a wrong token and a foreign Origin', async () => {
    expect(await refusal(new WebSocket(wsUrl()))).toBe(401)
    expect(await refusal(new WebSocket(wsUrl(), ['commonweave.v1', `bearer.${'0'.repeat(64)}`]))).toBe(401)
    expect(await refusal(new WebSocket(wsUrl(), { headers: { Authorization: `Bearer ${token}` }, origin: 'http://evil.example' }))).toBe(403)
  })
})

describe('static UI', () => {
  test('serves index.html and assets without a token, with the security headers', async () => {
    const index = await raw({ path: '/', headers: { authorization: undefined } })
    expect(index.status).toBe(200)
    expect(index.text).toContain('<title>Commonweave</title>')
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    // WebAssembly may compile (Automerge, for live page documents); nothing may be eval'd; workers only from the app's files (the map's layout).
    expect(index.headers['content-security-policy']).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; " +
      "img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    expect(index.headers['referrer-policy']).toBe('no-referrer')
    expect((await raw({ path: '/app.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  test('never serves files outside the folder, or dotfiles', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/..%5csecret.txt', '/a/../../secret.txt', '/.env']) {
      const r = await raw({ path })
      expect(r.status, path).toBe(404)
      expect(r.text).not.toMatch(/TOP-SECRET|HIDDEN/)
    }
  })
})

describe('shutdown', () => {
  test('close() closes event sockets and is safe to call twice', async () => {
    const p = fakePeer()
    const s = await startApiServer({ api: p.api, events: p.events, token })
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/v1/events`, { headers: { Authorization: `Bearer ${token}` } })
    await new Promise((r) => ws.once('open', r))
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)))
    await Promise.all([s.close(), s.close()])
    await s.close()
    expect(await closed).toBe(1001)
    expect(p.subscribers()).toBe(0)
    await expect(createHttpClient({ url: s.url, token }).status()).rejects.toMatchObject({ code: 'DAEMON_NOT_RUNNING' })
  })
})
