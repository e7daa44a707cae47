/** did:key for Ed25519 keys: multicodec 0xed01 followed by the 32-byte key, base58btc with the `z` prefix. */
import { base58btc } from 'multiformats/bases/base58'
import type { Did } from '../ids.ts'

const PREFIX = 'did:key:z'
/** Longest did:key string accepted for decoding (an Ed25519 one is 56 characters). */
const MAX_DID_LENGTH = 64

export function didFromPublicKey(raw: Uint8Array): Did {
  const bytes = new Uint8Array(2 + raw.length)
  bytes.set([0xed, 0x01])
  bytes.set(raw, 2)
  return `did:key:${base58btc.encode(bytes)}` as Did
}

/** The raw Ed25519 public key of a did:key, or undefined if the string is not an Ed25519 did:key. */
export function publicKeyFromDid(did: string): Uint8Array | undefined {
  if (did.length > MAX_DID_LENGTH || !did.startsWith(PREFIX)) return undefined
  let bytes: Uint8Array
  try {
    bytes = base58btc.decode(did.slice('did:key:'.length))
  } catch {
    return undefined
  }
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return undefined
  const key = bytes.slice(2)
  // One key, one spelling: a did that decodes but is not the canonical encoding of its key is refused.
  return didFromPublicKey(key) === did ? key : undefined
}
