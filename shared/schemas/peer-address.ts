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
 * one part, that names no other peer. A relayed address (`…/p2p/RELAY/p2p-circuit/p2p/PEER`)
 * names its relay before `/p2p-circuit`: only what follows must be `peerId`.
 */
export function addrProblem(text: string, peerId: string): string | null {
  let parts: Array<{ name: string; value?: string }>
  try {
    parts = multiaddr(text).getComponents()
  } catch {
    return `"${text.slice(0, 80)}" is not a multiaddr (like /ip4/192.168.1.20/tcp/4001)`
  }
  if (parts.length === 0) return `"${text.slice(0, 80)}" is an empty multiaddr`
  const own = parts.slice(parts.findLastIndex((p) => p.name === 'p2p-circuit') + 1)
  if (own.some((p) => p.name === 'p2p' && p.value !== peerId)) return `"${text.slice(0, 80)}" is the address of another peer`
  return null
}

/** Why `text` is not the full address of some peer (a multiaddr ending in `/p2p/<peer id>`), or null. */
export function peerAddrProblem(text: string): string | null {
  let parts: Array<{ name: string; value?: string }>
  try {
    parts = multiaddr(text).getComponents()
  } catch {
    return `"${text.slice(0, 80)}" is not a multiaddr (like /ip4/203.0.113.5/tcp/4001/p2p/12D3KooW…)`
  }
  const last = parts.at(-1)
  if (last?.name !== 'p2p' || last.value === undefined || peerIdProblem(last.value) !== null) return `"${text.slice(0, 80)}" does not end in /p2p/ and the peer's id`
  return null
}
