/**
 * Invites for a meeting, over real libp2p on 127.0.0.1 (mDNS off): a code made with `uses: 3`
 * admits three different peers, each with a member grant of its own, and refuses a fourth in
 * words; an expired code is refused in words that say it expired.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../shared/errors.ts'
import { GrantStatus } from '../../shared/api/peer-api.ts'
import { decodeInvite, encodeInvite } from '../../shared/invite-code.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { Peers, type TestPeer } from '../helpers/peers.ts'

describe('an invite for a meeting', () => {
  let peers: Peers
  let a: TestPeer
  let spaceId: SpaceId
  beforeEach(async () => {
    peers = new Peers()
    a = await peers.start('A')
    spaceId = (await a.peer.api.createSpace({ name: 'Hall meeting' })).spaceId
  })
  afterEach(() => peers.close())

  it('a code for 3 admits three different peers and refuses a fourth', async () => {
    const invite = await a.peer.api.createInvite({ spaceId, uses: 3, expiresInSeconds: 2 * 3600 })
    expect(invite.uses).toBe(3)
    const joiners = [await peers.start('B'), await peers.start('C'), await peers.start('D')]
    for (const j of joiners) expect((await j.peer.api.joinSpace({ code: invite.code })).role).toBe('member')
    // A peer it admitted may use it again (a retried join) without using up a place.
    expect((await joiners[0]!.peer.api.joinSpace({ code: invite.code })).spaceId).toBe(spaceId)

    const fourth = await peers.start('E')
    const refused = await fourth.peer.api.joinSpace({ code: invite.code }).then(() => undefined, (err: unknown) => err)
    expect(refused).toMatchObject({ code: ErrorCode.InviteUsed, message: expect.stringContaining('used') })

    const grants = await a.peer.api.listGrants({ spaceId })
    for (const j of joiners) {
      expect(grants.filter((g) => g.audience === j.peer.identity.did && g.status === GrantStatus.Valid && g.docs.includes('*'))).toHaveLength(1)
    }
    const members = await a.peer.api.listMembers({ spaceId })
    expect(members.filter((m) => m.status === 'member').map((m) => m.name).sort()).toEqual(['A', 'B', 'C', 'D'])
  }, 60_000)

  it('an expired code is refused with words that say it expired', async () => {
    const { code } = await a.peer.api.createInvite({ spaceId })
    const expired = encodeInvite({ ...decodeInvite(code), exp: Math.floor(Date.now() / 1000) - 60 })
    const b = await peers.start('B')
    const refused = await b.peer.api.joinSpace({ code: expired }).then(() => undefined, (err: unknown) => err)
    expect(refused).toMatchObject({ code: ErrorCode.InviteExpired, message: expect.stringContaining('expired') })
  })

  it('a code for more people than a meeting holds, or for none, is refused', async () => {
    for (const uses of [0, 501, 1.5]) {
      await expect(a.peer.api.createInvite({ spaceId, uses })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed })
    }
  })
})
