/**
 * Every grant has exactly one spelling: decoding what was issued gives back the payload,
 * re-encoding gives back the very bytes, and the id (the CID of those bytes) is the same on every
 * backend and every decode. Decoding is total: whatever it is handed, it answers with data.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CID } from 'multiformats/cid'
import { ErrorCode } from '../../../shared/errors.ts'
import {
  GRANT_ID, decodeGrant, decodeRevocation, encodeEnvelope, envelopeId, signedBytesOf,
} from '../../../shared/grants/grant-codec.ts'
import { Cmd, GRANT_TAG, REVOCATION_TAG, type GrantPayload, type RevocationPayload } from '../../../shared/grants/grant-format.ts'
import { issueGrant, issueRevocation } from '../../../shared/grants/grant-issue.ts'
import { signWithSeed } from '../../../shared/grants/signature.ts'
import {
  BACKENDS, DAY, alice, grantPayload, hexOf, nonce, revocationPayload, root, sign, signGrant,
} from './grant-fixtures.ts'

const bySeed = (bytes: Uint8Array): Uint8Array => signWithSeed(root.seed, bytes)
const MAX_SAFE_SECONDS = Number.MAX_SAFE_INTEGER

const PAYLOADS: Array<[string, GrantPayload]> = [
  ['a write grant for two collections', grantPayload()],
  ['a consent note', grantPayload({ meta: { note: 'Für die Werkstatt — 工具 🌱 "quoted" \\ back' } })],
  ['a note of exactly 1000 bytes', grantPayload({ meta: { note: 'é'.repeat(500) } })],
  ['an empty meta', grantPayload({ meta: {} })],
  ['32 documents, the cap', grantPayload({ pol: { docs: Array.from({ length: 32 }, (_, i) => `doc-${i}`), purpose: 'backup' } })],
  ['a 12-byte nonce', grantPayload({ nonce: nonce(3, 12) })],
  ['a 32-byte nonce', grantPayload({ nonce: nonce(4, 32) })],
  ['dlg 0', grantPayload({ dlg: 0 })],
  ['dlg 4, the cap', grantPayload({ dlg: 4 })],
  ['an admin grant for a year', grantPayload({ cmd: Cmd.All, pol: { docs: ['*'], purpose: '*' }, exp: grantPayload().nbf + 365 * DAY })],
  ['an agent grant for a day', grantPayload({ cmd: '/api/agent/match-offers/v2', exp: grantPayload().nbf + DAY })],
  ['a grant from the epoch', grantPayload({ nbf: 0, exp: 1 })],
  ['times near the largest safe integer', grantPayload({ nbf: MAX_SAFE_SECONDS - DAY, exp: MAX_SAFE_SECONDS })],
  ['a grant to the issuer itself', grantPayload({ aud: root.did })],
]

describe('grant round trip', () => {
  it.each(PAYLOADS)('%s: decode(issue(p)) is p, and re-encoding gives the same bytes', async (_name, payload) => {
    const bytes = await issueGrant(payload, bySeed)
    const ids = new Set<string>()
    for (const [, crypto] of BACKENDS) {
      const decoded = decodeGrant(bytes, crypto)
      if (!decoded.ok) throw new Error(`${decoded.error.code}: ${decoded.error.message}`)
      const g = decoded.value
      expect(g.payload).toEqual(payload)
      expect(hexOf(encodeEnvelope(GRANT_TAG, g.payload, g.signature))).toBe(hexOf(bytes))
      expect(hexOf(g.signedBytes)).toBe(hexOf(signedBytesOf(GRANT_TAG, payload)))
      expect(g.issuerKey).toEqual(root.key)
      expect(hexOf(g.bytes)).toBe(hexOf(bytes))
      const again = decodeGrant(bytes, crypto)
      ids.add(g.id)
      ids.add(again.ok ? again.value.id : 'refused the second time')
    }
    expect(ids.size).toBe(1)
  })

  it('a meta left undefined is the same grant as no meta', async () => {
    const withUndefined = await issueGrant({ ...grantPayload(), meta: undefined }, bySeed)
    expect(hexOf(withUndefined)).toBe(hexOf(await issueGrant(grantPayload(), bySeed)))
  })

  it('an async signer, @noble/ed25519 and node:crypto make the same envelope', async () => {
    const payload = grantPayload()
    const asyncSigned = await issueGrant(payload, async (b) => bySeed(b))
    expect(hexOf(asyncSigned)).toBe(hexOf(await issueGrant(payload, bySeed)))
    expect(hexOf(asyncSigned)).toBe(hexOf(signGrant(root, payload)))
  })

  it('grants differing only in their nonce have different ids', () => {
    const a = envelopeId(signGrant(root, grantPayload({ nonce: nonce(1) })), BACKENDS[0]![1].sha256)
    const b = envelopeId(signGrant(root, grantPayload({ nonce: nonce(2) })), BACKENDS[0]![1].sha256)
    expect(a).not.toBe(b)
  })
})

describe('the id of an envelope', () => {
  const bytes = signGrant(root, grantPayload())

  it('is the CIDv1 (dag-cbor, sha2-256) of the envelope bytes, the same on both backends', () => {
    const ids = BACKENDS.map(([, crypto]) => envelopeId(bytes, crypto.sha256))
    expect(ids[0]).toBe(ids[1])
    const cid = CID.parse(ids[0]!)
    expect(cid.version).toBe(1)
    expect(cid.code).toBe(0x71)
    expect(cid.multihash.code).toBe(0x12)
    expect(cid.multihash.digest).toEqual(new Uint8Array(createHash('sha256').update(bytes).digest()))
  })

  it('matches the grant id pattern revocations target', () => {
    expect(envelopeId(bytes, BACKENDS[1]![1].sha256)).toMatch(GRANT_ID)
  })
})

describe('revocation round trip', () => {
  it.each<[string, RevocationPayload]>([
    ['a revocation with heads', revocationPayload()],
    ['no heads', revocationPayload({ afterHeads: [] })],
    ['64 heads, the cap', revocationPayload({ afterHeads: Array.from({ length: 64 }, (_, i) => `${i}`.padStart(8, '0')) })],
  ])('%s', async (_name, payload) => {
    const bytes = await issueRevocation(payload, bySeed)
    for (const [, crypto] of BACKENDS) {
      const decoded = decodeRevocation(bytes, crypto)
      if (!decoded.ok) throw new Error(`${decoded.error.code}: ${decoded.error.message}`)
      expect(decoded.value.payload).toEqual(payload)
      expect(hexOf(encodeEnvelope(REVOCATION_TAG, decoded.value.payload, decoded.value.signature))).toBe(hexOf(bytes))
      expect(hexOf(decoded.value.signedBytes)).toBe(hexOf(signedBytesOf(REVOCATION_TAG, payload)))
    }
  })

  it('a grant and a revocation over the same fields are signed over different bytes', () => {
    const payload = grantPayload()
    expect(hexOf(signedBytesOf(GRANT_TAG, payload))).not.toBe(hexOf(signedBytesOf(REVOCATION_TAG, payload)))
  })
})

describe('decoding is total: anything that is not an envelope is refused as data', () => {
  const valid = signGrant(root, grantPayload({ aud: alice.did }))
  it.each<[string, unknown]>([
    ['a string', 'grant'],
    ['null', null],
    ['a number', 42],
    ['an ArrayBuffer', valid.buffer],
    ['an array of numbers', Array.from(valid)],
    ['an object', { bytes: valid }],
  ])('%s', (_name, input) => {
    for (const [, crypto] of BACKENDS) {
      expect(decodeGrant(input as Uint8Array, crypto)).toMatchObject({ ok: false, error: { code: ErrorCode.GrantMalformed } })
      expect(decodeRevocation(input as Uint8Array, crypto)).toMatchObject({ ok: false, error: { code: ErrorCode.GrantMalformed } })
    }
  })

  it('the signed bytes are the very bytes after the signature, not a re-encoding', () => {
    const decoded = decodeGrant(valid, BACKENDS[0]![1])
    expect(decoded.ok && hexOf(decoded.value.signedBytes)).toBe(hexOf(valid.subarray(67)))
    expect(hexOf(sign(root.seed, valid.subarray(67)))).toBe(hexOf(valid.subarray(3, 67)))
  })
})
