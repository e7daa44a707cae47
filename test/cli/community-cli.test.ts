/**
 * `commonweave start --community` as a person runs it: the community peer says what it is in
 * `status`, a member named it with `--bootstrap` and is connected to it, an invite made by that
 * member carries it, and a bad `--announce` is refused naming the flag.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { decodeInvite } from '../../shared/invite-code.ts'
import type { StatusInfo } from '../../shared/api/peer-api.ts'
import { removeDir, runCli, startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']

describe('start --community and --bootstrap from the command line', () => {
  const started: CliPeer[] = []
  afterAll(async () => {
    for (const p of started) {
      await p.stop()
      removeDir(p.dataDir)
    }
  })
  const cli = (p: CliPeer, ...args: string[]): ReturnType<typeof runCli> => runCli([...args, '--data', p.dataDir])

  it('a community peer says so, and a member that bootstraps to it is connected and puts it in its invites', async () => {
    const hub = await startCliPeer(tempDataDir('cw-hub-'), [...LOOPBACK, '--community', '--announce', '/ip4/203.0.113.5/tcp/4001', '--name', 'Hilltop hub'])
    started.push(hub)
    const status = JSON.parse((await cli(hub, 'status', '--json')).stdout) as StatusInfo
    expect(status.relay).toEqual({ community: true, slots: 0, via: [] })
    // The announced public address is among those it gives out.
    expect(status.addrs.some((a) => a.startsWith('/ip4/203.0.113.5/tcp/4001'))).toBe(true)
    expect((await cli(hub, 'status')).stdout).toMatch(/community: +this is the community peer; relaying for 0 members now/)

    const hubAddr = hub.ready.addrs.find((a) => a.startsWith('/ip4/127.0.0.1/tcp/') && !a.includes('/ws'))!
    const ana = await startCliPeer(tempDataDir('cw-ana-'), [...LOOPBACK, '--bootstrap', hubAddr, '--name', 'Ana'])
    started.push(ana)
    await waitFor('Ana is connected to the community peer', async () =>
      (JSON.parse((await cli(ana, 'peers', '--json')).stdout) as Array<{ peerId: string }>).some((p) => p.peerId === hub.ready.peerId), 15_000, 200)

    const space = JSON.parse((await cli(ana, 'space', 'create', 'Hilltop', '--json')).stdout) as { spaceId: string }
    const hubJoins = JSON.parse((await cli(ana, 'invite', space.spaceId, '--json')).stdout) as { code: string }
    expect((await cli(hub, 'join', hubJoins.code)).code).toBe(0)
    await waitFor('Ana holds a relay slot on the community peer', async () =>
      (JSON.parse((await cli(ana, 'status', '--json')).stdout) as StatusInfo).relay.via.some((v) => v.peerId === hub.ready.peerId), 30_000, 250)
    expect((await cli(ana, 'status')).stdout).toMatch(/relay: +reachable through the community peer Hilltop hub/)
    expect((JSON.parse((await cli(hub, 'status', '--json')).stdout) as StatusInfo).relay.slots).toBe(1)

    const forBen = decodeInvite((JSON.parse((await cli(ana, 'invite', space.spaceId, '--json')).stdout) as { code: string }).code)
    expect(forBen.community).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`/p2p/${hub.ready.peerId}$`))]))
    expect(forBen.addrs.some((a) => a.includes(`/p2p/${hub.ready.peerId}/p2p-circuit/p2p/${ana.ready.peerId}`))).toBe(true)
  }, 120_000)

  it('refuses an --announce that is no multiaddr, naming the flag', async () => {
    const dir = tempDataDir('cw-bad-')
    try {
      const r = await runCli(['start', '--data', dir, '--no-ui', ...LOOPBACK, '--community', '--announce', '203.0.113.5:4001'])
      expect(r.code).not.toBe(0)
      expect(r.stderr).toMatch(/--announce "203\.0\.113\.5:4001" is not a multiaddr/)
    } finally {
      removeDir(dir)
    }
  })
})
