/**
 * Matching across organisations, over real libp2p on 127.0.0.1: X and Y are two spaces on two
 * peers. Y's member grants X's member read on `resources` for `matching`; X's `match` with
 * `across` pairs X's needs with Y's offers and names Y. Without `across`, nothing of Y. When Y
 * revokes, X's very next results hold none of Y's items (within 2 s), and X receives no change
 * of Y's documents after that; a grant that expires takes Y out the same way. X keeps its copy
 * of Y's documents, but once its grant has ended, matching, gaps, suggestions and health on Y
 * itself are refused, saying how the access ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MatchResult } from '../../shared/api/insight-api.ts'
import type { DocId, SpaceId } from '../../shared/ids.ts'
import { foundSpace, headsOf, holdsFor, Peers, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

const fromY = (r: MatchResult, y: SpaceId): MatchResult['matches'] => r.matches.filter((m) => m.space.spaceId === y || m.offer.spaceId === y)

describe('matching across two organisations under a matching grant', () => {
  const peers = new Peers()
  let x: TestPeer
  let y: TestPeer
  let xSpace: SpaceId
  let ySpace: SpaceId
  let yDoc: DocId

  beforeAll(async () => {
    x = await peers.start('X')
    y = await peers.start('Y')
    xSpace = (await foundSpace(x, [], 'Riverside Food Co-op')).spaceId
    const ys = await foundSpace(y, [], 'Hilltop Growers')
    ySpace = ys.spaceId
    yDoc = ys.resourcesDoc
    await x.peer.api.addResource({ spaceId: xSpace, kind: 'need', title: 'Seeds for the community garden', description: 'Heirloom tomato and bean seeds for spring sowing', tags: ['seeds', 'garden'] })
    await x.peer.api.addResource({ spaceId: xSpace, kind: 'offer', title: 'Compost from the kitchen', tags: ['compost'] })
    await y.peer.api.addResource({ spaceId: ySpace, kind: 'offer', title: 'Heirloom seed packets', description: 'Tomato and bean seeds saved last autumn', tags: ['seeds', 'garden'] })
    await y.peer.api.addResource({ spaceId: ySpace, kind: 'tool', title: 'Seed drill', tags: ['seeds'] })
  }, 60_000)
  afterAll(() => peers.close())

  it('pairs X\'s needs with Y\'s offers and names Y, only with across; a revoke takes Y out at once and nothing of Y arrives after', async () => {
    const { grant, code } = await y.peer.api.createGrant({ spaceId: ySpace, to: x.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'matching' })
    await x.peer.api.acceptGrant({ code })
    const across = await waitFor('X to match its need with Y\'s seed packets', async () => {
      const r = await x.peer.api.match({ spaceId: xSpace, across: true })
      return r.matches.some((m) => m.offer.title === 'Heirloom seed packets') ? r : null
    }, 20_000)
    const seeds = across.matches.find((m) => m.offer.title === 'Heirloom seed packets')!
    expect(seeds.need.title).toBe('Seeds for the community garden')
    expect(seeds.space).toEqual({ spaceId: ySpace, name: 'Hilltop Growers' })
    expect(seeds.reasons.length).toBeGreaterThan(0)
    expect(across.spaces).toEqual(expect.arrayContaining([
      expect.objectContaining({ spaceId: xSpace, name: 'Riverside Food Co-op', across: false }),
      expect.objectContaining({ spaceId: ySpace, name: 'Hilltop Growers', across: true }),
    ]))

    // While the grant holds, Y may be matched on its own (its needs against its offers).
    const onY = await x.peer.api.match({ spaceId: ySpace })
    expect(onY.spaces).toEqual([expect.objectContaining({ spaceId: ySpace, across: false })])
    expect(onY.offers).toBe(2)

    const home = await x.peer.api.match({ spaceId: xSpace })
    expect(fromY(home, ySpace)).toEqual([])
    expect(home.spaces.map((s) => s.spaceId)).toEqual([xSpace])

    await y.peer.api.revokeGrant({ grantId: grant.grantId })
    await waitFor('X\'s matches to hold none of Y\'s items', async () => fromY(await x.peer.api.match({ spaceId: xSpace, across: true }), ySpace).length === 0, 2_000)
    const after = await x.peer.api.match({ spaceId: xSpace, across: true })
    expect(after.spaces.map((s) => s.spaceId)).toEqual([xSpace])
    // X still holds its copy of Y's resources, and answers nothing from it.
    const revoked = { code: 'GRANT_REVOKED', message: expect.stringMatching(/^Your access to Hilltop Growers was revoked on \d{4}-\d{2}-\d{2}.* by .+: this peer may no longer read/) }
    await expect(x.peer.api.match({ spaceId: ySpace })).rejects.toMatchObject(revoked)
    await expect(x.peer.api.gaps({ spaceId: ySpace })).rejects.toMatchObject(revoked)
    await expect(x.peer.api.suggest({ spaceId: ySpace })).rejects.toMatchObject({ code: 'GRANT_REVOKED' })
    await expect(x.peer.api.health({ spaceId: ySpace })).rejects.toMatchObject({ code: 'GRANT_REVOKED' })

    // Y adds more: X's copy of Y's documents stays as it was.
    const heads = headsOf(x, yDoc)
    await y.peer.api.addResource({ spaceId: ySpace, kind: 'offer', title: 'Bean seeds, a whole sack', tags: ['seeds', 'garden'] })
    await holdsFor('X holds no new change of Y\'s resources', 2_000, async () =>
      JSON.stringify(headsOf(x, yDoc)) === JSON.stringify(heads) && fromY(await x.peer.api.match({ spaceId: xSpace, across: true }), ySpace).length === 0)
  }, 60_000)

  it('takes Y out when the matching grant expires', async () => {
    const { code } = await y.peer.api.createGrant({ spaceId: ySpace, to: x.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'matching', expiresInSeconds: 4 })
    await x.peer.api.acceptGrant({ code })
    await waitFor('X to match across with Y again', async () => fromY(await x.peer.api.match({ spaceId: xSpace, across: true }), ySpace).length > 0, 20_000)
    await waitFor('Y\'s items to leave X\'s matches once the grant expires', async () =>
      fromY(await x.peer.api.match({ spaceId: xSpace, across: true }), ySpace).length === 0, 8_000)
    await expect(x.peer.api.match({ spaceId: ySpace })).rejects.toMatchObject({
      code: 'GRANT_EXPIRED', message: expect.stringMatching(/^Your access to Hilltop Growers expired on \d{4}-\d{2}-\d{2}/),
    })
  }, 60_000)

  it('refuses a grant for another purpose: a grant on resources for something else is not matching', async () => {
    const { code } = await y.peer.api.createGrant({ spaceId: ySpace, to: x.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'research' })
    await x.peer.api.acceptGrant({ code })
    await waitFor('X to list Y\'s resources under the research grant', async () =>
      (await x.peer.api.listResources({ spaceId: ySpace })).items.length > 0, 20_000)
    expect(fromY(await x.peer.api.match({ spaceId: xSpace, across: true }), ySpace)).toEqual([])
  }, 60_000)
})
