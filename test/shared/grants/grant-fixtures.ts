/**
 * What the grant tests share: five parties with fixed keys, one space, one clock, payload
 * builders, fast signing, hand-made CBOR, and the two crypto backends every vector runs on.
 *
 * Signing goes through node:crypto because it is about ten times faster than @noble/ed25519 and
 * Ed25519 signatures are deterministic: both give the same bytes (checked in signature.test.ts).
 */
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto'
import * as dagCbor from '@ipld/dag-cbor'
import { encode as cborEncode } from 'cborg'
import * as ed from '@noble/ed25519'
import { nativeCrypto } from '../../../electron/peer/consent/native-crypto.ts'
import type { ErrorCode } from '../../../shared/errors.ts'
import type { Did } from '../../../shared/ids.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import { encodeEnvelope, signedBytesOf } from '../../../shared/grants/grant-codec.ts'
import {
  Cmd, GRANT_TAG, REVOCATION_TAG, VARSIG_HEADER, type GrantPayload, type RevocationPayload,
} from '../../../shared/grants/grant-format.ts'
import type { ChainContext } from '../../../shared/grants/grant-verify.ts'
import type { Result } from '../../../shared/grants/result.ts'
import { nobleCrypto, publicKeyFromSeed, type GrantCrypto } from '../../../shared/grants/signature.ts'

export interface Party {
  name: string
  seed: Uint8Array
  key: Uint8Array
  did: Did
}

function party(name: string, fill: number): Party {
  const seed = new Uint8Array(32).fill(fill)
  const key = publicKeyFromSeed(seed)
  return { name, seed, key, did: didFromPublicKey(key) }
}

/** The space's founder: every valid chain starts here. */
export const root = party('root', 1)
export const alice = party('alice', 2)
export const bob = party('bob', 3)
export const carol = party('carol', 4)
export const mallory = party('mallory', 5)
export const dave = party('dave', 6)
export const PARTIES: readonly Party[] = [root, alice, bob, carol, mallory, dave]

export const SPACE = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'
export const OTHER_SPACE = '3y9mR8pN5qWc1UaS2dXgZiK4tMe'
export const DAY = 86_400
/** The verifier's clock, in milliseconds; `NOW_S` in seconds. */
export const NOW = 1_800_000_000_000
export const NOW_S = NOW / 1000

export const BACKENDS: ReadonlyArray<readonly [string, GrantCrypto]> = [['noble', nobleCrypto], ['native', nativeCrypto]]

/** A nonce that differs per `n`, so that otherwise equal grants get distinct ids. */
export function nonce(n = 0, length = 16): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (n * 31 + i * 7 + 1) & 0xff)
}

/** root → alice, write on two collections for coordination, valid for 30 days around NOW, delegable twice. */
export function grantPayload(over: Partial<GrantPayload> = {}): GrantPayload {
  return {
    iss: root.did,
    aud: alice.did,
    sub: SPACE,
    cmd: Cmd.Write,
    pol: { docs: ['resources', 'decisions'], purpose: 'coordination' },
    nbf: NOW_S - DAY,
    exp: NOW_S + 29 * DAY,
    nonce: nonce(),
    dlg: 2,
    ...over,
  }
}

export function revocationPayload(over: Partial<RevocationPayload> = {}): RevocationPayload {
  return {
    iss: root.did,
    sub: SPACE,
    target: 'bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje',
    afterHeads: ['3a1f9c', 'b7e204'],
    iat: NOW_S - 60,
    nonce: nonce(9),
    ...over,
  }
}

const privateKeys = new Map<string, KeyObject>()
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

/** Ed25519 signature of `bytes` with a 32-byte seed, through node:crypto. */
export function sign(seed: Uint8Array, bytes: Uint8Array): Uint8Array {
  const id = Buffer.from(seed).toString('hex')
  let key = privateKeys.get(id)
  if (!key) {
    key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' })
    privateKeys.set(id, key)
  }
  return new Uint8Array(nodeSign(null, bytes, key))
}

export function signGrant(by: Party, payload: GrantPayload): Uint8Array {
  return encodeEnvelope(GRANT_TAG, payload, sign(by.seed, signedBytesOf(GRANT_TAG, payload)))
}

export function signRevocation(by: Party, payload: RevocationPayload): Uint8Array {
  return encodeEnvelope(REVOCATION_TAG, payload, sign(by.seed, signedBytesOf(REVOCATION_TAG, payload)))
}

/** A grant from `from` to `to`, signed by `from`. */
export function link(from: Party, to: Party, over: Partial<GrantPayload> = {}): Uint8Array {
  return signGrant(from, grantPayload({ iss: from.did, aud: to.did, ...over }))
}

/**
 * An envelope around any signed part, even one the types forbid, with a real signature by
 * `by` over its canonical bytes: the rule under test fails, never the signature.
 */
export function signRaw(by: Party, signedPart: unknown): Uint8Array {
  return dagCbor.encode([sign(by.seed, dagCbor.encode(signedPart)), signedPart])
}

/** A grant payload as a plain map, to add fields the types forbid before `signRaw`. */
export function rawGrant(payload: Record<string, unknown>, tag = GRANT_TAG): Record<string, unknown> {
  return { h: VARSIG_HEADER, [tag]: payload }
}

/**
 * An envelope around hand-made signed-part bytes, signed by `by` over exactly those bytes, for
 * encodings DAG-CBOR will not produce (duplicate keys, long-form integers, indefinite lengths).
 */
