/**
 * Live page documents in the app's windows, over the local API's `/v1/sync` with the owner's
 * token: real peers on 127.0.0.1 (mDNS off), each window the renderer's own page-docs repo over
 * the renderer's own WebSocket transport (Node's WebSocket stands in for the browser's).
 *
 * A founds a space with member B; G, of another organisation, holds a read grant on one page.
 * - a window on A opens a page, types, and A and then B hold the text; two windows typing at
 *   once converge;
 * - a space's own document and a resources shard never reach a window;
 * - no token, a wrong token, or the token offered for the wrong protocol: refused, in words;
 * - G's window reads the page, is told it is read only, and what it types anyway is dropped:
 *   neither G nor A ever holds it, while A's own edits still reach G's window;
 * - the window finds its way back by itself when the API it reached goes and comes back.
 */
import * as Automerge from '@automerge/automerge'
import type { DocumentId } from '@automerge/automerge-repo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiServer, type ApiServer } from '../../electron/peer/api/http-server.ts'
import { loadOrCreateToken } from '../../electron/peer/api/token.ts'
import { SYNC_PATH, SYNC_SUBPROTOCOL } from '../../shared/api/doc-sync-wire.ts'
import { EVENTS_SUBPROTOCOL } from '../../shared/api/routes.ts'
import type { DocId } from '../../shared/ids.ts'
import type { PageDoc } from '../../shared/schemas/page.ts'
import { startPageDocs, type PageDocs } from '../../renderer/bridge/page-docs.ts'
import { webSocketSync } from '../../renderer/bridge/peer-bridge.ts'
import { foundSpace, headsOf, holdsFor, Peers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

const textOf = (p: TestPeer, docId: DocId): string | undefined => {
  const h = p.peer.repo.handles[docId as unknown as DocumentId]
  return h?.isReady() === true ? (h.doc() as PageDoc).text : undefined
}

/** What a WebSocket upgrade to `/v1/sync` is answered, as status and error body, offering these subprotocols. */
async function upgradeRefusal(url: string, protocols: string[]): Promise<{ status: number; body: string }> {
  const { request } = await import('node:http')
  return new Promise((resolve, reject) => {
    const req = request(`${url}${SYNC_PATH}`, {
      headers: {
        Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...(protocols.length > 0 ? { 'Sec-WebSocket-Protocol': protocols.join(', ') } : {}),
      },
    })
    req.on('upgrade', () => reject(new Error('the upgrade was accepted')))
    req.on('response', (res) => {
      let body = ''
      res.on('data', (c: Buffer) => { body += c.toString() })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('live page documents in the app\'s windows', () => {
  const peers = new Peers()
  const windows: PageDocs[] = []
  const servers: ApiServer[] = []
  let a: TestPeer
  let b: TestPeer
  let g: TestPeer
  let space: SharedSpace
  let page: DocId
  let aApi: ApiServer
  let aToken: string
  let gApi: { server: ApiServer; token: string }

  const serve = async (p: TestPeer, port = 0): Promise<{ server: ApiServer; token: string }> => {
    const token = await loadOrCreateToken(p.dataDir)
    const server = await startApiServer({ api: p.peer.api, events: p.peer.events, sync: p.peer.windows, token, port })
    servers.push(server)
    return { server, token }
  }
  const openWindow = (server: ApiServer, token: string): PageDocs => {
    const w = startPageDocs(webSocketSync(server.url, token))
    windows.push(w)
    return w
  }

  beforeAll(async () => {
    a = await peers.start('A')
    b = await peers.start('B')
    space = await foundSpace(a, [b], 'Riverside food network')
    page = (await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Seed library handbook', markdown: 'How we lend seeds.' })).id as DocId
    ;({ server: aApi, token: aToken } = await serve(a))
  })
  afterAll(async () => {
    for (const w of windows) w.close()
    await Promise.allSettled(servers.map((s) => s.close()))
    await peers.close()
  })

  it('opens a page in a window, and what the window types reaches the peer and the space\'s other peers', async () => {
    const w = openWindow(aApi, aToken)
    const handle = await w.find(page, AbortSignal.timeout(10_000))
    expect(String(handle.doc().title)).toBe('Seed library handbook')
    expect(w.writable(page)).toBe(true)
    handle.change((d) => Automerge.splice(d, ['text'], 0, 0, 'Welcome! '))
    await waitFor('A to hold the window\'s words', () => textOf(a, page) === 'Welcome! How we lend seeds.', 10_000)
    expect((await a.peer.api.getPage({ spaceId: space.spaceId, pageId: page })).markdown).toBe('Welcome! How we lend seeds.')
    const atB = await b.peer.repo.find<PageDoc>(page as unknown as DocumentId, { signal: AbortSignal.timeout(10_000) })
    await waitFor('B to hold the window\'s words', () => atB.doc().text === 'Welcome! How we lend seeds.', 10_000)
    // And back: what B types reaches the window.
    atB.change((d) => Automerge.splice(d, ['text'], d.text.length, 0, ' Ask Ana.'))
    await waitFor('the window to hold B\'s words', () => handle.doc().text.endsWith('Ask Ana.'), 10_000)
  })

  it('never gives a window the space\'s own document or another collection\'s', async () => {
    const w = openWindow(aApi, aToken)
    for (const [what, id] of [['the authority document', space.spaceId as string], ['the resources shard', space.resourcesDoc as string]] as const) {
      await expect(w.find(id, AbortSignal.timeout(10_000)), what).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(w.writable(id), what).toBe(false)
    }
    // The control: the same window does open the page.
    expect(String((await w.find(page, AbortSignal.timeout(10_000))).doc().title)).toBe('Seed library handbook')
  })

  it('refuses a socket without the token, with a wrong one, or offered for another protocol', async () => {
    const noToken = await upgradeRefusal(aApi.url, [SYNC_SUBPROTOCOL])
    expect(noToken.status).toBe(401)
    expect(JSON.parse(noToken.body)).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.stringContaining(`"${SYNC_SUBPROTOCOL}, bearer.<token>"`) } })
    expect((await upgradeRefusal(aApi.url, [SYNC_SUBPROTOCOL, `bearer.${'0'.repeat(64)}`])).status).toBe(401)
    // The right token offered beside the events protocol does not open the sync socket.
    expect((await upgradeRefusal(aApi.url, [EVENTS_SUBPROTOCOL, `bearer.${aToken}`])).status).toBe(401)
  })

  it('converges when two windows type in the same page at once', async () => {
    const [w1, w2] = [openWindow(aApi, aToken), openWindow(aApi, aToken)]
    const [h1, h2] = await Promise.all([w1!.find(page, AbortSignal.timeout(10_000)), w2!.find(page, AbortSignal.timeout(10_000))])
    await waitFor('both windows to hold the same text', () => h1.doc().text === h2.doc().text && h1.doc().text === textOf(a, page), 10_000)
    h1.change((d) => Automerge.splice(d, ['text'], 0, 0, 'First window. '))
    h2.change((d) => Automerge.splice(d, ['text'], d.text.length, 0, ' Second window.'))
    await waitFor('both windows and A to agree', () => {
      const heads = [h1, h2].map((h) => JSON.stringify([...Automerge.getHeads(h.doc())].sort()))
      return heads[0] === heads[1] && heads[0] === JSON.stringify(headsOf(a, page))
    }, 10_000)
    expect(h1.doc().text).toMatch(/^First window\. .* Second window\.$/)
    expect(h2.doc().text).toBe(h1.doc().text)
  })

  it('gives a guest\'s window the page read only, and drops what it types', async () => {
    g = await peers.start('G')
    const { code } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: g.peer.identity.did, cmd: 'read', docs: [page], purpose: 'research' })
    await g.peer.api.acceptGrant({ code })
    gApi = await serve(g)
    const w = openWindow(gApi.server, gApi.token)
    const handle = await waitFor('G\'s window to open the page', () => w.find(page, AbortSignal.timeout(5_000)).catch(() => null), 20_000)
    expect(String(handle.doc().title)).toBe('Seed library handbook')
    expect(w.writable(page)).toBe(false)
    await waitFor('G to hold what A holds', () => JSON.stringify(headsOf(g, page)) === JSON.stringify(headsOf(a, page)), 10_000)
    const before = { a: headsOf(a, page), g: headsOf(g, page) }

    handle.change((d) => Automerge.splice(d, ['text'], 0, 0, 'Forged by a reader. '))
    // A's own edit shows sync is live: it reaches G's window while the window's edit reaches no one.
    const atA = a.peer.repo.handles[page as unknown as DocumentId]!
    atA.change((d: PageDoc) => Automerge.splice(d, ['text'], d.text.length, 0, ' Marker from A.'))
    await waitFor('A\'s marker to reach G\'s window', () => handle.doc().text.endsWith('Marker from A.'), 10_000)
    await holdsFor('neither G nor A holding the reader\'s words', 1_000, () => !textOf(g, page)?.includes('Forged') && !textOf(a, page)?.includes('Forged'))
    expect(headsOf(g, page)).toEqual(headsOf(a, page))
    expect(headsOf(a, page)).not.toEqual(before.a)
    const drops = g.logs.filter((l) => String(l.msg).startsWith('changes from a window dropped'))
    expect(drops).toEqual([expect.objectContaining({ docId: page })])
  })

  it('tells a guest\'s window when it may write after all, and then what it types reaches the granter', async () => {
    const w = openWindow(gApi.server, gApi.token)
    const handle = await w.find(page, AbortSignal.timeout(10_000))
    expect(w.writable(page)).toBe(false)
    const heard: string[] = []
    w.onAccess((id, access) => { if (id === page) heard.push(access) })
    const { code } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: g.peer.identity.did, cmd: 'write', docs: [page], purpose: 'research' })
    await g.peer.api.acceptGrant({ code })
    await waitFor('G\'s window to be told it may write', () => w.writable(page) === true, 10_000)
    expect(heard).toEqual(['write'])
    handle.change((d) => Automerge.splice(d, ['text'], d.text.length, 0, ' Edited by the guest.'))
    await waitFor('A to hold the guest\'s words', () => textOf(a, page)?.endsWith('Edited by the guest.'), 10_000)
  })

  it('finds its way back by itself when the API it reached goes and comes back', async () => {
    const w = openWindow(aApi, aToken)
    const handle = await w.find(page, AbortSignal.timeout(10_000))
    const port = aApi.port
    await aApi.close()
    await waitFor('the window to notice', () => !w.online(), 5_000)
    ;({ server: aApi } = await serve(a, port))
    await waitFor('the window to be back', () => w.online(), 5_000)
    handle.change((d) => Automerge.splice(d, ['text'], 0, 0, 'Back again. '))
    await waitFor('A to hold what the window typed after coming back', () => textOf(a, page)?.startsWith('Back again. '), 10_000)
  })
})
