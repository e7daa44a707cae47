/**
 * Defect 2: a guest whose grant is revoked must learn of it, and stop redialling the granter.
 *
 * A founds a space and adds a resource; G, a peer outside the space, is granted read on
 * `resources` for `matching`, accepts the code and syncs the resource. Then A revokes the grant.
 * Real libp2p on 127.0.0.1, mDNS off.
 *
 * - Live: G is connected when A revokes. A pushes the revocation over the consent hello before it
 *   closes G's connection, so G lists the grant as revoked, its space access is no longer the
 *   grant's, its audit has a `revocation-received` entry; and G, whose only standing in the space
 *   is gone, stops redialling A (PeerMemory redials every 15 s).
 * - Offline: G is stopped when A revokes, and comes back. A's gate refuses a revoked peer, so
 *   something must still let G learn of the revocation.
 */
import type { PeerId } from '@libp2p/interface'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditKind, GrantStatus } from '../../shared/api/peer-api.ts'
import { foundSpace, holdsConnection, Peers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

/** PeerMemory's REDIAL_EVERY_MS (net/peer-memory.ts), plus a margin: a window that holds at least one redial tick. */
const REDIAL_WINDOW_MS = 16_500

/** Counts the dials `from` makes to `to` (whatever starts them: PeerMemory, a discovery, a membership change). */
function countDials(from: TestPeer, to: TestPeer): { count: () => number } {
  const node = from.peer.node
  const original = node.dial.bind(node)
  let n = 0
  node.dial = ((peer: PeerId | unknown, options?: unknown) => {
    const text = Array.isArray(peer) ? peer.map(String).join(' ') : String(peer)
    if (text.includes(to.peerId)) n++
    return original(peer as never, options as never)
  }) as typeof node.dial
  return { count: () => n }
}

async function setUp(peers: Peers): Promise<{ a: TestPeer; g: TestPeer; space: SharedSpace; grantId: string }> {
  const a = await peers.start('A')
  const space = await foundSpace(a, [], 'Tool library')
  await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Ladder' })
  const g = await peers.start('G')
  const { grant, code } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: g.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'matching' })
  await g.peer.api.acceptGrant({ code })
  await waitFor('G to list A\'s resource', async () =>
    (await g.peer.api.listResources({ spaceId: space.spaceId })).items.some((r) => r.title === 'Ladder'), 10_000)
  // The control: before the revocation G sees its grant as valid, with the access it names.
  expect((await g.peer.api.listGrants({ spaceId: space.spaceId })).find((x) => x.grantId === grant.grantId)?.status).toBe(GrantStatus.Valid)
  expect((await g.peer.api.listSpaces())[0]?.access).toMatchObject({ cmd: '/doc/read', docs: ['resources'], purpose: 'matching' })
  return { a, g, space, grantId: grant.grantId }
}

async function expectGuestKnowsRevoked(g: TestPeer, space: SharedSpace, grantId: string, a: TestPeer): Promise<void> {
  await waitFor('G to list its grant as revoked', async () =>
    (await g.peer.api.listGrants({ spaceId: space.spaceId })).find((x) => x.grantId === grantId)?.status === GrantStatus.Revoked, 20_000)
    .catch(async (err: unknown) => {
      const seen = (await g.peer.api.listGrants({ spaceId: space.spaceId })).map((x) => `${x.grantId.slice(-6)}:${x.status}`)
      throw new Error(`${String(err)}; G lists ${seen.join(', ')}`)
    })
  const [summary] = await g.peer.api.listSpaces()
  // No valid access left: not the revoked grant's read on resources, and no expiry of it.
  expect(summary?.access.cmd).not.toBe('/doc/read')
  expect(summary?.access.expiresAt).toBeNull()
  // The revocation is in force before it is on disk; the audit line follows the local log's write.
  await waitFor('G\'s audit to record the revocation of its grant, received from A', async () =>
    (await g.peer.api.audit({ spaceId: space.spaceId })).some((e) => e.kind === AuditKind.RevocationReceived && e.grantId === grantId && e.peer === a.peerId), 2_000)
    .catch(async (err: unknown) => {
      const log = (await g.peer.api.audit({ spaceId: space.spaceId })).map((e) => `${e.kind}${e.grantId ? ` ${e.grantId.slice(-6)}` : ''}`)
      throw new Error(`${String(err)}; G's audit: ${log.join(', ')} (the grant is …${grantId.slice(-6)})`)
    })
}

describe('a guest whose grant is revoked while it is connected', () => {
  const peers = new Peers()
  let a: TestPeer
  let g: TestPeer
  let space: SharedSpace
  let grantId: string

  beforeAll(async () => {
    ;({ a, g, space, grantId } = await setUp(peers))
    expect(holdsConnection(a, g)).toBe(true)
    await a.peer.api.revokeGrant({ grantId })
    await waitFor('A to cut G off', () => !holdsConnection(a, g), 5_000)
  }, 60_000)
  afterAll(() => peers.close())

  it('learns of the revocation: its grants, its access and its audit say so', async () => {
    await expectGuestKnowsRevoked(g, space, grantId, a)
  })

  it(`stops redialling A (watched for ${REDIAL_WINDOW_MS / 1000} s, one redial period and a margin)`, async () => {
    // Whatever G did in the moment of being cut off is past; from now on it has no reason to dial A.
    await new Promise((r) => setTimeout(r, 1_000))
    const dials = countDials(g, a)
    await new Promise((r) => setTimeout(r, REDIAL_WINDOW_MS))
    expect(dials.count(), 'dials G made to A after its only grant was revoked').toBe(0)
    expect(holdsConnection(a, g)).toBe(false)
  }, REDIAL_WINDOW_MS + 10_000)
})

describe('a guest whose grant is revoked while it is offline', () => {
  const peers = new Peers()
  afterAll(() => peers.close())

  it('learns of the revocation when it comes back, though A\'s gate refuses it any data', async () => {
    const { a, g, space, grantId } = await setUp(peers)
    await g.stop()
    await a.peer.api.revokeGrant({ grantId })
    await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Added after the revocation' })
    await g.restart()
    await expectGuestKnowsRevoked(g, space, grantId, a)
    // However G learnt it, it got nothing more: A never admitted it to sync, and does not keep it.
    await waitFor('A to hold no connection to G', () => !holdsConnection(a, g), 5_000)
    expect((await g.peer.api.listResources({ spaceId: space.spaceId })).items.map((r) => r.title)).toEqual(['Ladder'])
  }, 60_000)
})
