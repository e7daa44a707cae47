/**
 * No acknowledged write is lost: a peer is killed with SIGKILL at a random moment during a
 * run of 1,000 `resource add` calls; after a restart every add that returned success is
 * there and the store loads. Repeated on the same data directory, so recovery from one
 * crash is itself crashed into. `npm run test:soak` repeats it 50 times.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import type { SpaceId } from '../../shared/ids.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']
const ADDS = 1_000
const CONCURRENCY = 4
const REPEATS = process.env['COMMONWEAVE_SOAK'] ? 50 : 10

describe('durability under kill -9', () => {
  const dataDir = tempDataDir('cw-crash-')
  const started: CliPeer[] = []
  const start = async (): Promise<CliPeer> => {
    const p = await startCliPeer(dataDir, LOOPBACK)
    started.push(p)
    return p
  }
  afterAll(async () => {
    for (const p of started) await p.kill()
    removeDir(dataDir)
  })

  /** Fires ADDS adds, CONCURRENCY at a time; collects the ids of those that returned success. */
  async function addUntilDead(peer: CliPeer, spaceId: SpaceId, run: number, acked: Set<string>): Promise<number> {
    let next = 0
    let failures = 0
    const worker = async (): Promise<void> => {
      while (next < ADDS) {
        const i = next++
        try {
          const r = await peer.api.addResource({ spaceId, kind: 'offer', title: `run ${run} item ${i}` })
          acked.add(r.id)
        } catch {
          failures++
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    return failures
  }

  it(`every acknowledged add survives SIGKILL (${REPEATS} crashes)`, async () => {
    const acked = new Set<string>()
    let peer = await start()
    const { spaceId } = await peer.api.createSpace({ name: 'crash test' })

    // One clean run first: it measures how long 1,000 adds take, so kills land inside the run.
    const t0 = Date.now()
    expect(await addUntilDead(peer, spaceId, 0, acked)).toBe(0)
    const fullRunMs = Date.now() - t0
    expect(await peer.stop()).toBe(0)
    console.log(`crash test: ${ADDS} adds (${CONCURRENCY} at a time) took ${fullRunMs} ms on a clean run`)

    for (let run = 1; run <= REPEATS; run++) {
      peer = await start()
      const present = new Set((await peer.api.listResources({ spaceId })).items.map((r) => r.id))
      const missing = [...acked].filter((id) => !present.has(id))
      expect(missing, `after crash ${run - 1}, acknowledged adds missing`).toEqual([])
      const killAt = Math.floor(Math.random() * fullRunMs)
      const victim = peer
      const timer = setTimeout(() => void victim.kill(), killAt)
      await addUntilDead(victim, spaceId, run, acked)
      clearTimeout(timer)
      await victim.kill()
    }

    peer = await start()
    const finalIds = new Set((await peer.api.listResources({ spaceId })).items.map((r) => r.id))
    expect([...acked].filter((id) => !finalIds.has(id))).toEqual([])
    console.log(`crash test: ${REPEATS} kills, ${acked.size} acknowledged adds, all present after restart`)
    expect(await peer.stop()).toBe(0)
  }, 600_000)

  it('a space joined just before a kill -9 is all there after restart', async () => {
    const inviterDir = tempDataDir('cw-crash-inviter-')
    const joinerDir = tempDataDir('cw-crash-joiner-')
    try {
      const inviter = await startCliPeer(inviterDir, LOOPBACK)
      started.push(inviter)
      const { spaceId } = await inviter.api.createSpace({ name: 'joined then crashed' })
      for (let i = 0; i < 50; i++) await inviter.api.addResource({ spaceId, kind: 'offer', title: `offer ${i}` })
      const { code } = await inviter.api.createInvite({ spaceId })
      const joiner = await startCliPeer(joinerDir, LOOPBACK)
      started.push(joiner)
      await joiner.api.joinSpace({ code })
      await joiner.kill() // the join was acknowledged: from here on it must survive anything
      await inviter.stop() // and after the restart the joiner can rely only on its own disk
      const again = await startCliPeer(joinerDir, LOOPBACK)
      started.push(again)
      expect((await again.api.listSpaces()).map((s) => s.spaceId)).toEqual([spaceId])
      expect((await again.api.listResources({ spaceId })).items).toHaveLength(50)
      expect(await again.stop()).toBe(0)
    } finally {
      removeDir(inviterDir)
      removeDir(joinerDir)
    }
  }, 120_000)
})
