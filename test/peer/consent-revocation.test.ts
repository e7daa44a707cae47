/**
 * Revoking a member (issue: enforcement, 3). Real libp2p on 127.0.0.1, mDNS off.
 *
 * - Live: A, B and C are members, B connected to both. A revokes B's member grant: within a
 *   second B has no connection to A nor to C, and 200 later writes on A and C never reach B.
 *   The watch over B lasts 5 s, or 60 s with COMMONWEAVE_SOAK=1.
 * - Offline: C is stopped; A revokes B (and 100 other grants); C comes back on the same data
 *   directory. The revocations reach C over the consent hello before any document data from
 *   A. How that is observed without racing the start-up: C's logger, in place from its start,
 *   records when C's sync layer first hears A's sync handshake, which comes before every
 *   document message on that connection; C's audit log records `revocation-received` (from A)
 *   for each revocation the hello brought. A revocation that came first with the authority
 *   document, through sync, gets no such entry, so all 101 must be there, the last no later
 *   than the handshake. The 100 extra revocations make checking and storing the hello take C
 *   tens of milliseconds, so the order is not won by a race: with the sync layer not waiting
 *   for the hello, the handshake comes first and the test fails. And the wait must end by the
 *   hello, not by its 5 s timeout for a silent peer.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Connection } from '@libp2p/interface'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { didFromPublicKey } from '../../shared/grants/did-key.ts'
import { AuditKind, GrantStatus, type GrantSummary } from '../../shared/api/peer-api.ts'
import type { Did } from '../../shared/ids.ts'
import { connected, headsOf, holdsConnection, holdsFor, Peers, threePeers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

const SOAK = Boolean(process.env['COMMONWEAVE_SOAK'])
const WATCH_MS = SOAK ? 60_000 : 5_000
const CUT_OFF_MS = 1_000
const WRITES = 200
/** How long the sync layer waits for a peer's consent hello before going on without it (hello-protocol.ts). */
const HELLO_WAIT_MS = 5_000
const EXTRA_REVOCATIONS = 100

/** The member grant (the whole space) held by `did`, as A lists it. */
async function memberGrantOf(founder: TestPeer, space: SharedSpace, did: Did): Promise<GrantSummary> {
  const grants = await founder.peer.api.listGrants({ spaceId: space.spaceId })
  const grant = grants.find((g) => g.audience === did && g.docs.includes('*') && g.status === GrantStatus.Valid)
  if (!grant) throw new Error(`no valid member grant for ${did} among ${grants.length} grants`)
  return grant
}

const titles = async (p: TestPeer, space: SharedSpace): Promise<string[]> =>
  (await p.peer.api.listResources({ spaceId: space.spaceId })).items.map((r) => r.title)

