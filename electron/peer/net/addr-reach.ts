/**
 * Who can reach an address: one reading, used for the link `peers` shows, the order of the
 * addresses an invite gives, and the community peer's addresses an invite carries.
 */
import { dialAddr } from './create-libp2p-node.ts'

export type AddrReach = 'relayed' | 'loopback' | 'lan' | 'public'

const LOOPBACK = /\/ip4\/127\.|\/ip6\/::1\//
const PRIVATE = /\/ip4\/(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)|\/ip6\/(fe80|fc|fd)/i

export function addrReach(addr: string): AddrReach {
  if (addr.includes('/p2p-circuit')) return 'relayed'
  if (LOOPBACK.test(addr)) return 'loopback'
  return PRIVATE.test(addr) ? 'lan' : 'public'
}

/**
 * Up to `max` of `addrs` as full addresses of `peerId`, direct ones only, those reachable from
 * farther first (public, then LAN, then loopback; TCP before WebSockets). An address that is no
 * multiaddr is left out.
 */
export function farthestAddrs(addrs: readonly string[], peerId: string, max: number): string[] {
  const order: Record<AddrReach, number> = { public: 0, lan: 1, loopback: 2, relayed: 3 }
  const rank = (a: string): number => order[addrReach(a)] * 2 + (a.includes('/ws') ? 1 : 0)
  return addrs.filter((a) => addrReach(a) !== 'relayed').sort((a, b) => rank(a) - rank(b)).flatMap((a) => {
    try {
      return [dialAddr(a, peerId).toString()]
    } catch {
      return []
    }
  }).slice(0, max)
}
