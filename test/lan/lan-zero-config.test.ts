/**
 * LAN, zero configuration: three peers in three network namespaces on one bridge, each
 * started with plain `commonweave start` (no addresses, mDNS on). B and C join A's space with
 * its invite code and so receive member grants; B and C, whom nobody gave the other's address,
 * then find each other by mDNS (the connection gate lets them through because each now holds a
 * grant in a space the other is in); each adds resources; all three list the same set. Every
 * command is the real CLI run inside the host's namespace.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { createTestLan, jsonIn, lanUnavailableReason, tearDownLan, type TestLan } from './netns.ts'

const reason = lanUnavailableReason()
if (reason) console.log(`SKIPPED LAN zero-configuration test: ${reason}`)

describe.skipIf(reason !== undefined)('LAN with zero configuration (network namespaces, mDNS)', () => {
  let lan: TestLan | undefined
  const peers: CliPeer[] = []
  afterAll(() => tearDownLan(lan, peers))

  const json = <T>(host: number, args: string[]): Promise<T> => jsonIn<T>(lan!, host, peers[host]!.dataDir, args)

  it('three peers discover each other, join by invite and converge', async () => {
    lan = createTestLan(3)
    for (let i = 0; i < 3; i++) peers.push(await startCliPeer(tempDataDir('cw-lan-'), [], { wrap: lan.exec(i) }))

    const space = await json<{ spaceId: string }>(0, ['space', 'create', 'Village Hall'])
    for (const host of [1, 2]) {
      const { code } = await json<{ code: string }>(0, ['invite', space.spaceId])
      const joined = await json<{ spaceId: string; role: string; access: { cmd: string } }>(host, ['join', code])
      expect(joined.spaceId).toBe(space.spaceId)
      expect(joined.role).toBe('member')
      expect(joined.access.cmd).toBe('/doc/write')
    }

    // B and C were never given each other's address: mDNS finds them, and their grants let them in.
    await waitFor('every peer is connected to the other two (B and C by mDNS alone)', async () => {
      const counts = await Promise.all([0, 1, 2].map(async (i) => (await json<unknown[]>(i, ['peers'])).length))
      return counts.every((n) => n >= 2)
    }, 30_000, 250)

    const adds: Array<[number, string, string]> = [[0, 'tool', 'Projector'], [1, 'offer', 'Bike repair'], [2, 'need', 'Chairs for Saturday'], [1, 'skill', 'Bookkeeping']]
    for (const [host, kind, title] of adds) await json(host, ['resource', 'add', space.spaceId, '--kind', kind, '--title', title])
    const lastAdd = Date.now()
    const expected = adds.map(([, , t]) => t).sort().join('|')
    await waitFor('all three peers list the same four resources', async () => {
      const lists = await Promise.all([0, 1, 2].map((i) => json<{ items: Array<{ title: string }> }>(i, ['resource', 'list', space.spaceId])))
      return lists.every((l) => l.items.map((r) => r.title).sort().join('|') === expected)
    }, 5_000, 50)
    const ms = Date.now() - lastAdd
    console.log(`LAN: all three peers agree ${ms} ms after the last add (each check is a CLI call in each namespace)`)
  }, 180_000)
})
