/**
 * A community peer and a member as people start them on a LAN, with its discovery on (the
 * default): in network namespaces, so mDNS and UPnP's SSDP search stay on the test's bridge.
 * The member names the community peer with `--bootstrap`, so it runs everything a member who
 * knows one runs (DCUtR, autoNAT, UPnP, the DHT as a client): both start, the member is connected
 * to the community peer and holds a relay slot there once it is a member of a space the
 * community peer is in.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { StatusInfo } from '../../shared/api/peer-api.ts'
import { startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { createTestLan, jsonIn, lanUnavailableReason, tearDownLan, type TestLan } from './netns.ts'

const reason = lanUnavailableReason()
if (reason) console.log(`SKIPPED LAN community-peer test: ${reason}`)

describe.skipIf(reason !== undefined)('a community peer and a member on a LAN, discovery on', () => {
  let lan: TestLan | undefined
  const peers: CliPeer[] = []
  afterAll(() => tearDownLan(lan, peers))

  it('both start with every service of their role, and the member holds a relay slot on the community peer', async () => {
    lan = createTestLan(2)
    const hub = await startCliPeer(tempDataDir('cw-lan-hub-'), ['--community', '--name', 'Hub', '--listen', `/ip4/${lan.hosts[0]!.ip}/tcp/4001`], { wrap: lan.exec(0), timeoutMs: 30_000 })
    peers.push(hub)
    const member = await startCliPeer(tempDataDir('cw-lan-ana-'), ['--name', 'Ana', '--bootstrap', `/ip4/${lan.hosts[0]!.ip}/tcp/4001/p2p/${hub.ready.peerId}`], { wrap: lan.exec(1), timeoutMs: 30_000 })
    peers.push(member)

    const [atHub, atAna] = [(args: string[]) => jsonIn<unknown>(lan!, 0, hub.dataDir, args), <T>(args: string[]) => jsonIn<T>(lan!, 1, member.dataDir, args)]
    const { spaceId } = await atAna<{ spaceId: string }>(['space', 'create', 'Hilltop'])
    await waitFor('Ana is connected to the hub', async () => (await atAna<Array<{ peerId: string }>>(['peers'])).some((p) => p.peerId === hub.ready.peerId), 20_000, 250)
    await atHub(['join', (await atAna<{ code: string }>(['invite', spaceId])).code])
    await waitFor('Ana holds a relay slot on the hub', async () => (await atAna<StatusInfo>(['status'])).relay.via.some((v) => v.peerId === hub.ready.peerId), 30_000, 500)
    expect(((await atHub(['status'])) as StatusInfo).relay).toMatchObject({ community: true, slots: 1 })
  }, 120_000)
})
