/**
 * Dials peers that libp2p discovered (mDNS) while the gate still refused them, once they hold a
 * grant here: libp2p reports a discovered peer only once, so without this two members who met
 * on the LAN before their grants reached each other would stay apart.
 */
import type { Logger } from '../log.ts'
import type { PeerNode } from './create-libp2p-node.ts'

/** After each `onChange` (debounced), dials every known, unconnected peer for which `wanted` holds. */
export function dialNewlyGranted(node: PeerNode, onChange: (listener: () => void) => () => void, wanted: (peerId: string) => boolean, log: Logger): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = async (): Promise<void> => {
    for (const peer of await node.peerStore.all()) {
      if (peer.id.equals(node.peerId) || peer.addresses.length === 0 || node.getConnections(peer.id).length > 0) continue
      if (!wanted(peer.id.toString())) continue
      node.dial(peer.id).then(() => {}, (err: unknown) => log.debug('dial of a newly granted peer failed', { peer: peer.id.toString(), error: String(err) }))
    }
  }
  const unsub = onChange(() => {
    clearTimeout(timer)
    timer = setTimeout(() => { void run().catch((err: unknown) => log.debug('redial failed', { error: String(err) })) }, 200)
    timer.unref?.()
  })
  return () => {
    clearTimeout(timer)
    unsub()
  }
}

/** Peer ids named in bootstrap multiaddrs: always let through the gate. */
export function bootstrapPeers(list: readonly string[] | undefined, parse: (id: string) => string): Set<string> {
  const out = new Set<string>()
  for (const a of list ?? []) {
    const id = /\/p2p\/([^/]+)/.exec(a)?.[1]
    if (id) {
      try {
        out.add(parse(id))
      } catch { /* not a peer id: the dial will say so */ }
    }
  }
  return out
}
