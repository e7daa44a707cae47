/**
 * Ed25519 verification under one policy, whichever implementation does the arithmetic.
 *
 * The policy is RFC 8032 strict (not ZIP-215): the scalar S must be below the group order,
 * point encodings must be canonical, and small-order public keys are refused. The checks that
 * implementations disagree on are made here, before the backend runs, so @noble/ed25519 (the
 * portable path) and the platform's native Ed25519 (Node's crypto, far faster) give the same
 * verdict on every vector we test.
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

/** Group order L, little-endian, for the S < L check. */
const L_LE = (() => {
  let l = 2n ** 252n + 27742317777372353535851937790883648493n
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) {
    out[i] = Number(l & 0xffn)
    l >>= 8n
  }
  return out
})()

/** True when the 32 little-endian bytes are below the group order. */
export function isCanonicalScalar(s: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (s[i]! < L_LE[i]!) return true
    if (s[i]! > L_LE[i]!) return false
  }
  return false
}

const keyVerdicts = new Map<string, boolean>()
const KEY_CACHE_MAX = 4096

/** True when a public key is a canonical encoding of a point of large order. Cached: keys repeat. */
export function isAcceptableKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false
  const k = keyHex(publicKey)
  const cached = keyVerdicts.get(k)
  if (cached !== undefined) return cached
  let verdict: boolean
  try {
    verdict = !ed.Point.fromBytes(publicKey, false).isSmallOrder()
  } catch {
    verdict = false
  }
  if (keyVerdicts.size >= KEY_CACHE_MAX) keyVerdicts.clear()
  keyVerdicts.set(k, verdict)
  return verdict
}

function keyHex(b: Uint8Array): string {
  let s = ''
  for (const x of b) s += (x < 16 ? '0' : '') + x.toString(16)
  return s
}

/** Wraps a backend with the shared strict policy. */
export function strictVerify(backend: Ed25519Verify): Ed25519Verify {
  return (signature, message, publicKey) => {
    if (signature.length !== 64 || publicKey.length !== 32) return false
    if (!isCanonicalScalar(signature.subarray(32))) return false
    if (!isAcceptableKey(publicKey)) return false
    try {
      return backend(signature, message, publicKey)
    } catch {
      return false
    }
  }
}

/** @noble/ed25519 in strict mode: pure JavaScript, runs anywhere. */
export const nobleVerify: Ed25519Verify = (signature, message, publicKey) =>
  ed.verify(signature, message, publicKey, { zip215: false })

export const nobleCrypto: GrantCrypto = { verify: strictVerify(nobleVerify), sha256: nobleSha256 }

/** Signs with a 32-byte seed (tests and tools; the peer signs with its identity key). */
export function signWithSeed(seed: Uint8Array, message: Uint8Array): Uint8Array {
  return ed.sign(message, seed)
}

export function publicKeyFromSeed(seed: Uint8Array): Uint8Array {
  return ed.getPublicKey(seed)
}
