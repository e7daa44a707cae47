/**
 * Cross-network sharing that ends by itself (issue: enforcement, 4). G, a peer of another
 * organisation, holds a read grant on A's `resources` for the purpose `matching` that expires
 * a few seconds after it is issued. G syncs the resources while the grant holds; once it has
 * expired A lists it as expired, cuts G off, and nothing A adds afterwards reaches G. Real
 * libp2p on 127.0.0.1, mDNS off.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { AuditKind, GrantStatus } from '../../shared/api/peer-api.ts'
import { connected, foundSpace, headsOf, holdsConnection, holdsFor, Peers } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

const EXPIRES_IN_S = 4
const WATCH_MS = 5_000

describe('a cross-network grant with a short expiry', () => {
  const peers = new Peers()
  afterAll(() => peers.close())

  it('syncs while it holds; after it expires nothing new reaches the guest', async () => {
    const a = await peers.start('A')
    const space = await foundSpace(a, [], 'Tool library')
    await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Pressure washer' })
    const g = await peers.start('G')
    const { grant, code } = await a.peer.api.createGrant({
      spaceId: space.spaceId, to: g.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'matching', expiresInSeconds: EXPIRES_IN_S,
    })
    const expiresAt = Date.parse(grant.expiresAt)
    await g.peer.api.acceptGrant({ code })
    await waitFor('G to sync A\'s resources before the grant expires', async () =>
      Date.now() < expiresAt && (await g.peer.api.listResources({ spaceId: space.spaceId })).items.some((r) => r.title === 'Pressure washer'),
    Math.max(expiresAt - Date.now(), 0))
    console.log(`expiry: G synced the resources with ${expiresAt - Date.now()} ms of the grant left`)

    await waitFor('A to list the grant as expired', async () =>
      (await a.peer.api.listGrants({ spaceId: space.spaceId })).find((x) => x.grantId === grant.grantId)?.status === GrantStatus.Expired,
    expiresAt - Date.now() + 5_000)
    await waitFor('A to cut G off once its only grant expired', () => !connected(a, g), 5_000)
    const frozen = headsOf(g, space.resourcesDoc)
    expect(frozen).toBeDefined()

    for (const title of ['Cargo trailer', 'Soldering iron', 'Tile cutter']) await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title })
    console.log(`expiry: watching G for ${WATCH_MS / 1000} s after the expiry`)
    // G redials (A is the root of a space it knows); A's gate refuses it, so A holds no connection.
    await holdsFor('G\'s heads of the resources document stay frozen after the expiry, and A holds no connection to G', WATCH_MS, () =>
      JSON.stringify(headsOf(g, space.resourcesDoc)) === JSON.stringify(frozen) && !holdsConnection(a, g))
    expect((await g.peer.api.listResources({ spaceId: space.spaceId })).items.map((r) => r.title)).toEqual(['Pressure washer'])
    const log = await a.peer.api.audit({ spaceId: space.spaceId })
    expect(log).toContainEqual(expect.objectContaining({ kind: AuditKind.ConnectionClosed, peer: g.peerId }))
  }, 60_000)
})
