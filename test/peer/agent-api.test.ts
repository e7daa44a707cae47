/**
 * Agents over the real local API of a real peer (must-show 3): an agent holds its own key, a
 * short grant and a token; every call made with that token passes the one permission check
 * (collections, command, purpose, expiry, revocation) and is in the audit under its name.
 * The owner's token stays all-powerful; an agent's never is.
 */
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { AgentResult } from '../../shared/api/agents-api.ts'
import { AuditKind, type AuditEntry, type PeerApi } from '../../shared/api/peer-api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { startApiServer, type ApiServer } from '../../electron/peer/api/http-server.ts'
import { loadOrCreateToken } from '../../electron/peer/api/token.ts'
import { AGENTS_FILE } from '../../electron/peer/agents/agent-store.ts'
import { Peers, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

const peers = new Peers()
let a: TestPeer
let server: ApiServer
let owner: PeerApi
let spaceId: SpaceId
let otherSpace: SpaceId

const clientOf = (token: string): PeerApi => createHttpClient({ url: server.url, token })
const agentCalls = async (name: string): Promise<AuditEntry[]> =>
  (await owner.audit({ spaceId })).filter((e) => e.kind === AuditKind.AgentCall && e.name === name)

beforeAll(async () => {
  a = await peers.start('Ana')
  server = await startApiServer({ api: a.peer.api, events: a.peer.events, sync: a.peer.windows, agents: a.peer.agents, token: await loadOrCreateToken(a.dataDir) })
  owner = clientOf(await loadOrCreateToken(a.dataDir))
  spaceId = (await owner.createSpace({ name: 'Riverside co-op' })).spaceId
  otherSpace = (await owner.createSpace({ name: 'Allotment' })).spaceId
  await owner.addResource({ spaceId, kind: 'offer', title: 'Cargo bike to lend', tags: ['transport'] })
  await owner.createPage({ spaceId, title: 'Bike rota', markdown: 'Who rides when.' })
  await owner.addResource({ spaceId: otherSpace, kind: 'tool', title: 'Allotment rotavator' })
}, 60_000)

/** How the server answers a socket opened with an agent's token. */
function socketRefusal(path: string, token: string, protocol?: string): Promise<{ status: number; body: string }> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}${path}`, protocol, { headers: { Authorization: `Bearer ${token}` } })
  return new Promise((resolve, reject) => {
    ws.on('error', () => {})
    ws.once('unexpected-response', (req, res) => {
      let body = ''
      res.on('data', (c: Buffer) => { body += c.toString('utf8') })
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body }); req.destroy() })
    })
    ws.once('open', () => reject(new Error(`${path} opened to an agent's token`)))
  })
}

afterAll(async () => {
  await server?.close()
  await peers.close()
})

