/**
 * Revocations arrive from peers first on every connection: a hostile one must be refused with
 * the rule it breaks, the same way by @noble/ed25519 and node:crypto, and never throw.
 */
import { describe, expect, it } from 'vitest'
import * as dagCbor from '@ipld/dag-cbor'
import { ErrorCode } from '../../../shared/errors.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import { signedBytesOf } from '../../../shared/grants/grant-codec.ts'
import { GRANT_TAG, REVOCATION_TAG, VARSIG_HEADER, type RevocationPayload } from '../../../shared/grants/grant-format.ts'
import { verifyRevocation } from '../../../shared/grants/grant-verify.ts'
import {
  BACKENDS, OTHER_SPACE, SMALL_ORDER_KEYS, SPACE, cborText, concat, encodeKeysReversed, envelopeAround, flipBit, grantPayload,
  hex, mallory, replaceOnce, revocationPayload, root, sign, signGrant, signRaw, signRevocation, signedPartOf, verdictOf, type Verdict,
} from './grant-fixtures.ts'

interface Vector {
  name: string
  bytes: Uint8Array
  space?: string
  /** The rule broken; absent for a valid revocation. */
  code?: ErrorCode
}

const payload = revocationPayload()
const valid = signRevocation(root, payload)
const signedPart = signedPartOf(valid)
const raw = (over: Record<string, unknown>): Record<string, unknown> => ({ h: VARSIG_HEADER, [REVOCATION_TAG]: { ...payload, ...over } })
const signedWith = (over: Partial<RevocationPayload>): Uint8Array => signRevocation(root, revocationPayload(over))

const C = ErrorCode
const VECTORS: Vector[] = [
  { name: 'valid: root revokes a grant', bytes: valid },
  { name: 'valid: no heads recorded', bytes: signedWith({ afterHeads: [] }) },
  { name: 'flipped bit in S', bytes: flipBit(valid, 3 + 40, 2), code: C.SignatureInvalid },
  { name: 'flipped bit in the target, not re-signed', bytes: concat(valid.subarray(0, 67), flipBit(signedPart, signedPart.length - 40, 0)), code: C.SignatureInvalid },
  { name: 'signed by mallory, naming root as issuer', bytes: concat(valid.subarray(0, 3), sign(mallory.seed, signedPart), signedPart), code: C.SignatureInvalid },
  { name: 'signature over the same payload under the grant tag', bytes: concat(valid.subarray(0, 3), sign(root.seed, signedBytesOf(GRANT_TAG, payload)), signedPart), code: C.SignatureInvalid },
  { name: 'for another space', bytes: valid, space: OTHER_SPACE, code: C.WrongSpace },
  { name: 'unknown field "reason" (re-signed)', bytes: signRaw(root, raw({ reason: 'spite' })), code: C.UnknownField },
  { name: 'non-canonical: keys in reverse order (re-signed)', bytes: envelopeAround(root, encodeKeysReversed(raw({}))), code: C.NonCanonical },
  {
    name: 'duplicate key: target twice (re-signed)',
    bytes: envelopeAround(root, replaceOnce(
      replaceOnce(signedPart, concat(cborText(REVOCATION_TAG), Uint8Array.of(0xa6)), concat(cborText(REVOCATION_TAG), Uint8Array.of(0xa7))),
      concat(cborText('target'), dagCbor.encode(payload.target)),
      concat(cborText('target'), dagCbor.encode(payload.target), cborText('target'), dagCbor.encode('bafyreiaaaa' + payload.target.slice(11))),
    )),
    code: C.NonCanonical,
  },
  { name: 'a grant presented as a revocation', bytes: signGrant(root, grantPayload()), code: C.GrantMalformed },
  { name: 'target that is not a grant id (re-signed)', bytes: signRaw(root, raw({ target: 'not-a-grant' })), code: C.GrantMalformed },
  { name: 'heads over the cap of 64 (re-signed)', bytes: signRaw(root, raw({ afterHeads: Array.from({ length: 65 }, (_, i) => `h${i}`) })), code: C.GrantMalformed },
  { name: 'iat a fraction of a second (re-signed)', bytes: signRaw(root, raw({ iat: 1.5 })), code: C.GrantMalformed },
  { name: 'nonce of 33 bytes (re-signed)', bytes: signRaw(root, raw({ nonce: new Uint8Array(33) })), code: C.GrantMalformed },
  { name: 'small-order issuer', bytes: signedWith({ iss: didFromPublicKey(hex(SMALL_ORDER_KEYS[4]![1])) }), code: C.BadKey },
  { name: 'oversize: heads filling more than 4096 bytes (re-signed)', bytes: signRaw(root, raw({ afterHeads: Array.from({ length: 40 }, () => 'f'.repeat(100)) })), code: C.GrantTooLarge },
]

describe('verifyRevocation: the same verdict on both backends, with the rule broken', () => {
  it.each(VECTORS.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const expected: Verdict = v.code === undefined ? { ok: true } : { ok: false, code: v.code }
    const got: Record<string, Verdict> = {}
    for (const [backend, crypto] of BACKENDS) got[backend] = verdictOf(verifyRevocation(v.bytes, v.space ?? SPACE, crypto))
    expect(got).toEqual({ noble: expected, native: expected })
  })
})
