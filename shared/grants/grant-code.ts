/**
 * A grant as a code to pass out of band (a chat message, a QR code) to an audience that is not
 * on the granter's LAN: `cwg1.` and base64url of DAG-CBOR `{v, chain, peer, addrs, name}`.
 * The code carries no secret: the chain is useless to anyone but its audience, who proves its
 * key over Noise. The receiving peer still verifies every envelope in it.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { CommonweaveError, ErrorCode } from '../errors.ts'
import { fromBase64Url, toBase64Url } from '../invite-code.ts'
import { MAX_CHAIN_LENGTH, MAX_ENVELOPE_BYTES } from './grant-format.ts'

export const GRANT_CODE_PREFIX = 'cwg1.'
const MAX_ADDRS = 8
const MAX_CODE_LENGTH = 16_384

export interface GrantCode {
  /** Proof chain, root first; the last grant's audience is the code's recipient. */
  chain: Uint8Array[]
  /** The granter's libp2p peer id and addresses, to dial it. */
  peer: string
  addrs: string[]
  /** The space's name, shown until the first sync. */
  name: string
}

export function encodeGrantCode(code: GrantCode): string {
  const body = { v: 1, chain: code.chain, peer: code.peer, addrs: code.addrs.slice(0, MAX_ADDRS), name: code.name.slice(0, 120) }
  return GRANT_CODE_PREFIX + toBase64Url(dagCbor.encode(body))
}

export function decodeGrantCode(text: string): GrantCode {
  const bad = (why: string): CommonweaveError => new CommonweaveError(ErrorCode.GrantMalformed, `This is not a grant code (${why}). Ask the granter to send it again.`)
  const trimmed = text.trim()
  if (!trimmed.startsWith(GRANT_CODE_PREFIX)) throw bad(`it should start with ${GRANT_CODE_PREFIX}`)
  if (trimmed.length > MAX_CODE_LENGTH) throw bad('it is too long')
  let value: unknown
  try {
    value = dagCbor.decode(fromBase64Url(trimmed.slice(GRANT_CODE_PREFIX.length)))
  } catch {
    throw bad('it is damaged')
  }
  const o = value as Partial<Record<string, unknown>>
  if (typeof o !== 'object' || o === null || o['v'] !== 1) throw bad('unknown version')
  const chain = o['chain']
  if (!Array.isArray(chain) || chain.length === 0 || chain.length > MAX_CHAIN_LENGTH ||
    !chain.every((e) => e instanceof Uint8Array && e.byteLength <= MAX_ENVELOPE_BYTES)) throw bad('no proof chain')
  const addrs = o['addrs']
  if (!Array.isArray(addrs) || addrs.length > MAX_ADDRS || !addrs.every((a) => typeof a === 'string' && a.length <= 256)) throw bad('bad addresses')
  if (typeof o['peer'] !== 'string' || o['peer'].length > 128) throw bad('no granter')
  if (typeof o['name'] !== 'string') throw bad('no space name')
  return { chain: chain as Uint8Array[], peer: o['peer'], addrs: addrs as string[], name: o['name'].slice(0, 120) }
}