describe('an agent granted read on resources for agent-assist, for an hour', () => {
  let helper: AgentResult
  let agent: PeerApi

  beforeAll(async () => {
    helper = await owner.addAgent({ spaceId, name: 'helper', docs: ['resources'], purpose: 'agent-assist', expiresInSeconds: 3600 })
    agent = clientOf(helper.token)
  })

  it('gets its own key, a grant in the space\'s consent and a token shown once; the key never leaves the peer', async () => {
    expect(helper).toMatchObject({ name: 'helper', spaceName: 'Riverside co-op', cmd: 'read', docs: ['resources'], purpose: 'agent-assist', status: 'active', calls: 0 })
    expect(helper.did).toMatch(/^did:key:z6Mk/)
    expect(helper.token).toMatch(/^[0-9a-f]{64}$/)
    const grant = (await owner.listGrants({ spaceId })).find((g) => g.grantId === helper.grantId)
    expect(grant).toMatchObject({ audience: helper.did, cmd: '/doc/read', docs: ['resources'], purpose: 'agent-assist', status: 'valid' })
    const listed = await owner.listAgents({ spaceId })
    expect(JSON.stringify(listed)).not.toContain(helper.token)
    expect(JSON.stringify(listed)).not.toMatch(/seed/)
    expect((await stat(join(a.dataDir, AGENTS_FILE))).mode & 0o777).toBe(0o600)
  })

  it('lists the resources', async () => {
    const page = await agent.listResources({ spaceId })
    expect(page.items.map((r) => r.title)).toEqual(['Cargo bike to lend'])
  })

  it('is FORBIDDEN on pages, on writing resources, in another space of this peer, and on the owner\'s operations', async () => {
    await expect(agent.listPages({ spaceId })).rejects.toMatchObject({ code: ErrorCode.Forbidden, message: /helper's grant does not let it read pages/ })
    await expect(agent.addResource({ spaceId, kind: 'need', title: 'A van' })).rejects.toMatchObject({ code: ErrorCode.Forbidden, message: /write resources/ })
    await expect(agent.listResources({ spaceId: otherSpace })).rejects.toMatchObject({ code: ErrorCode.Forbidden })
    await expect(agent.listAgents({ spaceId })).rejects.toMatchObject({ code: ErrorCode.Forbidden, message: /only this peer's owner/ })
    await expect(agent.createGrant({ spaceId, to: helper.did, cmd: 'write', docs: ['resources'], purpose: 'agent-assist' })).rejects.toMatchObject({ code: ErrorCode.Forbidden })
    expect((await owner.listResources({ spaceId })).items).toHaveLength(1)
  })

  it('is refused on the events socket, with words', async () => {
    const refusal = await socketRefusal('/v1/events', helper.token)
    expect(refusal.status).toBe(403)
    expect(refusal.body).toMatch(/helper is an agent/)
  })

  it('has every call in the audit under its name, with the operation and how it ended', async () => {
    const calls = await agentCalls('helper')
    const seen = calls.map((e) => `${e.op} ${e.outcome}`)
    expect(seen).toEqual(expect.arrayContaining(['listResources ok', 'listPages refused', 'addResource refused', 'listResources refused', 'listAgents refused', 'createGrant refused']))
    expect(calls.every((e) => e.did === helper.did && e.spaceId === spaceId)).toBe(true)
    expect(calls.find((e) => e.outcome === 'refused' && e.op === 'listResources')?.detail).toContain(`in space ${otherSpace}`)
    await waitFor('the count of calls in the agent list', async () => ((await owner.listAgents({ spaceId })).items.find((x) => x.name === 'helper')?.calls ?? 0) >= calls.length)
  })

  it('after a revoke, every call is refused at once, saying when and by whom; it cannot be renewed', async () => {
    const revoked = await owner.revokeAgent({ spaceId, agent: 'helper' })
    expect(revoked.status).toBe('revoked')
    for (const call of [() => agent.listResources({ spaceId }), () => agent.search({ spaceId, query: 'bike' }), () => agent.listPages({ spaceId })]) {
      await expect(call()).rejects.toMatchObject({ code: ErrorCode.GrantRevoked, message: /helper's grant was revoked at \d{4}-.* by Ana/ })
    }
    await expect(owner.renewAgent({ spaceId, agent: 'helper' })).rejects.toMatchObject({ code: ErrorCode.GrantRevoked, message: /Add a new one/ })
    expect((await agentCalls('helper')).filter((e) => e.outcome === 'refused' && /GRANT_REVOKED/.test(e.detail ?? ''))).toHaveLength(3)
  })
})

describe('an agent\'s requests that never become a call', () => {
  it('are in the audit too: a refused body, no such route, a wrong method, the sync socket', async () => {
    const prober = await owner.addAgent({ spaceId, name: 'prober', docs: ['resources'], write: true, purpose: 'agent-assist' })
    const send = (method: string, path: string, body?: string, type = 'application/json'): Promise<number> =>
      fetch(`${server.url}${path}`, { method, headers: { Authorization: `Bearer ${prober.token}`, 'Content-Type': type }, ...(body !== undefined ? { body } : {}) }).then((r) => r.status)
    const resources = `/v1/spaces/${spaceId}/resources`
    expect(await send('POST', resources, 'kind=offer', 'text/plain')).toBe(415)
    expect(await send('POST', resources, JSON.stringify({ kind: 'offer', title: 'x'.repeat(70_000) }))).toBe(413)
    expect(await send('POST', resources, '{"kind": "offer", ')).toBe(400)
    expect(await send('GET', '/v1/spaces/elsewhere/secrets')).toBe(404)
    expect(await send('PATCH', resources, '{}')).toBe(405)
    expect(await send('GET', `/v1/spaces/${spaceId}/pages`)).toBe(403)
    expect((await socketRefusal('/v1/sync', prober.token, 'commonweave.sync.v1')).status).toBe(403)
    expect((await socketRefusal('/v1/events', prober.token)).status).toBe(403)
    const calls = await agentCalls('prober')
    const count = (op: string, outcome: string): number => calls.filter((e) => e.op === op && e.outcome === outcome).reduce((n, e) => n + (e.count ?? 1), 0)
    // A call its API refused is recorded there, once.
    expect({ addResource: count('addResource', 'failed'), route: count('unknown-route', 'failed'), sync: count('sync-socket', 'refused'), events: count('events-socket', 'refused'), pages: count('listPages', 'refused') })
      .toEqual({ addResource: 3, route: 2, sync: 1, events: 1, pages: 1 })
    expect(calls.find((e) => e.op === 'unknown-route')?.detail).toMatch(/^GET \/v1\/spaces\/elsewhere\/secrets: NOT_FOUND/)
  })
})

describe('an agent whose grant runs out', () => {
  it('is refused every call once it expired, with words that say how to renew; renewed, the same token works again', async () => {
    const brief = await owner.addAgent({ spaceId, name: 'brief', docs: ['resources'], purpose: 'agent-assist', expiresInSeconds: 2 })
    const agent = clientOf(brief.token)
    expect((await agent.listResources({ spaceId })).items).toHaveLength(1)
    const err = await waitFor('the grant to expire', () => agent.listResources({ spaceId }).then(() => null, (e: unknown) => e as Error), 10_000, 100)
    expect(err).toMatchObject({ code: ErrorCode.GrantExpired, message: /brief's grant expired at .*; renew it with `commonweave agent renew "Riverside co-op" brief`/ })
    await expect(agent.search({ spaceId, query: 'bike' })).rejects.toMatchObject({ code: ErrorCode.GrantExpired })
    expect((await owner.listAgents({ spaceId })).items.find((x) => x.name === 'brief')?.status).toBe('expired')
    const renewed = await owner.renewAgent({ spaceId, agent: 'brief', expiresInSeconds: 3600 })
    expect(renewed).toMatchObject({ status: 'active' })
    expect(renewed.grantId).not.toBe(brief.grantId)
    expect((await agent.listResources({ spaceId })).items).toHaveLength(1)
    expect((await agentCalls('brief')).map((e) => e.outcome)).toEqual(expect.arrayContaining(['ok', 'refused']))
  }, 20_000)

  it('renewing an active agent leaves one grant in force: the one before is revoked', async () => {
    const steady = await owner.addAgent({ spaceId, name: 'steady', docs: ['resources'], purpose: 'agent-assist', expiresInSeconds: 600 })
    const renewed = await owner.renewAgent({ spaceId, agent: 'steady' })
    const grants = await owner.listGrants({ spaceId })
    expect(grants.find((g) => g.grantId === steady.grantId)?.status).toBe('revoked')
    expect(grants.find((g) => g.grantId === renewed.grantId)?.status).toBe('valid')
    expect(Date.parse(renewed.expires) - Date.now()).toBeGreaterThan(23 * 3600_000)
    expect((await clientOf(steady.token).listResources({ spaceId })).items).toHaveLength(1)
  })
})

describe('writing agents and purposes', () => {
  it('a write grant lets an agent add a resource and a page, the page shown as its own', async () => {
    const scribe = await owner.addAgent({ spaceId, name: 'scribe', docs: ['resources', 'pages'], write: true, purpose: 'agent-assist' })
    const agent = clientOf(scribe.token)
    const offer = await agent.addResource({ spaceId, kind: 'need', title: 'Trailer for the bike' })
    expect(offer.title).toBe('Trailer for the bike')
    const page = await agent.createPage({ spaceId, title: 'Rota notes', markdown: 'Drafted by the assistant.' })
    expect(page).toMatchObject({ createdBy: scribe.did, createdByName: 'scribe (agent)' })
    await expect(agent.proposeDecision({ spaceId, title: 'x', process: 'consent', closes: '72h' })).rejects.toMatchObject({ code: ErrorCode.Forbidden })
  })

  it('a write grant on decisions lets an agent draft a proposal its member signs as author; it never takes a stance', async () => {
    const clerk = await owner.addAgent({ spaceId, name: 'clerk', docs: ['decisions'], write: true, purpose: 'agent-assist' })
    const agent = clientOf(clerk.token)
    const drafted = await agent.proposeDecision({ spaceId, title: 'Buy a second cargo bike', details: 'Asked for by Ana.', process: 'consent', closes: '72h' })
    const me = await owner.whoami()
    expect(drafted).toMatchObject({ author: me.did, verified: true, draftedBy: { did: clerk.did, name: 'clerk' } })
    expect((await owner.getDecision({ spaceId, decisionId: drafted.id })).draftedBy).toEqual({ did: clerk.did, name: 'clerk' })
    await expect(agent.castStance({ spaceId, decisionId: drafted.id, choice: 'consent' })).rejects.toMatchObject({ code: ErrorCode.Forbidden, message: /clerk is an agent/ })
  })

  it('a matching agent may match and read resources but not read pages, and never writes', async () => {
    await expect(owner.addAgent({ spaceId, name: 'eager', docs: ['resources'], write: true, purpose: 'matching' }))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: /only reads/ })
    // Pages would be of no use to it: it is not added with a grant that says otherwise.
    await expect(owner.addAgent({ spaceId, name: 'matcher', docs: ['pages'], purpose: 'matching' }))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: 'An agent for matching uses resources, bookings and map only, never pages: leave it out of --docs, or give it the purpose agent-assist.' })
    await expect(owner.addAgent({ spaceId, name: 'matcher', docs: ['resources', 'pages', 'decisions'], purpose: 'matching' }))
      .rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: /never pages and decisions: leave them out/ })
    expect((await owner.listAgents({ spaceId })).items.map((x) => x.name)).not.toContain('matcher')
    const matcher = await owner.addAgent({ spaceId, name: 'matcher', docs: ['resources', 'map'], purpose: 'matching' })
    const agent = clientOf(matcher.token)
    expect((await agent.listResources({ spaceId })).items.length).toBeGreaterThan(0)
    await expect(agent.mapMetrics({ spaceId })).rejects.toMatchObject({ code: ErrorCode.Forbidden, message: /matcher may not read the map's figures: its grant is for matching, which lets it match needs and offers, .* only/ })
    await expect(agent.listPages({ spaceId })).rejects.toMatchObject({ code: ErrorCode.Forbidden, message: /matcher's grant does not let it read pages/ })
  })

  it('an agent is added only with collections of the registry, a purpose an agent acts under, and at most a day; names are unique', async () => {
    await expect(owner.addAgent({ spaceId, name: 'wide', docs: ['*'], purpose: 'agent-assist' })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed })
    await expect(owner.addAgent({ spaceId, name: 'wide', docs: ['recipes'], purpose: 'agent-assist' })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: /not a collection/ })
    await expect(owner.addAgent({ spaceId, name: 'wide', docs: ['resources'], purpose: 'publication' })).rejects.toMatchObject({ code: ErrorCode.PurposeUnknown })
    await expect(owner.addAgent({ spaceId, name: 'wide', docs: ['resources'], purpose: 'agent-assist', expiresInSeconds: 90_000 })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: /24 h/ })
    await expect(owner.addAgent({ spaceId: otherSpace, name: 'Scribe', docs: ['resources'], purpose: 'agent-assist' })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: /already on this peer/ })
  })

  it('the owner\'s token still does everything', async () => {
    expect((await owner.listPages({ spaceId })).pages.map((p) => p.title)).toEqual(expect.arrayContaining(['Bike rota', 'Rota notes']))
    expect((await owner.listResources({ spaceId: otherSpace })).items).toHaveLength(1)
    expect((await owner.listAgents({ spaceId })).items.map((x) => x.name)).toEqual(['brief', 'clerk', 'helper', 'matcher', 'prober', 'scribe', 'steady'])
  })
})

describe('who may add an agent', () => {
  it('a guest holding a read grant to part of the space cannot give an agent a grant there, and is told why', async () => {
    const bea = await peers.start('Bea')
    const { code } = await owner.createGrant({ spaceId, to: bea.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'coordination' })
    await bea.peer.api.acceptGrant({ code })
    await expect(bea.peer.api.addAgent({ spaceId, name: 'bea-helper', docs: ['resources'], write: true, purpose: 'agent-assist' }))
      .rejects.toMatchObject({ code: ErrorCode.Forbidden, message: /not membership: only its members can grant/ })
    expect((await bea.peer.api.listAgents({ spaceId })).items).toEqual([])
  }, 30_000)
})

describe('an agent never uses its member\'s admin powers', () => {
  it('changes, deletes and cancels only what its member owns, even where the member is the space\'s founder; its writes name the item in the audit', async () => {
    const ben = await peers.start('Ben')
    await ben.peer.api.joinSpace({ code: (await owner.createInvite({ spaceId })).code })
    const ladder = await ben.peer.api.addResource({ spaceId, kind: 'offer', title: 'Ladder to lend' })
    const trailer = await owner.addResource({ spaceId, kind: 'tool', title: 'Bike trailer' })
    const from = new Date(Date.now() + 86_400_000).toISOString()
    const to = new Date(Date.now() + 90_000_000).toISOString()
    await waitFor('Ben\'s offer on Ana\'s peer', async () => (await owner.listResources({ spaceId })).items.some((r) => r.id === ladder.id) &&
      (await owner.listResources({ spaceId })).items.some((r) => r.id === trailer.id), 20_000)
    await waitFor('the trailer on Ben\'s peer', async () => (await ben.peer.api.listResources({ spaceId })).items.some((r) => r.id === trailer.id), 20_000)
    const bensBooking = await ben.peer.api.book({ spaceId, resource: trailer.id, from, to })
    await waitFor('Ben\'s booking on Ana\'s peer', async () => (await owner.listBookings({ spaceId })).items.some((b) => b.id === bensBooking.id), 20_000)

    const writer = clientOf((await owner.addAgent({ spaceId, name: 'writer', docs: ['resources', 'bookings'], write: true, purpose: 'coordination' })).token)
    const notBens = /writer is an agent: it may (delete|edit) only Ana's own items, and "Ladder to lend" is Ben's/
    await expect(writer.deleteResource({ spaceId, resourceId: ladder.id })).rejects.toMatchObject({ code: ErrorCode.Forbidden, message: notBens })
    await expect(writer.editResource({ spaceId, resourceId: ladder.id, status: 'closed' })).rejects.toMatchObject({ code: ErrorCode.Forbidden, message: notBens })
    await expect(writer.cancelBooking({ spaceId, bookingId: bensBooking.id })).rejects.toMatchObject({ code: ErrorCode.Forbidden, message: /writer is an agent: it may cancel only bookings Ana made, and this one is Ben's/ })
    expect((await owner.getResource({ spaceId, resourceId: ladder.id })).status).toBe('open')
    expect((await owner.listBookings({ spaceId })).items.find((b) => b.id === bensBooking.id)?.status).toBe('active')

    // Its member's own items it may change, as the grant says.
    const mine = await writer.book({ spaceId, resource: trailer.id, from, to })
    expect((await writer.cancelBooking({ spaceId, bookingId: mine.id })).status).toBe('cancelled')
    expect((await writer.editResource({ spaceId, resourceId: trailer.id, title: 'Bike trailer (big)' })).title).toBe('Bike trailer (big)')
    expect(await writer.deleteResource({ spaceId, resourceId: trailer.id })).toEqual({ id: trailer.id, deleted: true })
    const calls = await agentCalls('writer')
    const detailOf = (op: string, outcome: string): string | undefined => calls.find((e) => e.op === op && e.outcome === outcome)?.detail
    expect(detailOf('editResource', 'ok')).toContain(`${trailer.id} "Bike trailer (big)"`)
    expect(detailOf('deleteResource', 'ok')).toContain(trailer.id)
    expect(detailOf('deleteResource', 'refused')).toContain(ladder.id)
    expect(detailOf('book', 'ok')).toContain(`${mine.id} "Bike trailer"`)
  }, 60_000)
})
