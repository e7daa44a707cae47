/**
 * The consent index: which chains hold, for whom, and which revocations bite. Hostile cases:
 * a revocation must stay in force after its issuer loses authority, and junk grants addressed to
 * an issuer must not hide its valid chain.
 */
import { describe, expect, it } from 'vitest'
import { ConsentIndex } from '../../../shared/grants/consent-index.ts'
import { decodeGrant, decodeRevocation } from '../../../shared/grants/grant-codec.ts'
import { Cmd, type Grant, type Revocation } from '../../../shared/grants/grant-format.ts'
import { nobleCrypto } from '../../../shared/grants/signature.ts'
import { DAY, NOW, NOW_S, SPACE, alice, bob, carol, link, mallory, nonce, revocationPayload, root, signRevocation } from './grant-fixtures.ts'

const g = (bytes: Uint8Array): Grant => { const d = decodeGrant(bytes, nobleCrypto); if (!d.ok) throw new Error(d.error.message); return d.value }
const r = (bytes: Uint8Array): Revocation => { const d = decodeRevocation(bytes, nobleCrypto); if (!d.ok) throw new Error(d.error.message); return d.value }
const index = (grants: Grant[], revocations: Revocation[] = [], now = NOW): ConsentIndex => new ConsentIndex({ space: SPACE, root: root.did, grants, revocations, now })
const revoke = (by: typeof root, target: Grant, n = 1): Revocation => r(signRevocation(by, revocationPayload({ iss: by.did, target: target.id, nonce: nonce(n) })))

describe('ConsentIndex', () => {
  const admin = g(link(root, alice, { cmd: Cmd.All, pol: { docs: ['*'], purpose: '*' }, dlg: 3, nonce: nonce(1) }))
  const member = g(link(alice, bob, { cmd: Cmd.Write, pol: { docs: ['*'], purpose: '*' }, dlg: 1, nonce: nonce(2) }))
  const guest = g(link(bob, carol, { cmd: Cmd.Read, pol: { docs: ['resources'], purpose: 'matching' }, dlg: 0, nonce: nonce(3) }))

  it('grants along a chain, narrowing at each link; the root needs no grant', () => {
    const i = index([admin, member, guest])
    expect(i.allows(carol.did, 'read', 'doc1', 'resources', NOW)).toBe(true)
    expect(i.allows(carol.did, 'write', 'doc1', 'resources', NOW)).toBe(false)
    expect(i.allows(carol.did, 'read', 'doc2', 'decisions', NOW)).toBe(false)
    expect(i.allows(bob.did, 'write', SPACE, undefined, NOW)).toBe(true)
    expect(i.allows(root.did, 'write', 'anything', undefined, NOW)).toBe(true)
    expect(i.allows(mallory.did, 'read', 'doc1', 'resources', NOW)).toBe(false)
  })

  it('a revocation by an admin stays in force after the admin is revoked in turn', () => {
    const byAdmin = revoke(alice, member, 1)
    expect(index([admin, member, guest], [byAdmin]).allows(bob.did, 'read', 'doc1', 'resources', NOW)).toBe(false)
    const adminRevoked = revoke(root, admin, 2)
    const i = index([admin, member, guest], [byAdmin, adminRevoked])
    expect(i.allows(bob.did, 'read', 'doc1', 'resources', NOW)).toBe(false)
    expect(i.revoked.has(member.id)).toBe(true)
    // ...and after the admin's grant expires
    expect(index([admin, member, guest], [byAdmin], NOW + 40 * DAY).revoked.has(member.id)).toBe(true)
  })

  it('a revocation by someone with no authority over the grant bites nothing', () => {
    const i = index([admin, member, guest], [revoke(mallory, member, 3), revoke(carol, member, 4)])
    expect(i.revoked.size).toBe(0)
    expect(i.allows(bob.did, 'write', 'doc1', 'resources', NOW)).toBe(true)
  })

  it('junk grants addressed to an issuer do not hide its valid chain', () => {
    const junk = Array.from({ length: 40 }, (_, n) => g(link(mallory, bob, { cmd: Cmd.Write, pol: { docs: ['*'], purpose: '*' }, dlg: 3, nonce: nonce(100 + n) })))
    const expiredOnes = Array.from({ length: 20 }, (_, n) => g(link(alice, bob, { cmd: Cmd.Write, pol: { docs: ['*'], purpose: '*' }, dlg: 1, nbf: NOW_S - 60 * DAY, exp: NOW_S - 31 * DAY, nonce: nonce(200 + n) })))
    const i = index([...junk, ...expiredOnes, admin, member, guest])
    expect(i.allows(carol.did, 'read', 'doc1', 'resources', NOW)).toBe(true)
    expect(i.standing(junk[0]!.id)?.chain).toBeUndefined()
  })

  it('an expiry along the chain ends the chain, and says when the index next changes', () => {
    const short = g(link(alice, bob, { cmd: Cmd.Write, pol: { docs: ['*'], purpose: '*' }, dlg: 1, exp: NOW_S + 60, nonce: nonce(5) }))
    const i = index([admin, short])
    expect(i.allows(bob.did, 'read', 'x', undefined, NOW)).toBe(true)
    expect(i.allows(bob.did, 'read', 'x', undefined, NOW + 61_000)).toBe(false)
    expect(i.nextChange).toBe((NOW_S + 60) * 1000)
  })
})
