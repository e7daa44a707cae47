/**
 * Defect 4: revoking a grant that is already revoked must say so, with when and by whom it was
 * revoked, not report a fresh "Revoked … at <now>", and not for someone who could not have
 * revoked it either. A founds the space, B is a member (not an admin), and A grants a read on
 * `resources` to an outside key. Real libp2p on 127.0.0.1, mDNS off.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { revoked as revokedText } from '../../electron/cli/grant-output.ts'
import { didFromPublicKey } from '../../shared/grants/did-key.ts'
import { GrantStatus, type RevocationResult } from '../../shared/api/peer-api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { Did } from '../../shared/ids.ts'
import { Peers, twoPeers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

/** The fields a result about an already revoked grant carries, beside the existing ones. */
type AlreadyRevoked = RevocationResult & { alreadyRevoked?: boolean; revokedBy?: string; revokedByName?: string | null }

async function outsider(): Promise<Did> {
  return didFromPublicKey((await generateKeyPair('Ed25519')).publicKey.raw)
}

describe('revoking a grant that is already revoked', () => {
  const peers = new Peers()
  let a: TestPeer
  let b: TestPeer
  let space: SharedSpace
  let grantId: string
  let first: AlreadyRevoked
  let before = 0
  let after = 0

  beforeAll(async () => {
    ;({ a, b, space } = await twoPeers(peers))
    const { grant } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: await outsider(), cmd: 'read', docs: ['resources'], purpose: 'matching' })
    grantId = grant.grantId
    before = Date.now()
    first = await a.peer.api.revokeGrant({ grantId })
    after = Date.now()
    await waitFor('B to see the grant revoked', async () =>
      (await b.peer.api.listGrants({ spaceId: space.spaceId })).find((g) => g.grantId === grantId)?.status === GrantStatus.Revoked, 10_000)
    // So that "now" can no longer pass for the time of the revocation.
    await new Promise((r) => setTimeout(r, 1_500))
  }, 60_000)
  afterAll(() => peers.close())

  const expectTheOriginal = (r: AlreadyRevoked): void => {
    expect(r).toMatchObject({ grantId, spaceId: space.spaceId, alreadyRevoked: true, revokedBy: a.peer.identity.did, revokedByName: 'A' })
    // The revocation's own time (its signed `iat`, whole seconds), not the time of this call.
    const at = Date.parse(r.revokedAt)
    expect(at, `revokedAt ${r.revokedAt} is the first revocation's time`).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
    expect(at, `revokedAt ${r.revokedAt} is the first revocation's time`).toBeLessThanOrEqual(after)
  }

  it('by the one who revoked it: says it was already revoked, when and by whom', async () => {
    expect(first.alreadyRevoked ?? false).toBe(false)
    const again = await a.peer.api.revokeGrant({ grantId }) as AlreadyRevoked
    expectTheOriginal(again)
  })

  it('by a member who may not revoke it: the same answer, not a revocation of its own', async () => {
    // The control: B may not revoke a live grant it did not issue.
    const { grant: live } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: await outsider(), cmd: 'read', docs: ['resources'], purpose: 'matching' })
    await waitFor('B to hold the live grant', async () => (await b.peer.api.listGrants({ spaceId: space.spaceId })).some((g) => g.grantId === live.grantId), 10_000)
    await expect(b.peer.api.revokeGrant({ grantId: live.grantId })).rejects.toMatchObject({ code: ErrorCode.Forbidden })

    const fromB = await b.peer.api.revokeGrant({ grantId }) as AlreadyRevoked
    expectTheOriginal(fromB)
  })

  it('the CLI says it was already revoked, when and by whom', async () => {
    const again = await a.peer.api.revokeGrant({ grantId })
    const text = revokedText(again)
    expect(text).toMatch(/already revoked/i)
    expect(text).not.toMatch(/^Revoked grant/)
    expect(text).toContain(again.revokedAt)
    expect(text).toContain('by A')
    // A fresh revocation still reads as one.
    expect(revokedText(first)).toMatch(/^Revoked grant /)
  })
})
