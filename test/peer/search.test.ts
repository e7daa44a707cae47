/**
 * One search across a space, as users meet it: what a member adds, edits or deletes on one
 * peer is found (or no longer found) by another's search once it syncs; a guest granted the
 * resources only never gets a hit from anything else, even for a word only that holds; an
 * agent is filtered by its own grant; and the CLI says what it found in words.
 */
import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallContext } from '../../shared/api/peer-api.ts'
import type { SearchResult } from '../../shared/api/pages-api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import { didFromPublicKey } from '../../shared/grants/did-key.ts'
import type { Did } from '../../shared/ids.ts'
import { searchHandlers } from '../../electron/peer/api/handlers/search.ts'
import { SearchIndex } from '../../electron/peer/domain/search-index.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { Peers, twoPeers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { removeDir, runCli, startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'

const SYNC_MS = 15_000
const ids = (r: SearchResult): string[] => r.hits.map((h) => h.id)
const marked = (r: SearchResult): string[] => r.hits.flatMap((h) => h.marks.map(([s, e]) => h.snippet.slice(s, e)))

describe('search across two members: changes from a peer reach the index', () => {
  const peers = new Peers()
  let a: TestPeer
  let b: TestPeer
  let space: SharedSpace
  const find = (p: TestPeer, query: string): Promise<SearchResult> => p.peer.api.search({ spaceId: space.spaceId, query })

  beforeAll(async () => {
    ;({ a, b, space } = await twoPeers(peers))
    // B's index is built before anything is added: what follows reaches it change by change.
    expect(await find(b, 'anything')).toEqual({ hits: [], indexed: 0 })
  }, 60_000)
  afterAll(() => peers.close())

  it('finds on B a resource added on A, by prefix and with a typo, the matched word marked', async () => {
    const r = await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Quokka trailer', description: 'Hitches to any bike; the café keeps the key.' })
    const hit = await waitFor('B finds the trailer A added', async () => (await find(b, 'quokka')).hits[0], SYNC_MS)
    expect(hit).toMatchObject({ kind: 'resource', id: r.id, title: 'Quokka trailer' })
    expect(ids(await find(b, 'quok'))).toEqual([r.id])
    expect(ids(await find(b, 'trailr'))).toEqual([r.id])
    const accent = await find(b, 'cafe')
    expect(marked(accent)).toEqual(['café'])
  })

  it('finds an edited title by its new word on B, and no longer by the old one', async () => {
    const r = (await a.peer.api.listResources({ spaceId: space.spaceId })).items.find((i) => i.title === 'Quokka trailer')!
    await a.peer.api.editResource({ spaceId: space.spaceId, resourceId: r.id, title: 'Wombat trailer' })
    await waitFor('B finds the trailer by its new name', async () => ids(await find(b, 'wombat')).includes(r.id), SYNC_MS)
    expect(await find(b, 'quokka')).toMatchObject({ hits: [] })
  })

  it('drops a deleted resource from B\'s hits', async () => {
    const r = (await a.peer.api.listResources({ spaceId: space.spaceId })).items.find((i) => i.title === 'Wombat trailer')!
    await a.peer.api.deleteResource({ spaceId: space.spaceId, resourceId: r.id })
    await waitFor('B no longer finds the deleted trailer', async () => (await find(b, 'wombat')).hits.length === 0, SYNC_MS)
    expect((await find(b, 'trailer')).indexed).toBe(0)
  })

  it('finds a page made on A by a word of its text, by its new words once edited, and not once deleted', async () => {
    const page = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Compost rota', markdown: '# Who turns the heap\n\nThe **platypus** team, on Mondays.' })
    const hit = await waitFor('B finds the page', async () => (await find(b, 'platypus')).hits[0], SYNC_MS)
    expect(hit).toMatchObject({ kind: 'page', id: page.id, title: 'Compost rota' })
    // Plain text: no markdown or block markers in the snippet.
    expect(hit.snippet).toBe('Who turns the heap The platypus team, on Mondays.')
    expect(hit.snippet.slice(...hit.marks[0]!)).toBe('platypus')
    await a.peer.api.editPage({ spaceId: space.spaceId, pageId: page.id, markdown: 'The echidna team, on Tuesdays.' })
    await waitFor('B finds the page by its new words', async () => ids(await find(b, 'echidna')).includes(page.id), SYNC_MS)
    expect((await find(b, 'platypus')).hits).toEqual([])
    await a.peer.api.deletePage({ spaceId: space.spaceId, pageId: page.id })
    await waitFor('B no longer finds the deleted page', async () => (await find(b, 'echidna')).hits.length === 0, SYNC_MS)
  })

  it('a space left is no longer searched', async () => {
    await b.peer.api.leaveSpace({ spaceId: space.spaceId })
    await expect(find(b, 'trailer')).rejects.toMatchObject({ code: ErrorCode.SpaceNotFound })
  })
})

