/**
 * The libp2p node: TCP, WebSockets and circuit relay, Noise, Yamux, identify, ping, mDNS on the
 * LAN, an explicit bootstrap/dial list, and what reaching beyond the LAN adds (wan-services.ts). Limits are tightened from libp2p's permissive defaults: a
 * community peer talks to tens of peers, not thousands, and every open connection costs
 * memory that a hostile LAN neighbour could otherwise exhaust.
 */
import { createLibp2p } from 'libp2p'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import type { ConnectionGater, Libp2p, Ed25519PrivateKey, PeerId } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { webSockets } from '@libp2p/websockets'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { mdns } from '@libp2p/mdns'
import { bootstrap } from '@libp2p/bootstrap'
import type { Identify } from '@libp2p/identify'
import type { Ping } from '@libp2p/ping'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { relayTransport, wanServices } from './wan-services.ts'

export interface NetConfig {
  /** Multiaddrs to listen on. Default: TCP and WebSockets on all interfaces, random ports. */
  listen?: string[]
  /** mDNS discovery on the LAN; on by default. */
  mdns?: boolean
  /** Peers to dial at start and keep dialling (multiaddrs with /p2p/ ids): a member names its community peer here. */
  bootstrap?: string[]
  /** Run as the community's always-on peer: relay for members, answer autoNAT, serve the DHT. */
  community?: boolean
  /** Addresses to announce besides those listened on (a community peer's public address behind a port forward). */
  announce?: string[]
}

export const NET_LIMITS = {
  maxConnections: 64,
  maxIncomingPendingConnections: 16,
  maxParallelDials: 16,
  dialTimeout: 10_000,
  inboundUpgradeTimeout: 5_000,
} as const

export const DEFAULT_LISTEN = ['/ip4/0.0.0.0/tcp/0', '/ip4/0.0.0.0/tcp/0/ws']

export type PeerNode = Libp2p<{ identify: Identify; ping: Ping } & Record<string, unknown>>

/** `gater` decides who may connect at all (consent enforcement); without it libp2p's defaults apply. */
export async function createLibp2pNode(privateKey: Ed25519PrivateKey, cfg: NetConfig, gater?: ConnectionGater): Promise<PeerNode> {
  const peerDiscovery = []
  if (cfg.mdns !== false) peerDiscovery.push(mdns({ interval: 5_000, serviceTag: '_commonweave._udp.local' }))
  if (cfg.bootstrap && cfg.bootstrap.length > 0) peerDiscovery.push(bootstrap({ list: cfg.bootstrap, timeout: 0 }))
  return createLibp2p({
    privateKey,
    start: false,
    addresses: { listen: cfg.listen ?? DEFAULT_LISTEN, ...(cfg.announce?.length ? { appendAnnounce: cfg.announce } : {}) },
    transports: [tcp({ maxConnections: NET_LIMITS.maxConnections }), webSockets(), relayTransport()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux({ maxInboundStreams: 64, maxOutboundStreams: 64 })],
    peerDiscovery,
    ...(gater ? { connectionGater: gater } : {}),
    connectionManager: {
      maxConnections: NET_LIMITS.maxConnections,
      maxIncomingPendingConnections: NET_LIMITS.maxIncomingPendingConnections,
      maxParallelDials: NET_LIMITS.maxParallelDials,
      dialTimeout: NET_LIMITS.dialTimeout,
      inboundUpgradeTimeout: NET_LIMITS.inboundUpgradeTimeout,
    },
    services: {
      identify: identify({ maxInboundStreams: 2, maxOutboundStreams: 2 }),
      ping: ping({ maxInboundStreams: 2, maxOutboundStreams: 2 }),
      ...wanServices({ community: cfg.community === true, hasCommunityPeer: (cfg.bootstrap?.length ?? 0) > 0, lanMulticast: cfg.mdns !== false }),
    },
  })
}

/** Dials every peer libp2p discovers (mDNS, bootstrap): libp2p v3 only records them. */
export function dialDiscoveredPeers(node: PeerNode, log: (msg: string, data?: Record<string, unknown>) => void): () => void {
  const onDiscovery = (evt: CustomEvent<{ id: PeerId; multiaddrs: unknown[] }>): void => {
    const peer = evt.detail.id
    if (peer.equals(node.peerId) || node.getConnections(peer).length > 0) return
    node.dial(peer).catch((err: unknown) => {
      log('dial of discovered peer failed', { peer: peer.toString(), error: String(err) })
    })
  }
  node.addEventListener('peer:discovery', onDiscovery)
  return () => node.removeEventListener('peer:discovery', onDiscovery)
}

/**
 * A multiaddr to dial `peerId` at: `addr` with `/p2p/<peerId>` appended unless it ends naming a
 * peer already (a relayed `…/p2p/RELAY/p2p-circuit` gets the peer after the circuit).
 */
export function dialAddr(addr: string, peerId: string): Multiaddr {
  const ma = multiaddr(addr)
  return ma.getComponents().at(-1)?.name === 'p2p' ? ma : ma.encapsulate(`/p2p/${peerId}`)
}

/** A listen failure as an error a person can act on. */
export function listenError(err: unknown, listen: string[] | undefined): unknown {
  const text = String((err as Error)?.message ?? err)
  if (/EADDRINUSE|address already in use/i.test(text)) {
    return new CommonweaveError(ErrorCode.AddressInUse, `Could not listen on ${listen?.join(', ') ?? 'the default addresses'}: the port is in use. Stop the other program, or pick another --listen port.`)
  }
  if (/EADDRNOTAVAIL|cannot assign/i.test(text)) {
    return new CommonweaveError(ErrorCode.ValidationFailed, `Could not listen on ${listen?.join(', ') ?? 'the default addresses'}: this machine has no such address.`)
  }
  return err
}
