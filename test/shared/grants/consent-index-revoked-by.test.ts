/**
 * Defect 4, at the index: for a revoked grant, which revocation says when and by whom it was
 * revoked. The earliest revocation that bites it: one by someone without authority over the
 * grant (which bites nothing) is never named, however early it is.
 */
import { describe, expect, it } from 'vitest'
import { ConsentIndex } from '../../../shared/grants/consent-index.ts'
import { decodeGrant, decodeRevocation } from '../../../shared/grants/grant-codec.ts'
import { Cmd, type Grant, type Revocation } from '../../../shared/grants/grant-format.ts'
import { nobleCrypto } from '../../../shared/grants/signature.ts'
import { NOW, NOW_S, SPACE, alice, bob, carol, link, mallory, nonce, revocationPayload, root, signRevocation } from './grant-fixtures.ts'

const g = (bytes: Uint8Array): Grant => { const d = decodeGrant(bytes, nobleCrypto); if (!d.ok) throw new Error(d.error.message); return d.value }
const r = (bytes: Uint8Array): Revocation => { const d = decodeRevocation(bytes, nobleCrypto); if (!d.ok) throw new Error(d.error.message); return d.value }
const index = (grants: Grant[], revocations: Revocation[]): ConsentIndex => new ConsentIndex({ space: SPACE, root: root.did, grants, revocations, now: NOW })
const revoke = (by: typeof root, target: Grant, iat: number, n: number): Revocation =>
  r(signRevocation(by, revocationPayload({ iss: by.did, target: target.id, iat, nonce: nonce(n) })))

describe('ConsentIndex.revocationOf', () => {
  const admin = g(link(root, alice, { cmd: Cmd.All, pol: { docs: ['*'], purpose: '*' }, dlg: 3, nonce: nonce(1) }))
  const member = g(link(alice, bob, { cmd: Cmd.Write, pol: { docs: ['*'], purpose: '*' }, dlg: 1, nonce: nonce(2) }))
  const guest = g(link(bob, carol, { cmd: Cmd.Read, pol: { docs: ['resources'], purpose: 'matching' }, dlg: 0, nonce: nonce(3) }))

  it('names the earliest revocation that bites, whoever issued it and in whatever order they came', () => {
    const byMallory = revoke(mallory, guest, NOW_S - 300, 10) // earliest, but bites nothing
    const byRoot = revoke(root, guest, NOW_S - 60, 11)
    const byAdmin = revoke(alice, guest, NOW_S - 120, 12) // up the chain and an admin: bites, and is earlier than the root's
    for (const order of [[byMallory, byRoot, byAdmin], [byAdmin, byRoot, byMallory], [byRoot, byMallory, byAdmin]]) {
      const i = index([admin, member, guest], order)
      expect(i.revoked.has(guest.id)).toBe(true)
      expect(i.revocationOf(guest.id)?.id).toBe(byAdmin.id)
      expect(i.revocationOf(guest.id)?.payload).toMatchObject({ iss: alice.did, iat: NOW_S - 120 })
    }
  })

  it('names nothing for a grant that is not revoked', () => {
    const i = index([admin, member, guest], [revoke(mallory, member, NOW_S - 10, 13)])
    expect(i.revoked.has(member.id)).toBe(false)
    expect(i.revocationOf(member.id)).toBeUndefined()
    expect(i.revocationOf(guest.id)).toBeUndefined()
  })
})
