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
}

export function createCluster(count: number): Cluster {
  const lan = createTestLan(count)
  const down = new Set<number>()
  const setLink = (i: number, state: 'up' | 'down'): void => {
    execFileSync('ip', ['-n', lan.bridgeNs, 'link', 'set', lan.link(i), state], { stdio: 'pipe' })
  }
  let destroyed = false
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
    destroy() {
      if (destroyed) return
      destroyed = true
      lan.destroy()
    },
  }
}
