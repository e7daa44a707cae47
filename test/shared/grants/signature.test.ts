/**
 * One Ed25519 policy, two implementations: @noble/ed25519 (portable) and node:crypto (native)
 * must accept and refuse exactly the same signatures. The policy (strict RFC 8032, keys and R of
 * prime order) is applied before either backend runs, so no backend can loosen it.
 */
import { describe, expect, it } from 'vitest'
import * as ed from '@noble/ed25519'
import { nativeCrypto, platformCrypto } from '../../../electron/peer/consent/native-crypto.ts'
import {
  isAcceptableKey, isCanonicalScalar, nobleCrypto, publicKeyFromSeed, signWithSeed, strictVerify,
} from '../../../shared/grants/signature.ts'
import {
  BACKENDS, L, PARTIES, SMALL_ORDER_KEYS, TORSION_8, alice, concat, craftSignature, flipBit, fromLe, hex, hexOf,
  mixedOrderKey, root, sign, toLe32,
} from './grant-fixtures.ts'

const message = new TextEncoder().encode('a grant, in canonical DAG-CBOR')
const signature = sign(root.seed, message)
const S = fromLe(signature.subarray(32))
const withS = (s: bigint): Uint8Array => concat(signature.subarray(0, 32), toLe32(s))

// RFC 8032, section 7.1, test 2: a real Ed25519 key, message and signature from outside this code.
const RFC_KEY = hex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c')
const RFC_MESSAGE = hex('72')
const RFC_SIGNATURE = hex('92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00')

const mixedKey = mixedOrderKey(root.seed)

interface Case {
  name: string
  signature: Uint8Array
  message: Uint8Array
  key: Uint8Array
  valid: boolean
}

const CASES: Case[] = [
  { name: 'RFC 8032 test 2', signature: RFC_SIGNATURE, message: RFC_MESSAGE, key: RFC_KEY, valid: true },
  { name: 'RFC 8032 test 2 with the message changed', signature: RFC_SIGNATURE, message: hex('73'), key: RFC_KEY, valid: false },
  { name: 'a signature by root', signature, message, key: root.key, valid: true },
  { name: 'the same signature for another key', signature, message, key: alice.key, valid: false },
  { name: 'a flipped bit in R', signature: flipBit(signature, 0, 1), message, key: root.key, valid: false },
  { name: 'a flipped bit in S', signature: flipBit(signature, 40, 6), message, key: root.key, valid: false },
  { name: 'S + L', signature: withS(S + L), message, key: root.key, valid: false },
  { name: 'S + 2L', signature: withS(S + 2n * L), message, key: root.key, valid: false },
  { name: 'a signature of 63 bytes', signature: signature.subarray(0, 63), message, key: root.key, valid: false },
  { name: 'a key of 31 bytes', signature, message, key: root.key.subarray(0, 31), valid: false },
  { name: 'an empty message, signed', signature: sign(root.seed, new Uint8Array(0)), message: new Uint8Array(0), key: root.key, valid: true },
  { name: 'R with a point of order 8 added (crafted by the signer)', signature: craftSignature(root.seed, message, { r: 77n, rTorsion: true }), message, key: root.key, valid: false },
  { name: 'R the identity (crafted by the signer, nonce 0)', signature: craftSignature(root.seed, message, { r: 0n }), message, key: root.key, valid: false },
  { name: 'a key with a point of order 8 added, signing for itself', signature: craftSignature(root.seed, message, { r: 5n, publicKey: mixedKey }), message, key: mixedKey, valid: false },
  ...SMALL_ORDER_KEYS.map(([name, key]): Case => ({ name: `small-order key ${name} with an all-zero signature`, signature: new Uint8Array(64), message, key: hex(key), valid: false })),
  ...SMALL_ORDER_KEYS.map(([name, key]): Case => ({ name: `small-order key ${name} as R`, signature: concat(hex(key), signature.subarray(32)), message, key: root.key, valid: false })),
]

describe('@noble/ed25519 and node:crypto give the same verdict', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = Object.fromEntries(BACKENDS.map(([name, crypto]) => [name, crypto.verify(c.signature, c.message, c.key)]))
    expect(got).toEqual({ noble: c.valid, native: c.valid })
  })
})

