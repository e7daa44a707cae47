/**
 * The platform's Ed25519 and SHA-256 (Node's crypto, i.e. OpenSSL): about ten times faster
 * than @noble/ed25519 here. Wrapped in the same strict policy as the portable path, so the
 * verdicts are the same; only the speed differs.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import { nobleCrypto, strictVerify, type GrantCrypto } from '../../../shared/grants/signature.ts'

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
/** Above the most voters a proposal may list (MAX_ELIGIBLE): a large decision's keys all stay checked. */
const KEY_CACHE_MAX = 16_384
const keys = new Map<string, KeyObject>()

function keyObject(raw: Uint8Array): KeyObject {
  const id = Buffer.from(raw).toString('base64')
  let key = keys.get(id)
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' })
    if (keys.size >= KEY_CACHE_MAX) keys.clear()
    keys.set(id, key)
  }
  return key
}

function hasNativeEd25519(): boolean {
  try {
    keyObject(new Uint8Array(32).fill(0x11))
    return true
  } catch {
    return false
  }
}

export const nativeCrypto: GrantCrypto = {
  verify: strictVerify((signature, message, publicKey) => verify(null, message, keyObject(publicKey), signature)),
  sha256: (bytes) => createHash('sha256').update(bytes).digest(),
}

/** The fastest crypto this platform offers, with the same verdicts everywhere. */
export function platformCrypto(): GrantCrypto {
  return hasNativeEd25519() ? nativeCrypto : nobleCrypto
}
