/**
 * A cluster of hosts for fault tests: the namespace LAN of test/lan/netns.ts (one bridge, one
 * namespace per host with a default route) plus partitions made the way a cable is pulled:
 * `cut(i)` sets host i's bridge-side veth down inside the bridge namespace, so nothing reaches
 * it or leaves it until `heal(i)`; `{A} | {B, C}` is `cut(A)`. The peers see a dead link, not a
 * refusal: open TCP connections stall and new dials time out, as on a real network.
 */
import { execFileSync } from 'node:child_process'
import { createTestLan, lanUnavailableReason, type TestLan } from '../lan/netns.ts'

export { lanUnavailableReason as clusterUnavailableReason }

export interface Cluster {
  readonly hosts: TestLan['hosts']
  /** prefix running a command inside host i's namespace */
  exec(i: number): string[]
  /** Host i loses its link to the bridge (and so to every other host). */
  cut(i: number): void
  heal(i: number): void
  /** Hosts whose link is down now. */
  cutHosts(): number[]
  /** Removes every namespace; safe to call twice and after a failed start. */
  destroy(): void
  /** The underlying LAN (bridge namespace, subnet) for topologies built on top (a router, a NAT). */
  readonly lan: TestLan
  /**
   * A host behind a "NAT": its own subnet behind a router namespace that sits on the bridge and
   * does not forward (no iptables/nft here: whatever crosses the router is a userland proxy run
   * in `router.exec`). The NAT host reaches the LAN only through such a proxy, and no LAN host
   * has a route back to it.
   */
  addNatHost(): NatHost
}

export interface NatHost {
  /** The host behind the router: its namespace, address and command prefix. */
  host: { ns: string; ip: string; exec: string[] }
  /** The router: its address on the bridge, on the NAT host's subnet, and its command prefix. */
  router: { ns: string; lanIp: string; privateIp: string; exec: string[] }
}

export function createCluster(count: number): Cluster {
  const lan = createTestLan(count)
  const down = new Set<number>()
  const setLink = (i: number, state: 'up' | 'down'): void => {
    execFileSync('ip', ['-n', lan.bridgeNs, 'link', 'set', lan.link(i), state], { stdio: 'pipe' })
  }
  let destroyed = false
  const extra: string[] = []
  const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: 'pipe' })
  return {
    hosts: lan.hosts,
    lan,
    exec: (i) => lan.exec(i),
    cut(i) {
      setLink(i, 'down')
      down.add(i)
    },
    heal(i) {
      setLink(i, 'up')
      down.delete(i)
    },
    cutHosts: () => [...down].sort(),
    addNatHost() {
      const n = extra.length / 2
      const [routerNs, hostNs] = [`${lan.bridgeNs}r${n}`, `${lan.bridgeNs}n${n}`]
      const [lanIp, privateIp, hostIp] = [`${lan.subnet}.${250 - n}`, `10.232.${n}.1`, `10.232.${n}.2`]
      for (const ns of [routerNs, hostNs]) {
        ip('netns', 'add', ns)
        extra.push(ns)
        ip('-n', ns, 'link', 'set', 'lo', 'up')
      }
      ip('-n', lan.bridgeNs, 'link', 'add', `r${n}`, 'type', 'veth', 'peer', 'name', 'lan0')
      ip('-n', lan.bridgeNs, 'link', 'set', 'lan0', 'netns', routerNs)
      ip('-n', lan.bridgeNs, 'link', 'set', `r${n}`, 'master', 'br0')
      ip('-n', lan.bridgeNs, 'link', 'set', `r${n}`, 'up')
      ip('-n', routerNs, 'addr', 'add', `${lanIp}/24`, 'dev', 'lan0')
      ip('-n', routerNs, 'link', 'set', 'lan0', 'up')
      ip('-n', routerNs, 'route', 'add', 'default', 'dev', 'lan0')
      ip('-n', routerNs, 'link', 'add', 'priv0', 'type', 'veth', 'peer', 'name', 'eth0')
      ip('-n', routerNs, 'link', 'set', 'eth0', 'netns', hostNs)
      ip('-n', routerNs, 'addr', 'add', `${privateIp}/24`, 'dev', 'priv0')
      ip('-n', routerNs, 'link', 'set', 'priv0', 'up')
      ip('-n', hostNs, 'addr', 'add', `${hostIp}/24`, 'dev', 'eth0')
      ip('-n', hostNs, 'link', 'set', 'eth0', 'up')
      ip('-n', hostNs, 'route', 'add', 'default', 'via', privateIp)
      // A new namespace does not forward; said here so the topology does not rest on a default.
      execFileSync('ip', ['netns', 'exec', routerNs, 'sysctl', '-qw', 'net.ipv4.ip_forward=0'], { stdio: 'pipe' })
      return {
        host: { ns: hostNs, ip: hostIp, exec: ['ip', 'netns', 'exec', hostNs] },
        router: { ns: routerNs, lanIp, privateIp, exec: ['ip', 'netns', 'exec', routerNs] },
      }
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      for (const ns of extra.reverse()) {
        try { ip('netns', 'del', ns) } catch { /* already gone */ }
      }
      lan.destroy()
    },
  }
}