describe('the crafted vectors are real: a cofactored verifier alone would accept them', () => {
  it.each<[string, Uint8Array, Uint8Array]>([
    ['R with a point of order 8 added', craftSignature(root.seed, message, { r: 77n, rTorsion: true }), root.key],
    ['the identity as R', craftSignature(root.seed, message, { r: 0n }), root.key],
    ['a mixed-order key', craftSignature(root.seed, message, { r: 5n, publicKey: mixedKey }), mixedKey],
  ])('%s', (_name, sig, key) => {
    expect(ed.verify(sig, message, key, { zip215: false })).toBe(true)
    expect(nobleCrypto.verify(sig, message, key)).toBe(false)
    expect(nativeCrypto.verify(sig, message, key)).toBe(false)
  })
})

describe('platformCrypto', () => {
  it('picks node:crypto, which has Ed25519 here', () => {
    expect(platformCrypto()).toBe(nativeCrypto)
  })
})

describe('signing', () => {
  it.each(PARTIES.map((p) => [p.name, p] as const))('%s: @noble/ed25519 and node:crypto make the same key and signature', (_name, p) => {
    expect(hexOf(publicKeyFromSeed(p.seed))).toBe(hexOf(p.key))
    expect(hexOf(signWithSeed(p.seed, message))).toBe(hexOf(sign(p.seed, message)))
  })
})

describe('isCanonicalScalar: S must be below the group order L', () => {
  it.each<[string, bigint, boolean]>([
    ['0', 0n, true],
    ['1', 1n, true],
    ['L - 1', L - 1n, true],
    ['L', L, false],
    ['L + 1', L + 1n, false],
    ['2^253', 2n ** 253n, false],
    ['2^256 - 1', 2n ** 256n - 1n, false],
  ])('%s', (_name, s, canonical) => {
    expect(isCanonicalScalar(toLe32(s))).toBe(canonical)
  })
})

describe('isAcceptableKey: a canonical point of prime order', () => {
  it.each<[string, Uint8Array, boolean]>([
    ...PARTIES.map((p): [string, Uint8Array, boolean] => [`${p.name}'s key`, p.key, true]),
    ['the RFC 8032 key', RFC_KEY, true],
    ...SMALL_ORDER_KEYS.map(([name, key]): [string, Uint8Array, boolean] => [`small order: ${name}`, hex(key), false]),
    ['a key plus a point of order 8', mixedKey, false],
    ['a key plus a point of order 2', ed.Point.fromBytes(alice.key).add(TORSION_8.multiply(4n)).toBytes(), false],
    ['a non-canonical y (p + 3)', hex('f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'), false],
    ['the identity with the sign bit set', hex('0100000000000000000000000000000000000000000000000000000000000080'), false],
    ['no curve point (y = 2)', hex('0200000000000000000000000000000000000000000000000000000000000000'), false],
    ['31 bytes', alice.key.subarray(0, 31), false],
    ['33 bytes', concat(alice.key, Uint8Array.of(0)), false],
  ])('%s', (_name, key, acceptable) => {
    expect(isAcceptableKey(key)).toBe(acceptable)
    // Twice: the second answer comes from the cache and must not differ.
    expect(isAcceptableKey(key)).toBe(acceptable)
  })
})

describe('strictVerify applies the policy before the backend, and survives a backend that throws', () => {
  const yes = strictVerify(() => true)
  const throws = strictVerify(() => {
    throw new Error('backend failure')
  })

  it.each<[string, Uint8Array, Uint8Array, boolean]>([
    ['a well-formed signature reaches the backend', signature, root.key, true],
    ['S + L never reaches it', withS(S + L), root.key, false],
    ['a small-order key never reaches it', signature, hex(SMALL_ORDER_KEYS[6]![1]), false],
    ['a mixed-order key never reaches it', signature, mixedKey, false],
    ['the identity as R never reaches it', concat(hex(SMALL_ORDER_KEYS[0]![1]), signature.subarray(32)), root.key, false],
    ['a short signature never reaches it', signature.subarray(1), root.key, false],
  ])('%s', (_name, sig, key, expected) => {
    expect(yes(sig, message, key)).toBe(expected)
    expect(throws(sig, message, key)).toBe(false)
  })
})
