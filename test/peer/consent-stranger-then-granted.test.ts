/**
 * Defect report: "a peer that once connected as a stranger (it presented a used invite and was
 * refused) and is then granted read and accepts the code never receives the data; a restart
 * of that peer fixes it; a peer not connected beforehand gets the data in 1 s."
 *
 * A founds a space with a resource; B joins with an invite (so that code is used); A makes a
 * second invite, so its gate lets strangers in to present one. G, a stranger, presents the
 * USED code: it is refused (INVITE_USED), but its connection to A stays open (A's probation
 * would close it only after two minutes, and not at all once G holds a grant). A then grants G
 * read on `resources` for `matching` and G accepts the code. G must list A's resource within
 * 10 s, as a guest that was not connected beforehand does (the control at the end).
 *
 * Real libp2p on 127.0.0.1, mDNS off (test/helpers/peers.ts).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../shared/errors.ts'
import { connected, holdsConnection, Peers, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('a stranger refused at a join, then granted read and accepting the code', () => {
  const peers = new Peers()
  afterAll(() => peers.close())

  const grantReadOnResources = async (a: TestPeer, g: TestPeer, spaceId: string): Promise<void> => {
    const { code } = await a.peer.api.createGrant({ spaceId: spaceId as never, to: g.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'matching' })
    await g.peer.api.acceptGrant({ code })
  }

  const listsLadder = async (g: TestPeer, spaceId: string): Promise<boolean> =>
    (await g.peer.api.listResources({ spaceId: spaceId as never })).items.some((r) => r.title === 'Ladder')

  it('receives the granted collection over the connection it kept from its refused join', async () => {
    const a = await peers.start('A')
    const b = await peers.start('B')
    const g = await peers.start('G')
    const { spaceId } = await a.peer.api.createSpace({ name: 'Tool library' })
    await a.peer.api.addResource({ spaceId, kind: 'tool', title: 'Ladder' })
    const { code: used } = await a.peer.api.createInvite({ spaceId })
    await b.peer.api.joinSpace({ code: used })
    // An open invite: A's gate lets a stranger in to present one.
    await a.peer.api.createInvite({ spaceId })

    await expect(g.peer.api.joinSpace({ code: used, timeoutMs: 10_000 })).rejects.toMatchObject({ code: ErrorCode.InviteUsed })
    // The precondition of the report: G is still connected to A, as a stranger.
    expect(holdsConnection(a, g)).toBe(true)

    await grantReadOnResources(a, g, spaceId)
    expect((await g.peer.api.listSpaces()).map((s) => ({ spaceId: s.spaceId, role: s.role }))).toEqual([{ spaceId, role: 'guest' }])
    await waitFor('G (connected beforehand as a stranger) to list A\'s resource', () => listsLadder(g, spaceId), 10_000)
  })

  it('variant: A has no open invite, so its gate refuses G outright; G then gets the data', async () => {
    const a = await peers.start('A3')
    const b = await peers.start('B3')
    const g = await peers.start('G3')
    const { spaceId } = await a.peer.api.createSpace({ name: 'Tool library 3' })
    await a.peer.api.addResource({ spaceId, kind: 'tool', title: 'Ladder' })
    const { code: used } = await a.peer.api.createInvite({ spaceId })
    await b.peer.api.joinSpace({ code: used })
    await expect(g.peer.api.joinSpace({ code: used, timeoutMs: 10_000 })).rejects.toMatchObject({ code: ErrorCode.InviteUsed })
    await waitFor('G3 to hold no connection to A3', () => !connected(g, a), 5_000)
    await grantReadOnResources(a, g, spaceId)
    await waitFor('G3 (refused at the gate beforehand) to list A3\'s resource', () => listsLadder(g, spaceId), 10_000)
  })

  it('control: a peer not connected beforehand gets the data at once', async () => {
    const a = await peers.start('A2')
    const h = await peers.start('H')
    const { spaceId } = await a.peer.api.createSpace({ name: 'Tool library 2' })
    await a.peer.api.addResource({ spaceId, kind: 'tool', title: 'Ladder' })
    expect(connected(h, a)).toBe(false)
    await grantReadOnResources(a, h, spaceId)
    await waitFor('H (not connected beforehand) to list A\'s resource', () => listsLadder(h, spaceId), 10_000)
  })
})
