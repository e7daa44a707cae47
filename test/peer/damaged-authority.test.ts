/**
 * No document a peer writes can keep another peer from starting. A founds "Tool Library"; B and
 * M are members; B also founds "Seed Swap", with C as its member. While A is away, M (a member
 * with write access, through its own repo) writes an authority document that fails the schema:
 * the space's name becomes a number. Real libp2p on 127.0.0.1, mDNS off.
 *
 * - B quarantines it and says so: `space list` and `status` show the space damaged, with its last
 *   valid name and documents still in force.
 * - B stops and starts again with the damaged document on disk: it starts, serves Seed Swap to C,
 *   and still shows Tool Library damaged, from its last valid state.
 * - B stops, its copy of the authority document is deleted, and it starts again: the same.
 * - A, the founder, comes back, receives M's change, and writes the last valid values back: when
 *   that valid version reaches B (which takes the missing document from a peer again), the space
 *   is whole on B.
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { DocumentId } from '@automerge/automerge-repo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SpaceSummary } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { AuthorityDoc } from '../../shared/schemas/space.ts'
import { Peers, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('a schema-breaking authority document written by a member', () => {
  const peers = new Peers()
  let a: TestPeer
  let b: TestPeer
  let m: TestPeer
  let c: TestPeer
  let tools: SpaceId
  let seeds: SpaceId

  const spaceOn = async (p: TestPeer, spaceId: SpaceId): Promise<SpaceSummary | undefined> =>
    (await p.peer.api.listSpaces()).find((s) => s.spaceId === spaceId)
  const titles = async (p: TestPeer, spaceId: SpaceId): Promise<string[]> =>
    (await p.peer.api.listResources({ spaceId })).items.map((r) => r.title)

  /** What B must show while the space is damaged: the last valid state, marked damaged, and the other space whole. */
  const expectServedDamaged = async (why: RegExp): Promise<void> => {
    const damaged = await spaceOn(b, tools)
    expect(damaged).toMatchObject({ name: 'Tool Library', role: 'member', damaged: { reason: expect.stringMatching(why) } })
    expect(damaged?.documents).toContain(tools)
    expect(await titles(b, tools)).toEqual(['Ladder'])
    expect((await b.peer.api.status()).damagedSpaces).toBe(1)
    expect(await spaceOn(b, seeds)).toMatchObject({ name: 'Seed Swap', role: 'founder', damaged: null })
  }

  beforeAll(async () => {
    a = await peers.start('A')
    b = await peers.start('B')
    m = await peers.start('M')
    c = await peers.start('C')
    ;({ spaceId: tools } = await a.peer.api.createSpace({ name: 'Tool Library' }))
    await a.peer.api.addResource({ spaceId: tools, kind: 'tool', title: 'Ladder' })
    for (const p of [b, m]) await p.peer.api.joinSpace({ code: (await a.peer.api.createInvite({ spaceId: tools })).code })
    ;({ spaceId: seeds } = await b.peer.api.createSpace({ name: 'Seed Swap' }))
    await c.peer.api.joinSpace({ code: (await b.peer.api.createInvite({ spaceId: seeds })).code })
    await b.peer.node.dial(m.peer.node.getMultiaddrs()[0]!)
    await a.stop()

    const authority = await m.peer.repo.find<AuthorityDoc>(tools as unknown as DocumentId)
    authority.change((d) => { (d as unknown as { name: unknown }).name = 42 })
    await waitFor('B to report Tool Library damaged', async () => (await spaceOn(b, tools))?.damaged != null, 10_000)
  }, 60_000)
  afterAll(() => peers.close())

  it('is quarantined where it arrives: the space is shown damaged, with its last valid state in force', async () => {
    await expectServedDamaged(/fails its schema.*name/)
  })

  it('does not keep the peer from starting again, nor from serving its other spaces', async () => {
    await b.stop()
    await b.restart()
    await expectServedDamaged(/fails its schema.*name/)
    await b.peer.api.addResource({ spaceId: seeds, kind: 'offer', title: 'Bean seeds' })
    await waitFor('C to receive what B adds to Seed Swap after its restart', async () => (await titles(c, seeds)).includes('Bean seeds'), 15_000)
  }, 60_000)

  it('nor does a missing copy of the document', async () => {
    await b.stop()
    await rm(join(b.dataDir, 'automerge', tools.slice(0, 2), tools), { recursive: true, force: true })
    await b.restart()
    await expectServedDamaged(/missing/)
  }, 60_000)

  it('is whole again once a valid version arrives: the founder repairs it from its last valid state', async () => {
    await a.restart()
    await waitFor('A, back, to have received M\'s change and repaired it', async () => {
      const handle = a.peer.repo.handles[tools as unknown as DocumentId]
      return handle?.isReady() === true && (await spaceOn(a, tools))?.damaged === null &&
        Object.keys(handle.doc().roster).length === 3 && handle.doc().name === 'Tool Library'
    }, 30_000)
    await waitFor('B to take the valid version and show Tool Library whole', async () => (await spaceOn(b, tools))?.damaged === null, 30_000)
    expect(await spaceOn(b, tools)).toMatchObject({ name: 'Tool Library', damaged: null })
    expect((await b.peer.api.status()).damagedSpaces).toBe(0)
    const atB = b.peer.repo.handles[tools as unknown as DocumentId]!
    expect(atB.doc().name).toBe('Tool Library')
    await waitFor('M to hold the repair too', () => m.peer.repo.handles[tools as unknown as DocumentId]?.doc().name === 'Tool Library', 15_000)
  }, 90_000)
})
