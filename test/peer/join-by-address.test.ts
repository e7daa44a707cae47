/**
 * Three real peers (one process each) on loopback with mDNS off: A creates a space, B and C
 * join with A's invite code — the only way to find A is the addresses inside the code —
 * everyone adds resources, and all three converge on the same set.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, startCliPeer, tempDataDir, runCli, type CliPeer } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import type { SpaceId } from '../../shared/ids.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--listen', '/ip4/127.0.0.1/tcp/0/ws', '--no-mdns']

describe('join by the addresses in an invite code (loopback, no mDNS)', () => {
  const peers: CliPeer[] = []
  afterAll(async () => {
    for (const p of peers) {
      await p.stop()
      removeDir(p.dataDir)
    }
  })

  it('A creates a space, B and C join, all converge on the same resources', async () => {
    for (let i = 0; i < 3; i++) peers.push(await startCliPeer(tempDataDir(), LOOPBACK))
    const [a, b, c] = peers as [CliPeer, CliPeer, CliPeer]

    const space = await a.api.createSpace({ name: 'Riverside Tool Library' })
    const inviteB = await runCli(['invite', space.spaceId, '--data', a.dataDir, '--json'])
    expect(inviteB.code, inviteB.stderr).toBe(0)
    const { code: codeB } = JSON.parse(inviteB.stdout) as { code: string }
    const joinB = await runCli(['join', codeB, '--data', b.dataDir, '--json'])
    expect(joinB.code, joinB.stderr).toBe(0)
    expect(JSON.parse(joinB.stdout)).toMatchObject({ spaceId: space.spaceId, name: 'Riverside Tool Library', role: 'member' })

    // a used code admits nobody else
    const reuse = await runCli(['join', codeB, '--data', c.dataDir, '--json'])
    expect(reuse.code).not.toBe(0)
    expect(JSON.parse(reuse.stderr).error.code).toBe('INVITE_USED')

    const { code: codeC } = await a.api.createInvite({ spaceId: space.spaceId })
    await c.api.joinSpace({ code: codeC })

    const spaceId = space.spaceId as SpaceId
    await a.api.addResource({ spaceId, kind: 'tool', title: 'Cargo trailer', tags: ['transport'] })
    await b.api.addResource({ spaceId, kind: 'need', title: 'Help moving a piano' })
    const add = await runCli(['resource', 'add', spaceId, '--kind', 'offer', '--title', 'Sourdough starter', '--tags', 'food,kitchen', '--data', c.dataDir, '--json'])
    expect(add.code, add.stderr).toBe(0)
    const lastAdd = Date.now()

    const titles = async (p: CliPeer): Promise<string> => (await p.api.listResources({ spaceId })).items.map((r) => r.title).sort().join('|')
    const expected = ['Cargo trailer', 'Help moving a piano', 'Sourdough starter'].sort().join('|')
    await waitFor('all three peers list the same three resources', async () => {
      const seen = await Promise.all(peers.map(titles))
      return seen.every((s) => s === expected)
    }, 5_000)
    console.log(`by address: all three agree ${Date.now() - lastAdd} ms after the last add`)

    const list = await runCli(['resource', 'list', spaceId, '--data', b.dataDir])
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('Sourdough starter')
    for (const p of peers) expect((await p.api.listSpaces()).map((s) => s.members)).toEqual([3])
  }, 90_000)
})
