/**
 * Health snapshots kept on the peer: the first look has nothing to compare with; a later one
 * shows the previous snapshot and how each figure moved; a snapshot is kept at most once an
 * hour; they survive a restart; a damaged file is set aside with a log line and the peer
 * carries on with a new history. The peer's clock is moved on by the test.
 */
import { readdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { healthSnapshotFile } from '../../electron/peer/domain/insight-snapshots.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { foundSpace, Peers, type TestPeer } from '../helpers/peers.ts'

const HOUR = 3_600_000

describe('health and its snapshots', () => {
  const peers = new Peers()
  let clock = Date.now()
  let p: TestPeer
  let spaceId: SpaceId

  beforeAll(async () => {
    p = await peers.start('Ana', { now: () => clock })
    spaceId = (await foundSpace(p, [], 'Health Test Space')).spaceId
    await p.peer.api.addResource({ spaceId, kind: 'need', title: 'Seeds for the garden', tags: ['seeds'] })
    await p.peer.api.addResource({ spaceId, kind: 'offer', title: 'Seed packets', tags: ['seeds'] })
    await p.peer.api.addMapNode({ spaceId, type: 'organisation', label: 'Seed Co-op' })
  }, 60_000)
  afterAll(() => peers.close())

  it('compares each look with the newest snapshot, and keeps one at most once an hour', async () => {
    const first = await p.peer.api.health({ spaceId })
    expect(first.previous).toBeNull()
    expect(first.change).toEqual({})
    expect(first.history).toHaveLength(1)
    expect(first.figures).toMatchObject({ needs: 1, offers: 1, mapNodes: 1, members: 1 })

    await p.peer.api.addResource({ spaceId, kind: 'offer', title: 'Garden tools to lend', tags: ['garden'] })
    await p.peer.api.addMapNode({ spaceId, type: 'person', label: 'Ada' })
    clock += HOUR / 2
    const soon = await p.peer.api.health({ spaceId })
    expect(soon.previous).toEqual({ at: first.computedAt, figures: first.figures })
    expect(soon.change).toMatchObject({ offers: 1, mapNodes: 1, members: 0 })
    // Half an hour on: compared, not kept.
    expect(soon.history).toHaveLength(1)

    clock += HOUR
    const later = await p.peer.api.health({ spaceId })
    expect(later.previous?.at).toBe(first.computedAt)
    expect(later.history.map((s) => s.at)).toEqual([first.computedAt, later.computedAt])

    clock += 2 * HOUR
    const next = await p.peer.api.health({ spaceId })
    expect(next.previous?.at).toBe(later.computedAt)
    expect(next.change).toMatchObject({ offers: 0 })
  }, 30_000)

  it('keeps the snapshots across a restart', async () => {
    const before = await p.peer.api.health({ spaceId })
    await p.stop()
    await p.restart()
    clock += 2 * HOUR
    const after = await p.peer.api.health({ spaceId })
    expect(after.previous?.at).toBe(before.history.at(-1)!.at)
    expect(after.history.length).toBe(before.history.length + 1)
  }, 60_000)

  it('sets a damaged snapshot file aside, says so in the log, and starts a new history', async () => {
    await p.stop()
    const file = healthSnapshotFile(p.dataDir, spaceId)
    await writeFile(file, '{"version":1,"spaceId":"x","snapsh')
    await p.restart()
    clock += 2 * HOUR
    const answer = await p.peer.api.health({ spaceId })
    expect(answer.previous).toBeNull()
    expect(answer.history).toHaveLength(1)
    expect(answer.figures.offers).toBe(2)
    const names = await readdir(dirname(file))
    expect(names.some((n) => n.startsWith('health-') && n.includes('.damaged-'))).toBe(true)
    expect(p.logs.some((l) => /damaged file of health snapshots was set aside/.test(l.msg))).toBe(true)
  }, 60_000)
})