describe('search by a guest and an agent: never over what they may not read', () => {
  const peers = new Peers()
  let a: TestPeer
  let g: TestPeer
  let space: SharedSpace
  let trailerId: string

  beforeAll(async () => {
    ;({ a, space } = await twoPeers(peers))
    const trailer = await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Box trailer', description: 'Two wheels.' })
    trailerId = trailer.id
    // "zanzibar" is only in what the guest is not granted: a proposal and a booking's note.
    await a.peer.api.proposeDecision({ spaceId: space.spaceId, title: 'Lend the trailer further', details: 'To the zanzibar co-op next door.', process: 'consent', closes: '72h' })
    await a.peer.api.book({ spaceId: space.spaceId, resource: trailer.id, from: '2027-03-01T08:00:00Z', to: '2027-03-01T18:00:00Z', note: 'Zanzibar market stall' })
    g = await peers.start('G')
    const { code } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: g.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'matching' })
    await g.peer.api.acceptGrant({ code })
  }, 60_000)
  afterAll(() => peers.close())

  it('the member finds the word in the proposal and the booking', async () => {
    const r = await a.peer.api.search({ spaceId: space.spaceId, query: 'zanzibar' })
    expect(r.hits.map((h) => [h.kind, h.title]).sort()).toEqual([['booking', 'Booking of Box trailer'], ['decision', 'Lend the trailer further']])
    expect(r.hits.find((h) => h.kind === 'booking')?.parentId).toBe(trailerId)
  })

  it('the guest granted resources finds them, and never a hit from anything else', async () => {
    await waitFor('G finds the trailer', async () => ids(await g.peer.api.search({ spaceId: space.spaceId, query: 'trailer' })).includes(trailerId), SYNC_MS)
    expect(await g.peer.api.search({ spaceId: space.spaceId, query: 'zanzibar' })).toEqual({ hits: [], indexed: 1 })
    // "trailer" is in the proposal's title too: the guest's hits are the resource alone.
    expect(ids(await g.peer.api.search({ spaceId: space.spaceId, query: 'trailer' }))).toEqual([trailerId])
  })

  it('a guest granted one page finds it, and never the page beside it, even by a word only that one has', async () => {
    const shared = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Visitors guide', markdown: 'Parking is behind the barn.' })
    await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Board minutes', markdown: 'The treasurer of the barn resigned.' })
    const h = await peers.start('H')
    const { code } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: h.peer.identity.did, cmd: 'read', docs: [shared.id], purpose: 'coordination' })
    await h.peer.api.acceptGrant({ code })
    const search = (query: string): Promise<SearchResult> => h.peer.api.search({ spaceId: space.spaceId, query })
    await waitFor('H finds the page granted', async () => ids(await search('parking')).includes(shared.id), SYNC_MS)
    expect(ids(await search('barn'))).toEqual([shared.id])
    expect(await search('treasurer')).toEqual({ hits: [], indexed: 1 })
    expect((await search('trailer')).hits).toEqual([])
    // The member finds both.
    expect((await a.peer.api.search({ spaceId: space.spaceId, query: 'barn' })).hits).toHaveLength(2)
  })

  it('an agent with no grant gets no hit, and one granted resources gets only those', async () => {
    // A second index over A's own store and consent: the handler as an agent's token will call it.
    const index = new SearchIndex({ store: a.peer.collections, spaces: a.peer.consent.spaces, log: createLogger(LogLevel.Error) })
    const handler = searchHandlers({ index, consent: a.peer.consent, peerId: a.peer.identity.peerIdString, now: Date.now })
    const agent = (did: Did): CallContext => ({ principal: { kind: 'agent', did, name: 'Scout' }, signal: new AbortController().signal })
    const keyless = freshDid()
    expect(await handler.search(agent(keyless), { spaceId: space.spaceId, query: 'trailer' })).toEqual({ hits: [], indexed: 0 })
    const scout = freshDid()
    await a.peer.api.createGrant({ spaceId: space.spaceId, to: scout, cmd: 'read', docs: ['resources'], purpose: 'matching' })
    expect(ids(await handler.search(agent(scout), { spaceId: space.spaceId, query: 'trailer' }))).toEqual([trailerId])
    expect((await handler.search(agent(scout), { spaceId: space.spaceId, query: 'zanzibar' })).hits).toEqual([])
    // More chains to it: decisions and bookings for research (which never searches), decisions
    // for matching (which never uses decisions). Only a chain whose purpose searches, over a
    // collection that purpose uses, lets a hit through.
    await a.peer.api.createGrant({ spaceId: space.spaceId, to: scout, cmd: 'read', docs: ['decisions', 'bookings'], purpose: 'research' })
    await a.peer.api.createGrant({ spaceId: space.spaceId, to: scout, cmd: 'read', docs: ['decisions'], purpose: 'matching' })
    expect((await handler.search(agent(scout), { spaceId: space.spaceId, query: 'zanzibar' })).hits).toEqual([])
    await a.peer.api.createGrant({ spaceId: space.spaceId, to: scout, cmd: 'read', docs: ['bookings'], purpose: 'matching' })
    expect((await handler.search(agent(scout), { spaceId: space.spaceId, query: 'zanzibar' })).hits.map((h) => h.kind)).toEqual(['booking'])
    // The owner, through the same handler, reads it all.
    const owner: CallContext = { principal: { kind: 'owner' }, signal: new AbortController().signal }
    expect((await handler.search(owner, { spaceId: space.spaceId, query: 'zanzibar' })).hits).toHaveLength(2)
    index.stop()
  })
})

