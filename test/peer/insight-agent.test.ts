/**
 * What an agent's insights are computed from: only the collections its own grant lets it read.
 * An agent granted read on `resources` sees the needs and offers in its gaps and health, but no
 * booking conflict and no map node (it may not read bookings or the map), no roster, and no
 * snapshot is kept or compared for it; it may not match across organisations. The owner, on
 * the same peer, sees everything. A second insight service is built over the peer's own parts,
 * so the test calls it as an agent would, before any token exists.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InsightService } from '../../electron/peer/domain/insight-service.ts'
import { MapService } from '../../electron/peer/domain/map-service.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import type { Principal } from '../../shared/api/peer-api.ts'
import { didFromPublicKey } from '../../shared/grants/did-key.ts'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { foundSpace, Peers, type TestPeer } from '../helpers/peers.ts'
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'

describe('an agent\'s insights, from what its grant lets it read', () => {
  const peers = new Peers()
  const log = createLogger(LogLevel.Silent)
  const dataDir = tempDataDir('cw-insight-agent-')
  let a: TestPeer
  let spaceId: SpaceId
  let insight: InsightService
  let maps: MapService
  let agent: Principal & { kind: 'agent' }
  const owner: Principal = { kind: 'owner' }

  beforeAll(async () => {
    a = await peers.start('Ana')
    spaceId = (await foundSpace(a, [], 'Agent Test Space')).spaceId
    const { peer } = a
    await peer.api.addResource({ spaceId, kind: 'need', title: 'Piano tuning', tags: ['music'] })
    const van = await peer.api.addResource({ spaceId, kind: 'tool', title: 'Cargo van', tags: ['transport'] })
    await peer.api.book({ spaceId, resource: van.id, from: '2030-03-02T08:00:00Z', to: '2030-03-02T12:00:00Z' })
    await peer.api.book({ spaceId, resource: van.id, from: '2030-03-02T10:00:00Z', to: '2030-03-02T14:00:00Z' })
    await peer.api.addMapNode({ spaceId, type: 'place', label: 'Old Mill' })
    const me = peer.identity.did
    const nameOf = (s: SpaceId, did: string): string | null => peer.membership.rosterEntry(s, did as Did)?.name ?? null
    const follow = (l: Parameters<typeof peer.events.on<'collection:changed'>>[1]): (() => void) => peer.events.on('collection:changed', l)
    maps = new MapService({ store: peer.collections, consent: peer.consent, me, now: Date.now, nameOf, log, follow })
    insight = new InsightService({ store: peer.collections, consent: peer.consent, membership: peer.membership, maps, me, now: Date.now, nameOf, dataDir, log, follow })
    const did = didFromPublicKey((await generateKeyPair('Ed25519')).publicKey.raw)
    agent = { kind: 'agent', did, name: 'Helper' }
    await peer.api.createGrant({ spaceId, to: did, cmd: 'read', docs: ['resources'], purpose: 'agent-assist', expiresInSeconds: 3600 })
  }, 60_000)
  afterAll(async () => {
    await insight.stop()
    await maps.stop()
    await peers.close()
    removeDir(dataDir)
  })

  it('reads the resources, and nothing its grant does not name', async () => {
    const mine = await insight.gaps(owner, { spaceId, unmetAfterDays: 0 })
    expect(mine.bookingConflicts.map((c) => c.resource.title)).toEqual(['Cargo van'])
    expect(mine.isolatedNodes.map((n) => n.label)).toEqual(['Old Mill'])
    const its = await insight.gaps(agent, { spaceId, unmetAfterDays: 0 })
    expect(its.unmetNeeds.map((u) => u.need.title)).toEqual(['Piano tuning'])
    expect(its.bookingConflicts).toEqual([])
    expect(its.isolatedNodes).toEqual([])
  })

  it('keeps no snapshot of an agent\'s narrower view, and compares none', async () => {
    const first = await insight.health(owner, { spaceId })
    expect(first.figures).toMatchObject({ members: 1, needs: 1, mapNodes: 1 })
    const its = await insight.health(agent, { spaceId })
    expect(its.figures).toMatchObject({ needs: 1, offers: 1, mapNodes: 0 })
    expect(its).toMatchObject({ previous: null, change: {}, history: [] })
    const again = await insight.health(owner, { spaceId })
    expect(again.previous?.figures.mapNodes).toBe(1)
    expect(again.history).toHaveLength(1)
  })

  it('refuses an agent matching across organisations, in words', async () => {
    await expect(insight.match(agent, { spaceId, across: true })).rejects.toMatchObject({
      code: 'FORBIDDEN', message: expect.stringMatching(/^Helper may not match across organisations: the matching grants of other spaces were given to this peer's member, not to its agents/),
    })
    const within = await insight.match(agent, { spaceId })
    expect(within.spaces.map((s) => s.spaceId)).toEqual([spaceId])
  })
})
