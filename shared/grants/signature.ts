/**
 * Ed25519 verification under one policy, whichever implementation does the arithmetic.
 *
 * The policy is RFC 8032 strict (not ZIP-215): the scalar S must be below the group order,
 * point encodings must be canonical, public keys must lie in the prime-order subgroup, and R
 * must not be a point of small order. The checks that implementations disagree on are made
 * here, before the backend runs, so @noble/ed25519 (the portable path) and the platform's native
 * Ed25519 (Node's crypto, far faster) give the same verdict on every vector we test.
 *
 * One difference cannot be checked cheaply up front: noble checks the cofactored equation
 * [8][S]B = [8]R + [8][k]A, OpenSSL and BoringSSL the cofactorless [S]B = R + [k]A. They differ
 * only when R or A has a small-order component, which no honest signer produces but a key's
 * owner can craft. Keys are checked once (and cached); R is checked on the noble path only, after
 * noble accepts, so the native path pays nothing.
 */
import * as ed from '@noble/ed25519'
import { sha256 as nobleSha256, sha512 } from '@noble/hashes/sha2.js'

ed.hashes.sha512 = sha512

/** Raw Ed25519 verification: true only for a valid signature. Must not throw on well-sized input. */
export type Ed25519Verify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean

/** The primitives grant checks need; the peer passes native ones where the platform has them. */
export interface GrantCrypto {
  verify: Ed25519Verify
  sha256: (bytes: Uint8Array) => Uint8Array
}

/** A 256-bit number as 32 little-endian bytes, the order Ed25519 encodes scalars and coordinates in. */
function littleEndian32(n: bigint): Uint8Array {
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) {
    out[i] = Number(n & 0xffn)
    n >>= 8n
  }
  return out
}

/** Group order L, little-endian, for the S < L check. */
const L_LE = littleEndian32(2n ** 252n + 27742317777372353535851937790883648493n)

/** True when the 32 little-endian bytes `x` are a number below `bound`. */
function isBelow(x: Uint8Array, bound: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (x[i]! < bound[i]!) return true
    if (x[i]! > bound[i]!) return false
  }
  return false
}

/** True when the 32 little-endian bytes are below the group order. */
export function isCanonicalScalar(s: Uint8Array): boolean {
  return isBelow(s, L_LE)
}

const keyVerdicts = new Map<string, boolean>()
/** Above the most voters a proposal may list (MAX_ELIGIBLE): a large decision's keys all stay checked. */
const KEY_CACHE_MAX = 16_384

/** True when a public key is a canonical encoding of a point of prime order L. Cached: keys repeat. */
export function isAcceptableKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false
  const k = keyHex(publicKey)
  const cached = keyVerdicts.get(k)
  if (cached !== undefined) return cached
  let verdict: boolean
  try {
    const point = ed.Point.fromBytes(publicKey, false)
    // Not small order, and no small-order component either (a "mixed-order" key): see the module comment.
    verdict = !point.isSmallOrder() && point.isTorsionFree()
  } catch {
    verdict = false
  }
  if (keyVerdicts.size >= KEY_CACHE_MAX) keyVerdicts.clear()
  keyVerdicts.set(k, verdict)
  return verdict
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function keyHex(b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!]
  return s
}

/**
 * The canonical encodings of the eight points of small order. Refused as R whatever the
 * backend: OpenSSL refuses them, noble accepts the identity (from a signer who picks the nonce
 * r = 0). Non-canonical encodings fail on every backend anyway.
 */
const SMALL_ORDER_POINTS: ReadonlySet<string> = (() => {
  const order8 = ed.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a')
  return new Set(Array.from({ length: 8 }, (_, i) => order8.multiply(BigInt(i), false).toHex()))
})()

/** p = 2^255 - 19, little-endian, for the canonical-encoding check of a point's y. */
const P_LE = littleEndian32(2n ** 255n - 19n)

/** The y-coordinates (sign bit cleared) of the small-order points: refused whatever the sign bit says. */
const SMALL_ORDER_Y: ReadonlySet<string> = new Set([...SMALL_ORDER_POINTS].map((hex) => {
  const b = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)))
  b[31]! &= 0x7f
  return keyHex(b)
}))

/**
 * A cheap check of a key that is only named, not used to verify anything here (a grant's
 * audience): a canonical encoding that is not one of the small-order points. Whether it is a
 * point of prime order is checked, with `isAcceptableKey`, when it signs something, and Noise
 * makes its holder prove it. A full check costs a scalar multiplication (~1.4 ms here) per new
 * key, which every first sight of a new member would pay.
 */
export function isWellFormedKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false
  const y = publicKey.slice()
  y[31]! &= 0x7f
  return isBelow(y, P_LE) && !SMALL_ORDER_Y.has(keyHex(y))
}

/** Wraps a backend with the shared strict policy. */
export function strictVerify(backend: Ed25519Verify): Ed25519Verify {
  return (signature, message, publicKey) => {
    if (signature.length !== 64 || publicKey.length !== 32) return false
    if (!isCanonicalScalar(signature.subarray(32))) return false
    if (SMALL_ORDER_POINTS.has(keyHex(signature.subarray(0, 32)))) return false
    if (!isAcceptableKey(publicKey)) return false
    try {
      return backend(signature, message, publicKey)
    } catch {
      return false
    }
  }
}

/**
 * @noble/ed25519 in strict mode: pure JavaScript, runs anywhere. Its check is cofactored, so an
 * R with a small-order component (signer-crafted) is refused here too, to agree with native ones.
 */
export const nobleVerify: Ed25519Verify = (signature, message, publicKey) =>
  ed.verify(signature, message, publicKey, { zip215: false }) &&
  ed.Point.fromBytes(signature.subarray(0, 32), false).isTorsionFree()

export const nobleCrypto: GrantCrypto = { verify: strictVerify(nobleVerify), sha256: nobleSha256 }

/** Signs with a 32-byte seed (tests and tools; the peer signs with its identity key). */
export function signWithSeed(seed: Uint8Array, message: Uint8Array): Uint8Array {
  return ed.sign(message, seed)
}

export function publicKeyFromSeed(seed: Uint8Array): Uint8Array {
  return ed.getPublicKey(seed)
}
