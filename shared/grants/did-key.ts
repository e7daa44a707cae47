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

/** Above the most voters a proposal may list (MAX_ELIGIBLE): a large decision's keys all stay checked. */
const KEY_CACHE_MAX = 16_384
const keys = new Map<string, Uint8Array | null>()

/**
 * The raw Ed25519 public key of a did:key, or undefined if the string is not an Ed25519 did:key.
 * Base58 is one-to-one (no padding, leading zeros as leading `1`s), so a string that decodes is
 * the one spelling of its key. Cached: the same few issuers sign most grants.
 */
export function publicKeyFromDid(did: string): Uint8Array | undefined {
  const cached = keys.get(did)
  if (cached !== undefined) return cached ?? undefined
  let key: Uint8Array | null = null
  if (did.length <= MAX_DID_LENGTH && did.startsWith(PREFIX)) {
    try {
      const bytes = base58btc.decode(did.slice('did:key:'.length))
      if (bytes.length === 34 && bytes[0] === 0xed && bytes[1] === 0x01) key = bytes.slice(2)
    } catch {
      key = null
    }
  }
  if (keys.size >= KEY_CACHE_MAX) keys.clear()
  keys.set(did, key)
  return key ?? undefined
}
