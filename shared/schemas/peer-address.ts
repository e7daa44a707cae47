/**
 * A peer to dial, as a code names it: its libp2p peer id and its multiaddrs. Codes are pasted
 * from chats and can be edited on the way, and these fields are outside any signature, so each
 * is parsed before anything is dialed or remembered: a peer id that libp2p cannot read, or an
 * address that is no multiaddr, refuses the whole code.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'

/** Why `text` is not a libp2p peer id (`12D3KooW…`), or null when it is one. */
export function peerIdProblem(text: string): string | null {
  try {
    return peerIdFromString(text).toString() === text ? null : 'it is not written the way libp2p writes peer ids'
  } catch {
    return 'it is not a libp2p peer id (12D3KooW…)'
  }
}

/**
 * Why `text` is not an address of `peerId`, or null when it is one: a multiaddr with at least
 * one part, that names no other peer.
 */
export function addrProblem(text: string, peerId: string): string | null {
  let parts: Array<{ name: string; value?: string }>
  try {
    parts = multiaddr(text).getComponents()
  } catch {
    return `"${text.slice(0, 80)}" is not a multiaddr (like /ip4/192.168.1.20/tcp/4001)`
  }
  if (parts.length === 0) return `"${text.slice(0, 80)}" is an empty multiaddr`
  if (parts.some((p) => p.name === 'p2p' && p.value !== peerId)) return `"${text.slice(0, 80)}" is the address of another peer`
  return null
}