describe('search through the CLI', () => {
  let peer: CliPeer
  const SPACE = 'Tool Library'
  const run = (...args: string[]) => runCli([...args, '--data', peer.dataDir])

  beforeAll(async () => {
    const dataDir = tempDataDir()
    expect((await runCli(['init', '--name', 'Ana', '--data', dataDir])).code).toBe(0)
    peer = await startCliPeer(dataDir, ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns'])
    expect((await run('space', 'create', SPACE)).code).toBe(0)
    expect((await run('resource', 'add', SPACE, '--kind', 'tool', '--title', 'Ladder', '--description', 'Four metres, aluminium; kept in the shed.')).code).toBe(0)
  }, 60_000)
  afterAll(async () => {
    await peer?.stop()
    if (peer) removeDir(peer.dataDir)
  })

  it('prints each hit in words, the matched word marked, and exits 0', async () => {
    const r = await run('search', SPACE, 'alumin')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^1 match for "alumin" in Tool Library, best first \(1 item you may read searched\):\n/)
    expect(r.stdout).toMatch(/^resource {2}Ladder — Four metres, «aluminium»; kept in the shed\. {2}\([0-9a-f]{8}\)$/m)
  })

  it('says so when nothing matches', async () => {
    const r = await run('search', SPACE, 'xylophone')
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe('No matches for "xylophone" in Tool Library (1 item you may read searched).')
  })

  it('refuses an empty query and an unknown kind in words', async () => {
    const empty = await run('search', SPACE, ' ')
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/QUERY is required/)
    const kind = await run('search', SPACE, 'ladder', '--kind', 'pool')
    expect(kind.code).toBe(2)
    expect(kind.stderr).toMatch(/kinds are resource, booking, decision, page or node/)
  })
})

/** A did:key of a fresh Ed25519 key: a principal no grant names yet. */
function freshDid(): Did {
  const { publicKey } = generateKeyPairSync('ed25519')
  return didFromPublicKey(new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')))
}
