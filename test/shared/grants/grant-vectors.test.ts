/**
 * Hostile single envelopes: each breaks exactly one rule and must be refused with that rule's
 * code, by @noble/ed25519 and by node:crypto alike. Wherever the broken rule sits inside the
 * signed bytes, the envelope is re-signed by its issuer, so the rule (not the signature) is what
 * fails. Chains are in chain-vectors.test.ts, revocations in revocation-vectors.test.ts.
 */
import { describe, expect, it } from 'vitest'
import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import { base58btc } from 'multiformats/bases/base58'
import { ErrorCode } from '../../../shared/errors.ts'
import type { Did } from '../../../shared/ids.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import { signedBytesOf } from '../../../shared/grants/grant-codec.ts'
import { Cmd, GRANT_TAG, REVOCATION_TAG, VARSIG_HEADER, type GrantPayload } from '../../../shared/grants/grant-format.ts'
import { verifyChain, type ChainContext } from '../../../shared/grants/grant-verify.ts'
import {
  BACKENDS, DAY, L, NOW_S, SMALL_ORDER_KEYS, alice, cborText, concat, context, craftSignature, encodeKeysReversed,
  envelopeAround, flipBit, fromLe, grantPayload, hex, mallory, mixedOrderKey, nonce, rawGrant, replaceOnce,
  revocationPayload, root, sign, signGrant, signRaw, signRevocation, signedPartOf, toLe32, verdictOf, type Verdict,
} from './grant-fixtures.ts'

interface Vector {
  name: string
  /** The chain handed to `verifyChain`: one envelope here, or something that is not one. */
  chain: readonly unknown[]
  ctx?: Partial<ChainContext>
  code: ErrorCode
}

const payload = grantPayload()
const valid = signGrant(root, payload)
const signedPart = signedPartOf(valid)
const signature = valid.subarray(3, 67)

/** The default payload as a plain map with `over` applied (an `undefined` value removes the field), re-signed by root. */
function resigned(over: Record<string, unknown>, by = root): Uint8Array {
  return signRaw(by, rawGrant(withFields({ ...payload }, over)))
}

function withFields(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base }
  for (const [k, v] of Object.entries(over)) {
    // defineProperty, not assignment: `__proto__` must become a field, not the prototype.
    if (v === undefined) delete out[k]
    else Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  }
  return out
}

/** The default grant with one payload field changed, signed by root as usual. */
function signedWith(over: Partial<GrantPayload>): Uint8Array {
  return signGrant(root, grantPayload(over))
}

/** The default grant with its signature replaced. */
function withSignature(sig: Uint8Array): Uint8Array {
  return concat(valid.subarray(0, 3), sig, signedPart)
}

const didOf = (keyHex: string): Did => didFromPublicKey(hex(keyHex))
const PAYLOAD_HEADER = concat(cborText(GRANT_TAG), Uint8Array.of(0xa9))
const be32 = (n: number): Uint8Array => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff)
const float64 = (n: number): Uint8Array => {
  const out = new Uint8Array(9)
  out[0] = 0xfb
  new DataView(out.buffer).setFloat64(1, n)
  return out
}

/** A key outside the prime-order subgroup that signs for itself: only a cofactored verifier would accept its signature. */
const mixedKey = mixedOrderKey(mallory.seed)
const mixedDid = didFromPublicKey(mixedKey)
const mixedIssuerPayload = grantPayload({ iss: mixedDid })
const mixedIssuerGrant = dagCbor.encode([
  craftSignature(mallory.seed, signedBytesOf(GRANT_TAG, mixedIssuerPayload), { r: 987654321n, publicKey: mixedKey }),
  { h: VARSIG_HEADER, [GRANT_TAG]: mixedIssuerPayload },
])

