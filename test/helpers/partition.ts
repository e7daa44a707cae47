/**
 * A network partition between in-process peers, over their real libp2p nodes: each peer's
 * connection gater refuses the others (dials and incoming connections both ways) and their
 * connections are closed; `heal()` lifts the refusal and dials again. What each side writes
 * meanwhile is written offline, as on a laptop with its lid shut, and merges after the heal.
 */
import type { ConnectionGater, PeerId } from '@libp2p/interface'
import type { TestPeer } from './peers.ts'
import { connected } from './peers.ts'
import { waitFor } from './wait-for.ts'

type Hook = 'denyDialPeer' | 'denyInboundEncryptedConnection' | 'denyOutboundEncryptedConnection'
const HOOKS: Hook[] = ['denyDialPeer', 'denyInboundEncryptedConnection', 'denyOutboundEncryptedConnection']

function gaterOf(p: TestPeer): ConnectionGater {
  const gater = (p.peer.node as unknown as { components: { connectionGater: ConnectionGater } }).components.connectionGater
  if (!gater) throw new Error(`${p.name} has no connection gater to partition with`)
  return gater
}

/**
 * Cuts every peer in `groups` off from the peers of every other group; resolves once no
 * connection crosses. `heal()` restores the links that were there before.
 */
export async function partition(...groups: TestPeer[][]): Promise<{ heal: () => Promise<void> }> {
  const restore: Array<() => void> = []
  for (const [i, group] of groups.entries()) {
    const others = new Set(groups.filter((_, j) => j !== i).flat().map((p) => p.peerId))
    for (const p of group) {
      const gater = gaterOf(p)
      for (const hook of HOOKS) {
        const original = gater[hook] as ((peer: PeerId) => boolean | Promise<boolean>) | undefined
        const patched = (peer: PeerId): boolean | Promise<boolean> => others.has(peer.toString()) || (original?.call(gater, peer) ?? false)
        ;(gater as Record<Hook, unknown>)[hook] = patched
        restore.push(() => { (gater as Record<Hook, unknown>)[hook] = original })
      }
    }
  }
  const across = groups.flatMap((g, i) => groups.slice(i + 1).flatMap((h) => g.flatMap((x) => h.map((y) => [x, y] as const))))
  // Only the links there were come back: two members who only ever met through a third need not meet.
  const pairs = across.filter(([x, y]) => connected(x, y))
  for (const [x, y] of across) {
    await x.peer.node.hangUp(y.peer.node.peerId).catch(() => {})
    await y.peer.node.hangUp(x.peer.node.peerId).catch(() => {})
  }
  await waitFor('the partition to close every connection across it', () => across.every(([x, y]) => !connected(x, y)), 10_000)
  return {
    heal: async () => {
      for (const r of restore.splice(0)) r()
      for (const [x, y] of pairs) await x.peer.node.dial(y.peer.node.peerId).catch(() => {})
      await waitFor('the healed peers to connect again', () => pairs.every(([x, y]) => connected(x, y)), 20_000)
    },
  }
}
