/**
 * Defect 5, end to end: a guest whose grant expired, or was revoked, sees how its access ended,
 * in `space list` / `whoami` (the CLI's words) and in the UI (the same describeAccess, with the
 * UI's date format), not "none for". Real libp2p on 127.0.0.1, mDNS off.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { spaceBlock, spaceList, whoAmI } from '../../electron/cli/grant-output.ts'
import { describeAccess } from '../../shared/api/access-words.ts'
import { GrantStatus } from '../../shared/api/peer-api.ts'
import { foundSpace, holdsConnection, Peers, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

const EXPIRES_IN_S = 3

async function guestOf(peers: Peers, name: string, expiresInSeconds?: number) {
  const a = await peers.start(`A${name}`)
  const space = await foundSpace(a, [], 'Tool library')
  await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Pressure washer' })
  const g = await peers.start(`G${name}`)
  const { grant, code } = await a.peer.api.createGrant({
    spaceId: space.spaceId, to: g.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'matching', ...(expiresInSeconds ? { expiresInSeconds } : {}),
  })
  await g.peer.api.acceptGrant({ code })
  return { a, g, space, grant }
}

async function expectNoNoneFor(g: TestPeer): Promise<string> {
  const spaces = await g.peer.api.listSpaces()
  const texts = [spaceList(spaces), spaceBlock(spaces[0]!), whoAmI(await g.peer.api.whoami()), `Guest: ${describeAccess(spaces[0]!.access, (iso) => new Date(iso).toUTCString())}`]
  for (const t of texts) expect(t).not.toMatch(/none\s+for/)
  return texts.join('\n')
}

describe('a guest whose access has ended', () => {
  const peers = new Peers()
  afterAll(() => peers.close())

  it('after its grant expired, reads "expired on DATE"', async () => {
    const { g, space, grant } = await guestOf(peers, 'x', EXPIRES_IN_S)
    // The control: while it holds, the access is the grant's.
    expect((await g.peer.api.listSpaces())[0]?.access).toMatchObject({ cmd: '/doc/read', docs: ['resources'], purpose: 'matching', expiresAt: grant.expiresAt })
    await waitFor('G to list its grant as expired', async () =>
      (await g.peer.api.listGrants({ spaceId: space.spaceId })).find((x) => x.grantId === grant.grantId)?.status === GrantStatus.Expired,
    Date.parse(grant.expiresAt) - Date.now() + 5_000)

    const [summary] = await g.peer.api.listSpaces()
    expect(summary?.role).toBe('guest')
    // The existing keys stay as they were (no valid access), and `ended` says how it ended.
    expect(summary?.access).toMatchObject({ cmd: 'none', docs: [], purpose: '', expiresAt: null })
    expect(summary?.access).toHaveProperty('ended', { reason: 'expired', at: grant.expiresAt })
    const text = await expectNoNoneFor(g)
    expect(text).toContain(`expired on ${grant.expiresAt.slice(0, 10)}`)
  }, 30_000)

  it('after its grant was revoked, reads "revoked on DATE by" whoever revoked it', async () => {
    const { a, g, space, grant } = await guestOf(peers, 'r')
    await waitFor('G to list A\'s resource', async () =>
      (await g.peer.api.listResources({ spaceId: space.spaceId })).items.some((r) => r.title === 'Pressure washer'), 10_000)
    const revocation = await a.peer.api.revokeGrant({ grantId: grant.grantId })
    await waitFor('A to cut G off', () => !holdsConnection(a, g), 5_000)
    // G must first learn of the revocation (defect 2); then its access says how it ended.
    await waitFor('G to list its grant as revoked', async () =>
      (await g.peer.api.listGrants({ spaceId: space.spaceId })).find((x) => x.grantId === grant.grantId)?.status === GrantStatus.Revoked, 5_000)
    const [summary] = await g.peer.api.listSpaces()
    expect(summary?.access).toMatchObject({ cmd: 'none', docs: [], purpose: '', expiresAt: null, ended: { reason: 'revoked', by: a.peer.identity.did } })
    const at = Date.parse((summary?.access as { ended?: { at: string } }).ended!.at)
    expect(Math.abs(at - Date.parse(revocation.revokedAt))).toBeLessThan(1_000)
    const text = await expectNoNoneFor(g)
    expect(text).toMatch(/revoked on \d{4}-\d{2}-\d{2}.* by /)
  }, 30_000)
})