const ENCODING: Vector[] = [
  { name: 'empty bytes', chain: [new Uint8Array(0)], code: ErrorCode.GrantMalformed },
  { name: 'envelope cut short by one byte', chain: [valid.subarray(0, valid.length - 1)], code: ErrorCode.GrantMalformed },
  { name: 'envelope cut in half', chain: [valid.subarray(0, valid.length >> 1)], code: ErrorCode.GrantMalformed },
  { name: 'a byte after the envelope', chain: [concat(valid, Uint8Array.of(0))], code: ErrorCode.GrantMalformed },
  { name: 'a lone CBOR break byte', chain: [Uint8Array.of(0xff)], code: ErrorCode.GrantMalformed },
  { name: 'a JSON text instead of CBOR', chain: [new TextEncoder().encode(JSON.stringify({ iss: root.did }))], code: ErrorCode.GrantMalformed },
  { name: 'arrays nested 4000 deep', chain: [concat(new Uint8Array(4000).fill(0x81), Uint8Array.of(0))], code: ErrorCode.GrantMalformed },
  { name: 'an array declaring 2^64 - 1 elements', chain: [Uint8Array.of(0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)], code: ErrorCode.GrantMalformed },
  { name: 'a signature declaring 4 GiB', chain: [Uint8Array.of(0x82, 0x5a, 0xff, 0xff, 0xff, 0xff)], code: ErrorCode.GrantMalformed },
  { name: 'CBOR undefined, which DAG-CBOR cannot carry', chain: [Uint8Array.of(0xf7)], code: ErrorCode.NonCanonical },
  { name: 'oversize: 4097 zero bytes', chain: [new Uint8Array(4097)], code: ErrorCode.GrantTooLarge },
  {
    name: 'oversize: a validly signed grant listing 32 documents of 128 characters',
    chain: [signedWith({ pol: { docs: Array.from({ length: 32 }, (_, i) => `d${i}`.padEnd(128, 'x')), purpose: 'coordination' } })],
    code: ErrorCode.GrantTooLarge,
  },
  { name: 'non-canonical: map keys in reverse order (re-signed)', chain: [envelopeAround(root, encodeKeysReversed(rawGrant({ ...payload })))], code: ErrorCode.NonCanonical },
  {
    name: 'non-canonical: dlg as a two-byte integer (re-signed)',
    chain: [envelopeAround(root, replaceOnce(signedPart, concat(cborText('dlg'), Uint8Array.of(0x02)), concat(cborText('dlg'), Uint8Array.of(0x18, 0x02))))],
    code: ErrorCode.NonCanonical,
  },
  {
    name: 'non-canonical: exp as a float64 (re-signed)',
    chain: [envelopeAround(root, replaceOnce(signedPart, concat(cborText('exp'), Uint8Array.of(0x1a), be32(payload.exp)), concat(cborText('exp'), float64(payload.exp))))],
    code: ErrorCode.NonCanonical,
  },
  {
    name: 'non-canonical: indefinite-length payload map (re-signed)',
    chain: [envelopeAround(root, concat(replaceOnce(signedPart, PAYLOAD_HEADER, concat(cborText(GRANT_TAG), Uint8Array.of(0xbf))), Uint8Array.of(0xff)))],
    code: ErrorCode.NonCanonical,
  },
  { name: 'non-canonical: envelope array length in long form', chain: [concat(Uint8Array.of(0x98, 0x02), valid.subarray(1))], code: ErrorCode.NonCanonical },
  { name: 'non-canonical: signature length in long form', chain: [concat(Uint8Array.of(0x82, 0x59, 0x00, 0x40), signature, signedPart)], code: ErrorCode.NonCanonical },
  {
    name: 'duplicate key: cmd twice in the payload, the second one /, (re-signed)',
    chain: [envelopeAround(root, replaceOnce(
      replaceOnce(signedPart, PAYLOAD_HEADER, concat(cborText(GRANT_TAG), Uint8Array.of(0xaa))),
      concat(cborText('cmd'), cborText(Cmd.Write)),
      concat(cborText('cmd'), cborText(Cmd.Write), cborText('cmd'), cborText(Cmd.All)),
    ))],
    code: ErrorCode.NonCanonical,
  },
  {
    name: 'duplicate key: the varsig header twice (re-signed)',
    chain: [envelopeAround(root, concat(Uint8Array.of(0xa3), cborText('h'), dagCbor.encode(VARSIG_HEADER), signedPart.subarray(1)))],
    code: ErrorCode.NonCanonical,
  },
  {
    name: 'duplicate key: a second payload under the same tag, escalating to / (re-signed)',
    chain: [envelopeAround(root, concat(
      Uint8Array.of(0xa3), cborText('h'), dagCbor.encode(VARSIG_HEADER),
      cborText(GRANT_TAG), dagCbor.encode(payload), cborText(GRANT_TAG), dagCbor.encode({ ...payload, cmd: Cmd.All }),
    ))],
    code: ErrorCode.NonCanonical,
  },
]