export function envelopeAround(by: Party, signedPart: Uint8Array): Uint8Array {
  const signature = sign(by.seed, signedPart)
  return concat(Uint8Array.of(0x82, 0x58, 0x40), signature, signedPart)
}

/** The signed part of a canonical envelope: after the array header and the 64-byte signature. */
export function signedPartOf(envelope: Uint8Array): Uint8Array {
  return envelope.subarray(3 + 64)
}

/** CBOR with every map's keys in reverse order of DAG-CBOR's: valid CBOR, not canonical. */
export function encodeKeysReversed(value: unknown): Uint8Array {
  return cborEncode(toReversedMaps(value), { mapSorter: () => 0 })
}

function toReversedMaps(value: unknown): unknown {
  if (value instanceof Uint8Array) return value
  if (Array.isArray(value)) return value.map(toReversedMaps)
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, toReversedMaps(v)] as const)
    entries.sort(([a], [b]) => (a.length !== b.length ? b.length - a.length : a < b ? 1 : -1))
    return new Map(entries)
  }
  return value
}

/** `bytes` with the single occurrence of `find` replaced; throws when it is missing or repeated (a broken fixture). */
export function replaceOnce(bytes: Uint8Array, find: Uint8Array, replacement: Uint8Array): Uint8Array {
  const at = indexOf(bytes, find)
  if (at < 0 || indexOf(bytes, find, at + 1) >= 0) throw new Error('fixture: the pattern must occur exactly once')
  return concat(bytes.subarray(0, at), replacement, bytes.subarray(at + find.length))
}

function indexOf(bytes: Uint8Array, find: Uint8Array, from = 0): number {
  outer: for (let i = from; i + find.length <= bytes.length; i++) {
    for (let j = 0; j < find.length; j++) if (bytes[i + j] !== find[j]) continue outer
    return i
  }
  return -1
}

/** CBOR text string `s` (short strings only), as it appears in an encoding. */
export function cborText(s: string): Uint8Array {
  const utf8 = new TextEncoder().encode(s)
  if (utf8.length > 23) throw new Error('fixture: short strings only')
  return concat(Uint8Array.of(0x60 | utf8.length), utf8)
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return ed.etc.concatBytes(...parts)
}

/** Bytes as hex, to compare a Buffer with a Uint8Array (cborg returns either) and get a readable diff. */
export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

export function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'hex'))
}

/** `bytes` with bit `bit` of byte `at` flipped (a copy). */
export function flipBit(bytes: Uint8Array, at: number, bit = 0): Uint8Array {
  const out = bytes.slice()
  out[at] = out[at]! ^ (1 << bit)
  return out
}

/**
 * The eight points of small order, canonically encoded: the identity, the point of order 2,
 * two of order 4 and four of order 8. As a key, each verifies signatures on many messages.
 */
export const SMALL_ORDER_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['identity (0100…00)', '0100000000000000000000000000000000000000000000000000000000000000'],
  ['order 2 (ecff…ff7f)', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
  ['order 4 (all zero)', '0000000000000000000000000000000000000000000000000000000000000000'],
  ['order 4 (00…0080)', '0000000000000000000000000000000000000000000000000000000000000080'],
  ['order 8 (26e8958f…fc05)', '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05'],
  ['order 8 (26e8958f…fc85)', '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85'],
  ['order 8 (c7176a70…037a)', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'],
  ['order 8 (c7176a70…03fa)', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa'],
]

/** A point of order 8, to add to a key or an R and so leave the prime-order subgroup. */
export const TORSION_8 = ed.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a')

/** Group order L. */
export const L = 2n ** 252n + 27742317777372353535851937790883648493n

/** `n` (below 2^256) as 32 little-endian bytes, the way Ed25519 writes scalars. */
export function toLe32(n: bigint): Uint8Array {
  return hex(n.toString(16).padStart(64, '0')).reverse()
}

export function fromLe(bytes: Uint8Array): bigint {
  return BigInt('0x' + (hexOf(bytes.slice().reverse()) || '0'))
}

/**
 * A signature made by the key's owner with a chosen nonce point R = [r]B + T: with T a torsion
 * point, only a cofactored verifier accepts it. `publicKey` may itself carry a torsion part.
 */
export function craftSignature(seed: Uint8Array, message: Uint8Array, opts: { r: bigint; rTorsion?: boolean; publicKey?: Uint8Array }): Uint8Array {
  const { scalar } = ed.utils.getExtendedPublicKey(seed)
  const publicKey = opts.publicKey ?? publicKeyFromSeed(seed)
  const base = opts.r === 0n ? ed.Point.ZERO : ed.Point.BASE.multiply(opts.r)
  const R = (opts.rTorsion ? base.add(TORSION_8) : base).toBytes()
  const k = fromLe(ed.hash(concat(R, publicKey, message))) % L
  return concat(R, toLe32((opts.r + k * scalar) % L))
}

/** The public key of `seed` plus a point of order 8: large order, but outside the prime-order subgroup. */
export function mixedOrderKey(seed: Uint8Array): Uint8Array {
  return ed.Point.fromBytes(publicKeyFromSeed(seed)).add(TORSION_8).toBytes()
}

export function context(crypto: GrantCrypto, over: Partial<ChainContext> = {}): ChainContext {
  return { space: SPACE, root: root.did, now: NOW, isRevoked: () => false, crypto, ...over }
}

/** A verdict as comparable data: the same on every backend, or a bug. */
export type Verdict = { ok: true } | { ok: false; code: ErrorCode }

export function verdictOf(result: Result<unknown>): Verdict {
  return result.ok ? { ok: true } : { ok: false, code: result.error.code }
}
