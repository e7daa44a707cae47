/**
 * What a peer adds to reach beyond one LAN (DESIGN.md, Network): the parts differ for the
 * community peer and for members.
 *
 * - Every peer can dial and be dialled through a circuit relay (the transport is cheap and a
 *   relayed address may come in an invite code).
 * - The community peer runs the relay server, with libp2p's default limit (2 min, 128 KiB per
 *   relayed connection, which cuts an Automerge sync) lifted: it relays only for members, and
 *   the connection gater (consent/gate.ts) decides who they are. It also answers autoNAT
 *   and serves the DHT.
 * - A member that knows a community peer (a bootstrap entry, an invite) asks it to confirm its
 *   addresses (autoNAT), upgrades relayed connections to direct ones where it can (DCUtR, which
 *   needs those confirmed addresses) and finds peers through the DHT as a client.
 * - UPnP asks the home router for a port mapping, so others can dial a member directly: only for
 *   a member that knows a community peer (a LAN-only peer opens no port to the internet), and
 *   only where LAN discovery is on, as it searches by SSDP multicast (`--no-mdns` turns off every
 *   multicast).
 * - The DHT and autoNAT run on Commonweave's own protocol ids, never the public IPFS ones: a
 *   community is not announced to the world.
 */
import { circuitRelayServer, circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { dcutr } from '@libp2p/dcutr'
import { autoNAT } from '@libp2p/autonat'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { uPnPNAT } from '@libp2p/upnp-nat'
import { identifyPush } from '@libp2p/identify'

export const DHT_PROTOCOL = '/commonweave/kad/1.0.0'
export const AUTONAT_PREFIX = 'commonweave'
/** Members a community peer holds a relay slot for at once (libp2p's default is 15). */
export const MAX_RELAY_RESERVATIONS = 128

export interface WanRole {
  /** This peer is the community's always-on peer. */
  community: boolean
  /** It knows a community peer to lean on (bootstrap entries). */
  hasCommunityPeer: boolean
  /** LAN multicast (mDNS, and so UPnP's SSDP) is allowed. */
  lanMulticast: boolean
}

/** The relay transport every peer has. */
export function relayTransport(): ReturnType<typeof circuitRelayTransport> {
  // A reservation is asked for by the relay watchdog (relay-watchdog.ts), not at start: a
  // community peer that is down at start must not make the whole start fail.
  return circuitRelayTransport({ reservationCompletionTimeout: 10_000 })
}

/** The services the role adds to identify and ping. */
export function wanServices(role: WanRole): Record<string, (components: never) => unknown> {
  // Every peer tells its peers when its addresses change (a relay slot made or lost): a member
  // behind NAT is dialled at its new relayed address, not at the one that went with the old slot.
  const services: Record<string, (components: never) => unknown> = { identifyPush: identifyPush({ maxInboundStreams: 2, maxOutboundStreams: 2 }) as never }
  // A peer that only meets others on its LAN asks its router for nothing (no port opened to the internet).
  if (!role.community && !role.hasCommunityPeer) return services
  services['autoNAT'] = autoNAT({ protocolPrefix: AUTONAT_PREFIX, startupDelay: 2_000 }) as never
  services['dht'] = kadDHT({
    protocol: DHT_PROTOCOL,
    clientMode: !role.community,
    // Members meet on LANs and private networks too: their private addresses are worth passing on.
    peerInfoMapper: passthroughMapper,
    allowQueryWithZeroPeers: true,
  }) as never
  if (role.community) {
    services['relay'] = circuitRelayServer({
      reservations: { maxReservations: MAX_RELAY_RESERVATIONS, applyDefaultLimit: false },
    }) as never
  } else {
    services['dcutr'] = dcutr() as never
    // UPnP needs autoNAT beside it (libp2p refuses to start otherwise): both are here.
    if (role.lanMulticast) services['upnp'] = uPnPNAT() as never
  }
  return services
}