const SHAPE: Vector[] = [
  { name: 'envelope is a map, not [signature, signed part]', chain: [dagCbor.encode({ sig: signature, payload: rawGrant({ ...payload }) })], code: ErrorCode.GrantMalformed },
  { name: 'envelope with a third element', chain: [dagCbor.encode([signature, rawGrant({ ...payload }), 0])], code: ErrorCode.GrantMalformed },
  { name: 'signature of 63 bytes', chain: [dagCbor.encode([signature.subarray(0, 63), rawGrant({ ...payload })])], code: ErrorCode.GrantMalformed },
  { name: 'signed part without the varsig header (re-signed)', chain: [signRaw(root, { [GRANT_TAG]: payload })], code: ErrorCode.GrantMalformed },
  { name: 'varsig header of another algorithm (re-signed)', chain: [signRaw(root, { h: Uint8Array.of(0x34, 0xe7, 0x01, 0xe7, 0x01, 0x13, 0x71), [GRANT_TAG]: payload })], code: ErrorCode.GrantMalformed },
  { name: 'a revocation presented as a grant', chain: [signRevocation(root, revocationPayload())], code: ErrorCode.GrantMalformed },
  { name: 'payload under a future tag cw/grant@2 (re-signed)', chain: [signRaw(root, rawGrant({ ...payload }, 'cw/grant@2'))], code: ErrorCode.GrantMalformed },
  { name: 'unknown field beside the header and the payload (re-signed)', chain: [signRaw(root, { ...rawGrant({ ...payload }), x: 1 })], code: ErrorCode.UnknownField },
  { name: 'unknown payload field prf (re-signed)', chain: [resigned({ prf: [] })], code: ErrorCode.UnknownField },
  { name: 'unknown policy field (re-signed)', chain: [resigned({ pol: { ...payload.pol, where: 'anywhere' } })], code: ErrorCode.UnknownField },
  { name: 'unknown meta field (re-signed)', chain: [resigned({ meta: { note: 'hi', admin: true } })], code: ErrorCode.UnknownField },
  { name: '__proto__ as a payload field (re-signed)', chain: [resigned(JSON.parse('{"__proto__": {"cmd": "/"}}') as Record<string, unknown>)], code: ErrorCode.UnknownField },
  { name: 'unknown purpose "advertising" (re-signed)', chain: [resigned({ pol: { ...payload.pol, purpose: 'advertising' } })], code: ErrorCode.PurposeUnknown },
  { name: 'unknown command /doc/delete (re-signed)', chain: [resigned({ cmd: '/doc/delete' })], code: ErrorCode.GrantMalformed },
  { name: 'command as a CID link (re-signed)', chain: [resigned({ cmd: CID.parse('bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje') })], code: ErrorCode.GrantMalformed },
  { name: 'no documents (re-signed)', chain: [resigned({ pol: { ...payload.pol, docs: [] } })], code: ErrorCode.GrantMalformed },
  { name: 'a document listed twice (re-signed)', chain: [resigned({ pol: { ...payload.pol, docs: ['resources', 'resources'] } })], code: ErrorCode.GrantMalformed },
  { name: 'a document reference with a slash (re-signed)', chain: [resigned({ pol: { ...payload.pol, docs: ['../authority'] } })], code: ErrorCode.GrantMalformed },
  { name: 'sub not a space id (re-signed)', chain: [resigned({ sub: 'space 0' })], code: ErrorCode.GrantMalformed },
  { name: 'nonce of 11 bytes (re-signed)', chain: [resigned({ nonce: nonce(0, 11) })], code: ErrorCode.GrantMalformed },
  { name: 'no nonce (re-signed)', chain: [resigned({ nonce: undefined })], code: ErrorCode.GrantMalformed },
  { name: 'dlg 5, above the cap (re-signed)', chain: [resigned({ dlg: 5 })], code: ErrorCode.GrantMalformed },
  { name: 'dlg negative (re-signed)', chain: [resigned({ dlg: -1 })], code: ErrorCode.GrantMalformed },
  { name: 'exp equal to nbf (re-signed)', chain: [resigned({ exp: payload.nbf })], code: ErrorCode.GrantMalformed },
  { name: 'nbf negative (re-signed)', chain: [resigned({ nbf: -1 })], code: ErrorCode.GrantMalformed },
  { name: 'exp a fraction of a second (re-signed)', chain: [resigned({ exp: payload.exp + 0.5 })], code: ErrorCode.GrantMalformed },
  { name: 'no exp (re-signed)', chain: [resigned({ exp: undefined })], code: ErrorCode.GrantMalformed },
  { name: 'meta.note over 1000 bytes (re-signed)', chain: [resigned({ meta: { note: 'é'.repeat(501) } })], code: ErrorCode.GrantMalformed },
  { name: 'member grant lasting 90 days and a second', chain: [signedWith({ exp: payload.nbf + 90 * DAY + 1 })], code: ErrorCode.ExpiryTooLong },
  { name: 'agent grant lasting 25 hours', chain: [signedWith({ cmd: '/api/agent/match', exp: payload.nbf + 25 * 3600 })], code: ErrorCode.ExpiryTooLong },
  { name: 'admin grant lasting a year and a day', chain: [signedWith({ cmd: Cmd.All, exp: payload.nbf + 366 * DAY })], code: ErrorCode.ExpiryTooLong },
]

