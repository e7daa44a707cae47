/**
 * What an agent's insights are computed from: only the collections its own grant lets it read.
 * An agent (a real one: its key, grant and token made by `addAgent`, calling through the API
 * its token is bound to) granted read on `resources` sees the needs and offers in its gaps and
 * health; the bookings, the map and the roster it may not read are marked unavailable, and what
 * depends on them is null, never "none" (there is a double booking and an unlinked node it cannot
 * see); no snapshot is kept or compared for it; it may not match across organisations,
 * and it may not ask for insights of a space its grant is not in. The owner sees everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { foundSpace, Peers, type TestPeer } from '../helpers/peers.ts'

describe('an agent\'s insights, from what its grant lets it read', () => {
  const peers = new Peers()
  let a: TestPeer
  let spaceId: SpaceId
  let otherSpace: SpaceId
  let owner: PeerApi
  let agent: PeerApi

  beforeAll(async () => {
    a = await peers.start('Ana')
    owner = a.peer.api
    spaceId = (await foundSpace(a, [], 'Agent Test Space')).spaceId
    otherSpace = (await owner.createSpace({ name: 'Allotment' })).spaceId
    await owner.addResource({ spaceId, kind: 'need', title: 'Piano tuning', tags: ['music'] })
    const van = await owner.addResource({ spaceId, kind: 'tool', title: 'Cargo van', tags: ['transport'] })
    await owner.book({ spaceId, resource: van.id, from: '2030-03-02T08:00:00Z', to: '2030-03-02T12:00:00Z' })
    await owner.book({ spaceId, resource: van.id, from: '2030-03-02T10:00:00Z', to: '2030-03-02T14:00:00Z' })
    await owner.addMapNode({ spaceId, type: 'place', label: 'Old Mill' })
    const { token } = await owner.addAgent({ spaceId, name: 'Helper', docs: ['resources'], purpose: 'agent-assist', expiresInSeconds: 3600 })
    agent = a.peer.agents.byToken(token)!.api
  }, 60_000)
  afterAll(() => peers.close())

  it('reads the resources, and nothing its grant does not name', async () => {
    const mine = await owner.gaps({ spaceId, unmetAfterDays: 0 })
    expect(mine.bookingConflicts.map((c) => c.resource.title)).toEqual(['Cargo van'])
    expect(mine.isolatedNodes.map((n) => n.label)).toEqual(['Old Mill'])
    const its = await agent.gaps({ spaceId, unmetAfterDays: 0 })
    expect(its.unmetNeeds.map((u) => u.need.title)).toEqual(['Piano tuning'])
    expect(mine.unavailable).toEqual([])
    // Not "no conflict, no isolated node": not read.
    expect(its.unavailable).toEqual(['bookings', 'map'])
    expect(its.bookingConflicts).toEqual([])
    expect(its.isolatedNodes).toEqual([])
  })

  it('reads a part only through a chain whose purpose allows the report: a research grant on bookings adds nothing to its gaps', async () => {
    const { did } = (await owner.listAgents({ spaceId })).items.find((x) => x.name === 'Helper')!
    const research = await owner.createGrant({ spaceId, to: did, cmd: 'read', docs: ['bookings'], purpose: 'research', expiresInSeconds: 3600 })
    const its = await agent.gaps({ spaceId, unmetAfterDays: 0 })
    // Research does not report gaps: the bookings stay unread, whoever gave that grant.
    expect(its.unavailable).toEqual(['bookings', 'map'])
    expect(its.bookingConflicts).toEqual([])
    await owner.revokeGrant({ grantId: research.grant.grantId })
  })

  it('keeps no snapshot of an agent\'s narrower view, and compares none', async () => {
    const first = await owner.health({ spaceId })
    expect(first.figures).toMatchObject({ members: 1, needs: 1, mapNodes: 1 })
    expect(first).toMatchObject({ unavailable: [], snapshotEveryMinutes: 60 })
    const its = await agent.health({ spaceId })
    // The van's bookings, the map and the roster are not the agent's to read: unknown, not 0.
    expect(its.figures).toMatchObject({ members: null, activeMembers: null, needs: 1, needsMet: 0, offers: 1, offersUsed: null, mapNodes: null, mapEdges: null })
    expect(its.unavailable).toEqual(['bookings', 'decisions', 'map', 'members'])
    expect(its).toMatchObject({ previous: null, change: {}, history: [], snapshotEveryMinutes: null })
    const again = await owner.health({ spaceId })
    expect(again.previous?.figures.mapNodes).toBe(1)
    expect(again.history).toHaveLength(1)
  })

  it('refuses an agent matching across organisations, in words', async () => {
    await expect(agent.match({ spaceId, across: true })).rejects.toMatchObject({
      code: 'FORBIDDEN', message: expect.stringMatching(/^Helper may not match across organisations: the matching grants of other spaces were given to this peer's member, not to its agents/),
    })
    const within = await agent.match({ spaceId })
    expect(within.spaces.map((s) => s.spaceId)).toEqual([spaceId])
    await expect(agent.match({ spaceId: otherSpace })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(agent.health({ spaceId: otherSpace })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