describe('revoking a member', () => {
  let peers: Peers
  let a: TestPeer
  let b: TestPeer
  let c: TestPeer
  let space: SharedSpace
  beforeEach(async () => {
    peers = new Peers()
    ;({ a, b, c, space } = await threePeers(peers))
    await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Ladder' })
    for (const p of [b, c]) await waitFor(`${p.name} to hold the resource`, async () => (await titles(p, space)).includes('Ladder'), 10_000)
  })
  afterEach(() => peers.close())

  it(`cuts a connected member off from A and C within ${CUT_OFF_MS} ms, and ${WRITES} later writes never reach it`, async () => {
    // B meets C too (no mDNS here), so that C has a connection of its own to cut.
    await b.peer.node.dial(c.peer.node.getMultiaddrs()[0]!)
    await waitFor('B to be connected to A and to C', () => connected(b, a) && connected(b, c), 10_000)
    const grant = await memberGrantOf(a, space, b.peer.identity.did)
    const called = Date.now()
    await a.peer.api.revokeGrant({ grantId: grant.grantId })
    const revokedAt = Date.now()
    await waitFor(`B to have no connection to A nor to C within ${CUT_OFF_MS} ms of the revocation`, () => !connected(b, a) && !connected(b, c), CUT_OFF_MS, 10)
    console.log(`revocation: B cut off from A and C ${Date.now() - revokedAt} ms after revokeGrant returned (${revokedAt - called} ms after it was called)`)
    const frozen = headsOf(b, space.resourcesDoc)
    expect(frozen).toBeDefined()
    const heldByB = (await titles(b, space)).length

    for (let i = 0; i < WRITES / 2; i++) {
      await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'offer', title: `After the revocation, A ${i}` })
      await c.peer.api.addResource({ spaceId: space.spaceId, kind: 'need', title: `After the revocation, C ${i}` })
    }
    // The control: the writes do travel, between the members still in the space.
    for (const p of [a, c]) {
      await waitFor(`${p.name} to hold all ${WRITES} new resources`, async () => (await titles(p, space)).length === heldByB + WRITES, 20_000)
    }

    console.log(`revocation: watching B for ${WATCH_MS / 1000} s (${SOAK ? 'soak' : 'normal'} mode; COMMONWEAVE_SOAK=1 watches 60 s)`)
    // B redials (it still knows A and C); their gates refuse it, so neither holds a connection to B.
    await holdsFor('B\'s heads of the resources document stay frozen, and neither A nor C holds a connection to B', WATCH_MS, () =>
      JSON.stringify(headsOf(b, space.resourcesDoc)) === JSON.stringify(frozen) && !holdsConnection(a, b) && !holdsConnection(c, b))
    expect((await titles(b, space)).length).toBe(heldByB)

    const logA = await a.peer.api.audit({ spaceId: space.spaceId })
    expect(logA).toContainEqual(expect.objectContaining({ kind: AuditKind.GrantRevoked, grantId: grant.grantId }))
    expect(logA).toContainEqual(expect.objectContaining({ kind: AuditKind.ConnectionClosed, peer: b.peerId }))
    const atC = (await c.peer.api.listGrants({ spaceId: space.spaceId })).find((g) => g.grantId === grant.grantId)
    expect(atC?.status).toBe(GrantStatus.Revoked)
  }, WATCH_MS + 60_000)

  it('made while a member was offline reaches it over the consent hello before any document data', async () => {
    const grant = await memberGrantOf(a, space, b.peer.identity.did)
    expect((await c.peer.api.listGrants({ spaceId: space.spaceId })).find((g) => g.grantId === grant.grantId)?.status).toBe(GrantStatus.Valid)
    await c.stop()

    await a.peer.api.revokeGrant({ grantId: grant.grantId })
    await waitFor('B to be cut off from A', () => !connected(b, a), 5_000)
    // B goes away too, so that A's connection is the only way the revocation can reach C (an
    // honest B would otherwise hand C its own revocation first).
    await b.stop()
    // More revocations C has not seen, so that checking and storing A's hello takes C a while:
    // long enough that, were C's sync layer not waiting for it, A's sync handshake would come first.
    for (let i = 0; i < EXTRA_REVOCATIONS; i++) {
      const outsider = didFromPublicKey((await generateKeyPair('Ed25519')).publicKey.raw)
      const { grant: extra } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: outsider, cmd: 'read', docs: ['resources'], purpose: 'coordination' })
      await a.peer.api.revokeGrant({ grantId: extra.grantId })
    }
    await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'offer', title: 'Added while C was offline' })

    let openedAt = 0
    const onOpen = (evt: CustomEvent<Connection>): void => { if (evt.detail.remotePeer.equals(c.peer.node.peerId) && openedAt === 0) openedAt = Date.now() }
    a.peer.node.addEventListener('connection:open', onOpen)
    const logsFrom = c.logs.length
    await c.restart()
    await waitFor('C, back, to hold the resource A added while it was offline', async () =>
      (await titles(c, space)).includes('Added while C was offline'), 30_000)
    expect((await c.peer.api.listGrants({ spaceId: space.spaceId })).find((g) => g.grantId === grant.grantId)?.status).toBe(GrantStatus.Revoked)

    a.peer.node.removeEventListener('connection:open', onOpen)
    const receivedAll = (await c.peer.api.audit({ spaceId: space.spaceId })).filter((e) => e.kind === AuditKind.RevocationReceived)
    expect(receivedAll, 'revocations C took from A\'s hello (any missing came first with the authority document, through sync)').toHaveLength(EXTRA_REVOCATIONS + 1)
    expect(receivedAll.every((e) => e.peer === a.peerId)).toBe(true)
    const received = receivedAll.at(-1)
    const handshake = c.logs.slice(logsFrom).find((l) => l.msg === 'peer-candidate' && l['remote'] === a.peerId)
    expect(handshake, 'C\'s sync layer heard A\'s handshake').toBeDefined()
    const gap = Date.parse(handshake!.t) - Date.parse(received!.at)
    console.log(`offline revocation: the connection opened ${openedAt ? `${Date.parse(received!.at) - openedAt} ms before` : '(not seen) before'} C had taken all ${EXTRA_REVOCATIONS + 1} revocations from A's hello; A's sync handshake was heard ${gap} ms after that`)
    expect(gap).toBeGreaterThanOrEqual(0)
    // The order must come from the sync layer waiting for the hello, not from its 5 s timeout
    // for a peer that sends none happening to be long enough.
    expect(gap).toBeLessThan(HELLO_WAIT_MS / 2)
  }, 60_000)
})