const KEYS: Vector[] = [
  ...SMALL_ORDER_KEYS.map(([name, key]): Vector => ({
    name: `small-order issuer: ${name}`, chain: [signedWith({ iss: didOf(key) })], ctx: { root: didOf(key) }, code: ErrorCode.BadKey,
  })),
  ...SMALL_ORDER_KEYS.filter((_, i) => i % 3 === 0).map(([name, key]): Vector => ({
    name: `small-order audience: ${name}`, chain: [signedWith({ aud: didOf(key) })], ctx: { audience: didOf(key) }, code: ErrorCode.BadKey,
  })),
  { name: 'non-canonical key encoding: y = p + 3', chain: [signedWith({ iss: didOf('f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f') })], code: ErrorCode.BadKey },
  { name: 'non-canonical key encoding: x = 0 with the sign bit set', chain: [signedWith({ aud: didOf('0100000000000000000000000000000000000000000000000000000000000080') })], code: ErrorCode.BadKey },
  { name: 'issuer key that is no curve point (y = 2)', chain: [signedWith({ iss: didOf('0200000000000000000000000000000000000000000000000000000000000000') })], code: ErrorCode.BadKey },
  { name: 'mixed-order issuer signing for itself', chain: [mixedIssuerGrant], ctx: { root: mixedDid }, code: ErrorCode.BadKey },
  // An audience key is only named (it gets the cheap well-formedness check: not small order, canonical);
  // a mixed-order or off-curve audience is refused as soon as it signs anything, as the vector above shows.
  { name: 'did:key of a secp256k1 key', chain: [signedWith({ aud: `did:key:${base58btc.encode(concat(Uint8Array.of(0xe7, 0x01, 0x02), alice.key))}` as Did })], code: ErrorCode.BadKey },
  { name: 'did:key of a 33-byte key', chain: [signedWith({ aud: didFromPublicKey(concat(alice.key, Uint8Array.of(0))) })], code: ErrorCode.BadKey },
  { name: 'did:web instead of did:key', chain: [signedWith({ aud: 'did:web:example.org' as Did })], code: ErrorCode.BadKey },
  { name: 'did:key with a base58 typo', chain: [signedWith({ aud: alice.did.replace(/.$/, '0') as Did })], code: ErrorCode.BadKey },
  { name: 'issuer is a number (re-signed)', chain: [resigned({ iss: 42 })], code: ErrorCode.GrantMalformed },
]

