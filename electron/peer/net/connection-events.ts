/**
 * The peer's `peer:connect` and `peer:disconnect` events, from libp2p's connections: a peer is
 * gone when its last connection closes (and what it was known to hold is forgotten then).
 */
import type { Connection } from '@libp2p/interface'
import type { PeerIdString } from '../../../shared/ids.ts'
import type { PeerEventHub } from '../events.ts'
import type { PeerNode } from './create-libp2p-node.ts'

/** Starts forwarding; returns how to stop. */
export function forwardConnectionEvents(node: PeerNode, events: PeerEventHub, gone: (peerId: string) => void): () => void {
  const onOpen = (evt: CustomEvent<Connection>): void => {
    events.emit('peer:connect', { peerId: evt.detail.remotePeer.toString() as PeerIdString, addr: evt.detail.remoteAddr.toString() })
  }
  const onClose = (evt: CustomEvent<Connection>): void => {
    if (node.getConnections(evt.detail.remotePeer).length > 0) return
    gone(evt.detail.remotePeer.toString())
    events.emit('peer:disconnect', { peerId: evt.detail.remotePeer.toString() as PeerIdString })
  }
  node.addEventListener('connection:open', onOpen)
  node.addEventListener('connection:close', onClose)
  return () => {
    node.removeEventListener('connection:open', onOpen)
    node.removeEventListener('connection:close', onClose)
  }
}
