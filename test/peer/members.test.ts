/**
 * Members and ownership over real libp2p on 127.0.0.1, mDNS off: an admin made by the founder
 * invites; a plain member may not; a removed member is cut off both ways; one who leaves
 * forgets the space and the others see them gone; a rename reaches the others.
 */
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../shared/errors.ts'
import { GrantStatus } from '../../shared/api/peer-api.ts'
import type { MemberSummary } from '../../shared/api/members-api.ts'
import { holdsFor, Peers, threePeers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

/** What `fn` rejected with, or a marker when it resolved. */
const thrownBy = async (fn: () => Promise<unknown>): Promise<unknown> => fn().then(() => 'resolved without rejecting', (err: unknown) => err)
const memberOf = async (viewer: TestPeer, space: SharedSpace, of: TestPeer): Promise<MemberSummary | undefined> =>
  (await viewer.peer.api.listMembers({ spaceId: space.spaceId })).find((m) => m.did === of.peer.identity.did)
const titles = async (p: TestPeer, space: SharedSpace): Promise<string[]> =>
  (await p.peer.api.listResources({ spaceId: space.spaceId, all: true })).items.map((r) => r.title)
const roleOn = async (p: TestPeer, space: SharedSpace): Promise<string | undefined> =>
  (await p.peer.api.listSpaces()).find((s) => s.spaceId === space.spaceId)?.role

describe('members', () => {
  let peers: Peers
  let a: TestPeer
  let b: TestPeer
  let c: TestPeer
  let space: SharedSpace
  beforeEach(async () => {
    peers = new Peers()
    ;({ a, b, c, space } = await threePeers(peers))
  })
  afterEach(() => peers.close())

  it('an admin made by the founder invites a fourth member; a plain member\'s invite is refused', async () => {
    expect((await memberOf(a, space, b))?.role).toBe('member')
    const made = await a.peer.api.setMemberRole({ spaceId: space.spaceId, did: b.peer.identity.did, role: 'admin' })
    expect(made).toMatchObject({ role: 'admin', status: 'member' })
    await waitFor('B to hold its admin grant', async () => (await roleOn(b, space)) === 'admin')

    const d = await peers.start('D')
    const { code } = await b.peer.api.createInvite({ spaceId: space.spaceId })
    await d.peer.api.joinSpace({ code })
    await waitFor('A to list D as a member', async () => (await memberOf(a, space, d))?.status === 'member')
    const grants = await a.peer.api.listGrants({ spaceId: space.spaceId })
    expect(grants.find((g) => g.audience === d.peer.identity.did && g.status === GrantStatus.Valid)?.issuer).toBe(b.peer.identity.did)

    const refused = await thrownBy(() => c.peer.api.createInvite({ spaceId: space.spaceId }))
    expect(refused).toMatchObject({ code: ErrorCode.Forbidden })
    // Roles by name, as a secretary types them; and an admin stepped down is a member again.
    await a.peer.api.setMemberRole({ spaceId: space.spaceId, did: 'B', role: 'member' })
    await waitFor('B to be a member again', async () => (await roleOn(b, space)) === 'member')
    // D, whom B invited as an admin, stays a member: A signs D a grant of its own.
    await waitFor('D to be a member by A\'s grant', async () => (await a.peer.api.listGrants({ spaceId: space.spaceId }))
      .some((g) => g.audience === d.peer.identity.did && g.status === GrantStatus.Valid && g.issuer === a.peer.identity.did), 15_000)
    expect((await memberOf(a, space, d))?.status).toBe('member')
    expect((await b.peer.api.listSpaces())[0]?.access.cmd).toBe('/doc/write')
  })

  it('an admin who leaves does not take the members they invited along; one who left may come back', async () => {
    await a.peer.api.setMemberRole({ spaceId: space.spaceId, did: 'B', role: 'admin' })
    await waitFor('B to hold its admin grant', async () => (await roleOn(b, space)) === 'admin')
    const d = await peers.start('D')
    await d.peer.api.joinSpace({ code: (await b.peer.api.createInvite({ spaceId: space.spaceId })).code })
    // Without mDNS, D knows only B's address: here D meets A too, as it would on a LAN.
    await d.peer.node.dial(a.peer.node.getMultiaddrs()[0]!)
    expect((await b.peer.api.leaveSpace({ spaceId: space.spaceId })).announced).toBe(true)
    await waitFor('A to list B as gone, and D as a member by A\'s grant', async () => (await memberOf(a, space, b))?.status === 'left' &&
      (await a.peer.api.listGrants({ spaceId: space.spaceId })).some((g) => g.audience === d.peer.identity.did && g.status === GrantStatus.Valid && g.issuer === a.peer.identity.did), 15_000)
    await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'offer', title: 'Still here' })
    await waitFor('D to hold A\'s offer', async () => (await titles(d, space)).includes('Still here'))
    // B comes back with a new invite.
    await b.peer.api.joinSpace({ code: (await a.peer.api.createInvite({ spaceId: space.spaceId })).code })
    await waitFor('A to list B as a member again', async () => (await memberOf(a, space, b))?.status === 'member')
  })

  it('removing an admin keeps the members they invited, on grants the remover signs', async () => {
    await a.peer.api.setMemberRole({ spaceId: space.spaceId, did: 'B', role: 'admin' })
    await waitFor('B to hold its admin grant', async () => (await roleOn(b, space)) === 'admin')
    const d = await peers.start('D')
    await d.peer.api.joinSpace({ code: (await b.peer.api.createInvite({ spaceId: space.spaceId })).code })
    await waitFor('A to know D', async () => (await memberOf(a, space, d))?.status === 'member')
    const removed = await a.peer.api.removeMember({ spaceId: space.spaceId, did: 'B' })
    expect(removed).toMatchObject({ status: 'removed', kept: [{ did: d.peer.identity.did, name: 'D' }] })
    expect((await memberOf(a, space, d))?.status).toBe('member')
    expect((await a.peer.api.listGrants({ spaceId: space.spaceId })).some((g) => g.audience === d.peer.identity.did && g.status === GrantStatus.Valid && g.issuer === a.peer.identity.did)).toBe(true)
  })

  it('a peer holding an imported copy of the space joins it for real with an invite', async () => {
    const file = join(a.dataDir, '..', `copy-${process.pid}-${Date.now()}.cwexport`)
    await a.peer.api.exportSpace({ spaceId: space.spaceId, file })
    const e = await peers.start('E')
    try {
      expect(await e.peer.api.importSpace({ file })).toMatchObject({ member: false })
      expect((await e.peer.api.listSpaces())[0]).toMatchObject({ localCopy: true })
      const joined = await e.peer.api.joinSpace({ code: (await a.peer.api.createInvite({ spaceId: space.spaceId })).code })
      expect(joined.access.cmd).toBe('/doc/write')
      await waitFor('A to list E as a member', async () => (await memberOf(a, space, e))?.status === 'member')
    } finally {
      await rm(file, { force: true })
    }
  })

  it('a grant a member signs on its own authority makes no one a member or an admin', async () => {
    const { generateKeyPair } = await import('@libp2p/crypto/keys')
    const { didFromPublicKey } = await import('../../shared/grants/did-key.ts')
    const { issueGrant } = await import('../../shared/grants/grant-issue.ts')
    const key = await generateKeyPair('Ed25519')
    const x = didFromPublicKey(key.publicKey.raw)
    const now = Math.floor(Date.now() / 1000)
    const forged = async (iss: string, sign: (b: Uint8Array) => Uint8Array | Promise<Uint8Array>): Promise<Uint8Array> => issueGrant({
      iss: iss as never, aud: x, sub: space.spaceId, cmd: '/', pol: { docs: ['*'], purpose: '*' }, nbf: now, exp: now + 86_400, nonce: new Uint8Array(16).fill(iss.length), dlg: 0,
    }, sign)
    // An admin's grant from a member (more than C holds), and one X signs to itself.
    const bytes = [await forged(c.peer.identity.did, (b) => c.peer.identity.sign(b)), await forged(x, (b) => key.sign(b))]
    // C writes them into the authority document, as a hostile member's peer could.
    const handle = await c.peer.repo.find<{ grants?: Record<string, Uint8Array> }>(space.spaceId as never)
    handle.change((doc) => { doc.grants ??= {}; bytes.forEach((b, i) => { doc.grants![`forged${i}`] = b }) })
    await waitFor('A to hold the forged grants', async () => (await a.peer.api.listGrants({ spaceId: space.spaceId })).filter((g) => g.audience === x).length === 2)
    await holdsFor('no one signs X a grant of their own', 3_000, async () =>
      !(await a.peer.api.listGrants({ spaceId: space.spaceId })).some((g) => g.audience === x && g.status === GrantStatus.Valid))
    expect((await memberOf(a, space, { peer: { identity: { did: x } } } as unknown as TestPeer))?.status).not.toBe('member')
  })

  it('a removed member gets none of 20 later offers within 15 s, and its own later writes reach nobody', async () => {
    const removed = await a.peer.api.removeMember({ spaceId: space.spaceId, did: c.peer.identity.did })
    expect(removed).toMatchObject({ status: 'removed', gone: { by: a.peer.identity.did } })
    await waitFor('C to know it was removed', async () => (await c.peer.api.listSpaces())[0]?.access.ended?.reason === 'revoked')
    for (let i = 0; i < 20; i++) await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'offer', title: `Offer ${i}` })
    await c.peer.api.addResource({ spaceId: space.spaceId, kind: 'offer', title: 'From C after removal' }).catch(() => {})
    await waitFor('B to hold the 20 offers', async () => (await titles(b, space)).filter((t) => t.startsWith('Offer ')).length === 20, 15_000)
    await holdsFor('C holds none of the offers, and nobody holds C\'s write', 15_000, async () =>
      !(await titles(c, space)).some((t) => t.startsWith('Offer ')) &&
      !(await titles(a, space)).includes('From C after removal') && !(await titles(b, space)).includes('From C after removal'))
    expect((await memberOf(b, space, c))?.status).toBe('removed')
    expect(await thrownBy(() => a.peer.api.removeMember({ spaceId: space.spaceId, did: a.peer.identity.did }))).toMatchObject({ code: ErrorCode.Forbidden })
    expect(await thrownBy(() => b.peer.api.removeMember({ spaceId: space.spaceId, did: a.peer.identity.did }))).toMatchObject({ code: ErrorCode.Forbidden })
  }, 60_000)

  it('a peer that left no longer has the space\'s documents on disk, and the others list it as gone', async () => {
    await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Ladder' })
    await waitFor('B to hold the ladder', async () => (await titles(b, space)).includes('Ladder'))
    const docs = b.peer.consent.spaces.docsOf(space.spaceId)
    const left = await b.peer.api.leaveSpace({ spaceId: space.spaceId })
    expect(left).toMatchObject({ spaceId: space.spaceId, announced: true })
    expect(left.forgotten).toBe(docs.length)
    expect(await b.peer.api.listSpaces()).toEqual([])
    const onDisk = (await readdir(join(b.dataDir, 'automerge'), { recursive: true })).join('\n')
    for (const id of docs) expect(onDisk).not.toContain(id)
    for (const viewer of [a, c]) await waitFor(`${viewer.name} to list B as gone`, async () => (await memberOf(viewer, space, b))?.status === 'left')
    expect((await memberOf(a, space, b))?.name).toBe('B')
    // After a restart, the space stays gone.
    await b.restart()
    expect(await b.peer.api.listSpaces()).toEqual([])
  })

  it('the last admin cannot leave without naming another; the founder can, once another is admin', async () => {
    // Without mDNS, B and C know each other only through A: here they meet first, as they would on a LAN.
    await waitFor('B to know C\'s grant', () => b.peer.consent.knows(c.peerId))
    await b.peer.node.dial(c.peer.node.getMultiaddrs()[0]!)
    expect(await thrownBy(() => a.peer.api.leaveSpace({ spaceId: space.spaceId }))).toMatchObject({ code: ErrorCode.Forbidden, message: expect.stringContaining('last admin') })
    const left = await a.peer.api.leaveSpace({ spaceId: space.spaceId, admin: 'C' })
    expect(left.announced).toBe(true)
    await waitFor('C to be admin and B to see A gone', async () => (await roleOn(c, space)) === 'admin' && (await memberOf(b, space, a))?.status === 'left')
    // The space goes on: C invites, B still syncs.
    await c.peer.api.addResource({ spaceId: space.spaceId, kind: 'need', title: 'Van' })
    await waitFor('B to hold C\'s need', async () => (await titles(b, space)).includes('Van'))
  })

  it('a rename shows on the other peers', async () => {
    const r = await c.peer.api.rename({ name: 'Carla Mendes' })
    expect(r).toEqual({ name: 'Carla Mendes', spaces: 1 })
    for (const viewer of [a, b]) await waitFor(`${viewer.name} to see the new name`, async () => (await memberOf(viewer, space, c))?.name === 'Carla Mendes')
    expect((await c.peer.api.whoami()).name).toBe('Carla Mendes')
    await c.restart()
    expect((await c.peer.api.whoami()).name).toBe('Carla Mendes')
    expect(await thrownBy(() => c.peer.api.rename({ name: '   ' }))).toMatchObject({ code: ErrorCode.ValidationFailed })
  })
})