const S = fromLe(signature.subarray(32))
const SIGNATURES: Vector[] = [
  { name: 'flipped bit in R', chain: [withSignature(flipBit(signature, 5, 3))], code: ErrorCode.SignatureInvalid },
  { name: 'flipped sign bit of R', chain: [withSignature(flipBit(signature, 31, 7))], code: ErrorCode.SignatureInvalid },
  { name: 'flipped low bit of S', chain: [withSignature(flipBit(signature, 32, 0))], code: ErrorCode.SignatureInvalid },
  { name: 'flipped top bit of S', chain: [withSignature(flipBit(signature, 63, 7))], code: ErrorCode.SignatureInvalid },
  { name: 'S + L: the same signature with S unreduced', chain: [withSignature(concat(signature.subarray(0, 32), toLe32(S + L)))], code: ErrorCode.SignatureInvalid },
  { name: 'all-zero signature', chain: [withSignature(new Uint8Array(64))], code: ErrorCode.SignatureInvalid },
  { name: 'signed by mallory, naming root as issuer', chain: [withSignature(sign(mallory.seed, signedPart))], code: ErrorCode.SignatureInvalid },
  { name: 'signed by the audience instead of the issuer', chain: [withSignature(sign(alice.seed, signedPart))], code: ErrorCode.SignatureInvalid },
  { name: 'flipped bit in the nonce, not re-signed', chain: [flipBit(valid, valid.length - 1, 0)], code: ErrorCode.SignatureInvalid },
  { name: 'exp one second earlier, not re-signed', chain: [concat(valid.subarray(0, 67), replaceOnce(signedPart, be32(payload.exp), be32(payload.exp - 1)))], code: ErrorCode.SignatureInvalid },
  { name: 'signature of another grant', chain: [withSignature(signGrant(root, grantPayload({ nonce: nonce(1) })).subarray(3, 67))], code: ErrorCode.SignatureInvalid },
  { name: 'signature over the same payload under the revocation tag', chain: [withSignature(sign(root.seed, signedBytesOf(REVOCATION_TAG, payload)))], code: ErrorCode.SignatureInvalid },
  { name: 'signature over the payload alone, without header and tag', chain: [withSignature(sign(root.seed, dagCbor.encode(payload)))], code: ErrorCode.SignatureInvalid },
  { name: 'mixed-order R made by the issuer (only a cofactored verifier accepts it)', chain: [withSignature(craftSignature(root.seed, signedPart, { r: 123456789n, rTorsion: true }))], code: ErrorCode.SignatureInvalid },
  { name: 'identity R made by the issuer', chain: [withSignature(craftSignature(root.seed, signedPart, { r: 0n }))], code: ErrorCode.SignatureInvalid },
]

const STANDING: Vector[] = [
  { name: 'expired: now is exactly exp', chain: [signedWith({ exp: NOW_S })], code: ErrorCode.GrantExpired },
  { name: 'expired a year ago', chain: [signedWith({ nbf: NOW_S - 400 * DAY, exp: NOW_S - 365 * DAY })], code: ErrorCode.GrantExpired },
  { name: 'not yet valid: nbf 61 s ahead, beyond the allowed skew', chain: [signedWith({ nbf: NOW_S + 61 })], code: ErrorCode.GrantNotYetValid },
  { name: 'not yet valid: nbf a day ahead', chain: [signedWith({ nbf: NOW_S + DAY })], code: ErrorCode.GrantNotYetValid },
  { name: 'for another space', chain: [signedWith({ sub: '3y9mR8pN5qWc1UaS2dXgZiK4tMe' })], code: ErrorCode.WrongSpace },
]

const ENVELOPE_VECTORS: readonly Vector[] = [...ENCODING, ...SHAPE, ...KEYS, ...SIGNATURES, ...STANDING]

function verdicts(v: Vector): Record<string, Verdict> {
  const out: Record<string, Verdict> = {}
  for (const [name, crypto] of BACKENDS) {
    out[name] = verdictOf(verifyChain(v.chain as Uint8Array[], context(crypto, { audience: alice.did, ...v.ctx })))
  }
  return out
}

describe('hostile envelopes are refused with the rule they break, on both backends', () => {
  it.each(ENVELOPE_VECTORS.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const expected: Verdict = { ok: false, code: v.code }
    expect(verdicts(v)).toEqual({ noble: expected, native: expected })
  })

  it('the unaltered envelope they are made from verifies on both backends', () => {
    expect(verdicts({ name: 'valid', chain: [valid], code: ErrorCode.GrantMalformed })).toEqual({ noble: { ok: true }, native: { ok: true } })
  })
})
