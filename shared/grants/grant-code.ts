/**
 * A grant as a code to pass out of band (a chat message, a QR code) to an audience that is not
 * on the granter's LAN: `cwg1.` and base64url of DAG-CBOR `{v, chain, peer, addrs, name}`.
 * The code carries no secret: the chain is useless to anyone but its audience, who proves its
 * key over Noise. The receiving peer still verifies every envelope in it.
 *
 * `peer`, `addrs` and `name` are outside the signatures: anyone who passes the code on can edit
 * them. So each is checked before anything is stored or dialed (a bad one refuses the whole
 * code), and `name` is a hint only: it never renames a space this peer knows.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { CommonweaveError, ErrorCode } from '../errors.ts'
import { fromBase64Url, toBase64Url } from '../invite-code.ts'
import { addrProblem, peerIdProblem } from '../schemas/peer-address.ts'
import { hasSteeringChar, STEERING_CHARS } from '../schemas/text.ts'
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
  /** The space's name as the granter gives it: unsigned, a hint for a space this peer does not know yet. */
  name: string
}

export function encodeGrantCode(code: GrantCode): string {
  const body = { v: 1, chain: code.chain, peer: code.peer, addrs: code.addrs.slice(0, MAX_ADDRS), name: code.name.replace(STEERING_CHARS, '').slice(0, 120) }
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
  const peer = o['peer']
  if (typeof peer !== 'string' || peer.length > 128) throw bad('no granter')
  const peerProblem = peerIdProblem(peer)
  if (peerProblem) throw bad(`its granter (peer): ${peerProblem}`)
  for (const addr of addrs as string[]) {
    const problem = addrProblem(addr, peer)
    if (problem) throw bad(`an address of its granter (addrs): ${problem}`)
  }
  const name = o['name']
  if (typeof name !== 'string') throw bad('no space name')
  if (hasSteeringChar(name)) throw bad('its space name (name) holds control characters')
  return { chain: chain as Uint8Array[], peer, addrs: addrs as string[], name: name.slice(0, 120) }
}
