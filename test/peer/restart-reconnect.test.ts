/**
 * Peers that met by address (no mDNS) find each other again after a restart: a restarted
 * peer listens on the ports it had, so invite codes made before stay good, and it redials
 * the members it knows.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']

describe('restarts without mDNS', () => {
  const dirs = [tempDataDir(), tempDataDir(), tempDataDir()]
  const running: CliPeer[] = []
  const start = async (i: number): Promise<CliPeer> => {
    const p = await startCliPeer(dirs[i]!, LOOPBACK)
    running.push(p)
    return p
  }
  afterAll(async () => {
    for (const p of running) await p.stop()
    for (const d of dirs) removeDir(d)
  })

  it('the same ports, old invite codes still good, members reconnect on their own', async () => {
    let a = await start(0)
    let b = await start(1)
    const { spaceId } = await a.api.createSpace({ name: 'Night shift' })
    await b.api.joinSpace({ code: (await a.api.createInvite({ spaceId })).code })
    const laterCode = (await a.api.createInvite({ spaceId })).code
    const portsBefore = a.ready.addrs

    expect(await a.stop()).toBe(0)
    a = await start(0)
    expect(a.ready.addrs).toEqual(portsBefore)
    await waitFor('the restarted peer reconnects to the member it knows', async () => (await a.api.peers()).some((p) => p.peerId === b.ready.peerId), 10_000)
    await a.api.addResource({ spaceId, kind: 'tool', title: 'Headlamp' })
    await waitFor('the change reaches the other member', async () => (await b.api.listResources({ spaceId })).items.length === 1, 10_000)
    // Peers and sync says when each peer last sent something to sync.
    const seenByB = (await b.api.peers()).find((p) => p.peerId === a.ready.peerId)
    expect(seenByB?.lastSyncAt, 'B heard sync messages from A').toBeTruthy()
    expect(Date.parse(seenByB!.lastSyncAt!)).toBeGreaterThanOrEqual(Date.parse(seenByB!.since) - 1000)

    expect(await b.stop()).toBe(0)
    b = await start(1)
    await waitFor('a restarted member redials too', async () => (await b.api.peers()).some((p) => p.peerId === a.ready.peerId), 10_000)
    await b.api.addResource({ spaceId, kind: 'need', title: 'Batteries' })
    await waitFor('and its change reaches the first', async () => (await a.api.listResources({ spaceId })).items.length === 2, 10_000)

    const c = await start(2)
    await c.api.joinSpace({ code: laterCode })
    expect((await c.api.listResources({ spaceId })).items.map((r) => r.title).sort()).toEqual(['Batteries', 'Headlamp'])
  }, 90_000)
})
