/**
 * Must-show 2: a member behind a "NAT" is reachable through the community peer. A and B are
 * members on a namespace bridge; K, the community peer, is on the bridge too. D lives on its own
 * subnet behind a router namespace that forwards nothing: D's only way out is a userland proxy
 * in the router to K's port (as a NAT lets a connection out), and no host on the bridge has a
 * route back to D. D joins with an invite, holds a relay slot on K, and A and B reach D at its
 * relayed address (`…/p2p/K/p2p-circuit/p2p/D`); a write crosses both ways.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { clusterUnavailableReason, createCluster, type Cluster } from './cluster.ts'
import { PeerDriver } from './peer-driver.ts'
import { startProxyProcess, type ProxyProcess } from './proxy-process.ts'

const reason = clusterUnavailableReason()
if (reason) console.log(`SKIPPED NAT relay test: ${reason}`)
const PORT = 4001

interface Link { peer: string; addr: string }

describe.skipIf(reason !== undefined)('a member behind a NAT, reached through the community peer (network namespaces)', () => {
  let cluster: Cluster | undefined
  let proxy: ProxyProcess | undefined
  const drivers: PeerDriver[] = []
  afterAll(async () => {
    await Promise.allSettled(drivers.map((d) => d.stop()))
    for (const d of drivers) removeDir(d.dataDir)
    await proxy?.stop()
    cluster?.destroy()
  })
  const driver = (name: string, wrap: string[], listen: string[], bootstrap: string[], community = false): PeerDriver => {
    const d = new PeerDriver({ name, dataDir: tempDataDir(`cw-nat-${name.toLowerCase()}-`), wrap, listen, bootstrap, community })
    drivers.push(d)
    return d
  }
  const links = async (d: PeerDriver, to: PeerDriver): Promise<Link[]> => (await d.call<{ links: Link[] }>('links')).links.filter((l) => l.peer === to.peerId)
  const items = async (d: PeerDriver, spaceId: string): Promise<string[]> => (await d.call<{ ids: string[] }>('items', { spaceId })).ids

  it('A and B reach D only through the community peer, and writes cross both ways', async () => {
    cluster = createCluster(3)
    const nat = cluster.addNatHost()
    const ip = (i: number): string => cluster!.hosts[i]!.ip
    const k = driver('K', cluster.exec(2), [`/ip4/${ip(2)}/tcp/${PORT}`], [], true)
    await k.start()
    const kAddr = k.addrs()[0]!
    const a = driver('A', cluster.exec(0), [`/ip4/${ip(0)}/tcp/${PORT}`], [kAddr])
    const b = driver('B', cluster.exec(1), [`/ip4/${ip(1)}/tcp/${PORT}`], [kAddr])
    await a.start()
    await b.start()
    // D's way out: the router's proxy to K. D listens on nothing: nobody can dial it directly.
    proxy = await startProxyProcess(nat.router.exec, { listen: { host: nat.router.privateIp, port: PORT }, target: { host: ip(2), port: PORT } })
    const d = driver('D', nat.host.exec, [], [`/ip4/${nat.router.privateIp}/tcp/${PORT}/p2p/${k.peerId}`])
    await d.start()

    const relayedAt = (x: PeerDriver): Promise<boolean> =>
      x.call<{ relay: { via: Array<{ peerId: string }> } }>('relay').then((r) => r.relay.via.some((v) => v.peerId === k.peerId))
    const { spaceId } = await a.call<{ spaceId: string }>('create', { name: 'Behind the hill' })
    for (const member of [k, b]) {
      const { code } = await a.call<{ code: string }>('invite', { spaceId })
      await member.call('join', { code }, 90_000)
    }
    // D can reach A only at a relayed address, which A's invite carries once A holds a slot on K.
    await waitFor('A holds a relay slot on the community peer', () => relayedAt(a), 60_000, 250)
    const { code } = await a.call<{ code: string }>('invite', { spaceId })
    await d.call('join', { code }, 90_000)
    // The NAT holds: D cannot reach A's own address.
    await expect(d.call('dial', { addr: a.addrs()[0] })).rejects.toThrow()

    await waitFor('D holds a relay slot on the community peer', () => relayedAt(d), 60_000, 250)
    const dRelayed = `${kAddr}/p2p-circuit/p2p/${d.peerId}`
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
    await waitFor('A and B hold the item D wrote', async () => (await items(a, spaceId)).includes(fromD) && (await items(b, spaceId)).includes(fromD), 30_000, 100)
    const toA = Date.now() - t0
    const t1 = Date.now()
    const { itemId: fromA } = await a.call<{ itemId: string }>('write', { spaceId, title: 'Written on the LAN' })
    await waitFor('D holds the item A wrote', async () => (await items(d, spaceId)).includes(fromA), 30_000, 100)
    console.log(`NAT relay: D's write reached A and B in ${toA} ms, A's write reached D in ${Date.now() - t1} ms, all through the community peer (proxy ${JSON.stringify(await proxy.send('stats'))})`)
    for (const x of [a, b]) expect((await links(x, d)).every((l) => l.addr.includes('/p2p-circuit'))).toBe(true)
  }, 240_000)
})
