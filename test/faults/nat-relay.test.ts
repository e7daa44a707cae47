/**
 * Must-show 2: a member behind a "NAT" is reachable through the community peer. A and B are
 * members on a namespace bridge; K, the community peer, is on the bridge too. D lives on its own
 * subnet behind a router namespace that forwards nothing: D's only way out is a userland proxy
 * in the router to K's port (as a NAT lets a connection out), and no host on the bridge has a
 * route back to D (fleet.ts, cluster.ts). D joins with an invite, holds a relay slot on K, and
 * A and B reach D at its relayed address (`…/p2p/K/p2p-circuit/p2p/D`); a write crosses both ways.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { waitFor } from '../helpers/wait-for.ts'
import { clusterUnavailableReason } from './cluster.ts'
import { Fleet } from './fleet.ts'
import type { PeerDriver } from './peer-driver.ts'

const reason = clusterUnavailableReason()
if (reason) console.log(`SKIPPED NAT relay test: ${reason}`)

interface Link { peer: string; addr: string }

describe.skipIf(reason !== undefined)('a member behind a NAT, reached through the community peer (network namespaces)', () => {
  let fleet: Fleet | undefined
  afterAll(() => fleet?.destroy())
  const links = async (x: PeerDriver, to: PeerDriver): Promise<Link[]> => (await x.call<{ links: Link[] }>('links')).links.filter((l) => l.peer === to.peerId)
  const items = async (x: PeerDriver): Promise<string[]> => (await x.call<{ ids: string[] }>('items', { spaceId: fleet!.spaceId })).ids

  it('A and B reach D only through the community peer, and writes cross both ways', async () => {
    fleet = await Fleet.start(['A', 'B', 'D'], { behindNat: 'D' })
    const [a, b, d, k] = [fleet.byName('A'), fleet.byName('B'), fleet.byName('D'), fleet.community!]
    const spaceId = fleet.spaceId
    // The NAT holds: D cannot reach A's own address.
    await expect(d.call('dial', { addr: a.addrs()[0] })).rejects.toThrow()

    await waitFor('D holds a relay slot on the community peer', async () =>
      (await d.call<{ relay: { via: Array<{ peerId: string }> } }>('relay')).relay.via.some((v) => v.peerId === k.peerId), 60_000, 250)
    const dRelayed = `${k.addrs()[0]}/p2p-circuit/p2p/${d.peerId}`
    for (const x of [a, b]) {
      await waitFor(`${x.name} is connected to D`, async () => {
        if ((await links(x, d)).length === 0) await x.call('dial', { addr: dRelayed }).catch(() => {})
        return (await links(x, d)).length > 0
      }, 30_000, 500)
      const via = await links(x, d)
      console.log(`${x.name} → D over ${via.map((l) => l.addr).join(', ')}`)
      expect(via.every((l) => l.addr.includes(`/p2p/${k.peerId}/p2p-circuit`))).toBe(true)
    }

    const t0 = Date.now()
    const { itemId: fromD } = await d.call<{ itemId: string }>('write', { spaceId, title: 'Written behind the NAT' })
    await waitFor('A and B hold the item D wrote', async () => (await items(a)).includes(fromD) && (await items(b)).includes(fromD), 30_000, 100)
    const toLan = Date.now() - t0
    const t1 = Date.now()
    const { itemId: fromA } = await a.call<{ itemId: string }>('write', { spaceId, title: 'Written on the LAN' })
    await waitFor('D holds the item A wrote', async () => (await items(d)).includes(fromA), 30_000, 100)
    console.log(`NAT relay: D's write reached A and B in ${toLan} ms, A's write reached D in ${Date.now() - t1} ms (proxy: ${JSON.stringify(await fleet.proxy!.send('stats'))})`)
    for (const x of [a, b]) {
      const now = await links(x, d)
      expect(now.length).toBeGreaterThan(0)
      expect(now.every((l) => l.addr.includes('/p2p-circuit'))).toBe(true)
    }
  }, 240_000)
})
