/**
 * A hostile peer against a real daemon (`commonweave start` in its own process): random
 * bytes, a 2^31 length prefix, truncated frames and well-framed garbage on the sync and join
 * protocols. The attacker holds a grant (a hostile insider: a stranger is closed at the
 * connection gate before any of this is read). The daemon logs, closes that stream, stays up,
 * keeps syncing with an honest member, and its memory stays bounded. `npm run test:soak`
 * sends ten times as many attacks.
 */
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { multiaddr } from '@multiformats/multiaddr'
import type { Libp2p, Stream } from '@libp2p/interface'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeFrame } from '../../electron/peer/sync/frame-codec.ts'
import { SYNC_PROTOCOL } from '../../electron/peer/sync/libp2p-network-adapter.ts'
import { JOIN_PROTOCOL } from '../../electron/peer/domain/join-protocol.ts'
import { createTestNode } from '../helpers/libp2p-node.ts'
import { loopbackAddrs, removeDir, startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { didFromPublicKey } from '../../shared/grants/did-key.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']
const ROUNDS = process.env['COMMONWEAVE_SOAK'] ? 50 : 5

const varint = (n: number): Uint8Array => {
  const out: number[] = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) }
  out.push(n)
  return Uint8Array.from(out)
}

const ATTACKS: Array<[string, () => Uint8Array[]]> = [
  ['random bytes', () => [randomBytes(4096)]],
  ['a length prefix of 2^31', () => [varint(2 ** 31), randomBytes(64 * 1024)]],
  ['a varint longer than five bytes', () => [Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])]],
  ['a truncated frame', () => [varint(1000), randomBytes(10)]],
  ['well-framed garbage', () => [encodeFrame(randomBytes(500)), encodeFrame(randomBytes(3))]],
  ['well-framed JSON of the wrong shape', () => [encodeFrame(new TextEncoder().encode('{"v":1,"space":[],"secret":{"$gt":""}}'))]],
]

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(m?.[1] ?? 0) * 1024
}

async function attack(attacker: Libp2p, target: string, protocol: string, chunks: Uint8Array[]): Promise<void> {
  let stream: Stream
  try {
    stream = await attacker.dialProtocol(multiaddr(target), protocol)
  } catch {
    return // refused outright is also a fine answer
  }
  try {
    for (const c of chunks) stream.send(c)
    await stream.close()
  } catch {
    // the daemon already reset the stream: that is the answer we want
  }
  // the victim answers by resetting or closing; wait until the stream is done either way
  await waitFor(`the ${protocol} stream to be closed by the daemon`, () => stream.status !== 'open' || stream.readStatus === 'closed', 10_000)
}

describe('a hostile peer against a running daemon', () => {
  const peers: CliPeer[] = []
  let attacker: Libp2p | undefined
  afterAll(async () => {
    await attacker?.stop()
    for (const p of peers) { await p.stop(); removeDir(p.dataDir) }
  })

  it('survives every malformed input, keeps syncing honest peers, memory bounded', async () => {
    const victim = await startCliPeer(tempDataDir(), LOOPBACK)
    const honest = await startCliPeer(tempDataDir(), LOOPBACK)
    peers.push(victim, honest)
    const { spaceId } = await victim.api.createSpace({ name: 'Under attack' })
    await honest.api.joinSpace({ code: (await victim.api.createInvite({ spaceId })).code })

    attacker = await createTestNode()
    const attackerDid = didFromPublicKey(attacker.peerId.publicKey!.raw)
    await victim.api.createGrant({ spaceId: spaceId as SpaceId, to: attackerDid, cmd: 'write', docs: ['resources'], purpose: 'coordination' })
    const target = loopbackAddrs(victim.ready)[0]!
    const pid = victim.process.pid!
    const rssBefore = rssBytes(pid)
    let attacks = 0
    for (let round = 0; round < ROUNDS; round++) {
      for (const [, make] of ATTACKS) {
        for (const protocol of [SYNC_PROTOCOL, JOIN_PROTOCOL]) {
          await attack(attacker, target, protocol, make())
          attacks++
        }
      }
    }
    // many oversized prefixes at once: nothing may be allocated for them
    await Promise.all(Array.from({ length: 50 }, () => attack(attacker!, target, SYNC_PROTOCOL, [varint(2 ** 31 - 1), randomBytes(1024)])))
    attacks += 50
    const growthMiB = (rssBytes(pid) - rssBefore) / 2 ** 20
    console.log(`hostile peer: ${attacks} attacks; daemon RSS grew by ${growthMiB.toFixed(1)} MiB`)

    expect(victim.process.exitCode).toBeNull()
    expect((await victim.api.status()).peerId).toBe(victim.ready.peerId)
    const logs = victim.logs.join('\n')
    expect(logs).toMatch(/stream-rejected/)
    expect(logs).toMatch(/FRAME_TOO_LARGE/)
    expect(logs).toMatch(/join refused|join request failed/)
    expect(growthMiB).toBeLessThan(64)

    // and it still syncs with the honest member, both ways
    await victim.api.addResource({ spaceId: spaceId as SpaceId, kind: 'offer', title: 'Still here' })
    await honest.api.addResource({ spaceId: spaceId as SpaceId, kind: 'need', title: 'Me too' })
    for (const p of [victim, honest]) {
      await waitFor('both resources on both peers after the attacks', async () =>
        (await p.api.listResources({ spaceId: spaceId as SpaceId })).items.length === 2, 10_000)
    }
  }, 120_000)
})
