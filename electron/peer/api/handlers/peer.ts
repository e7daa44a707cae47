/** Handlers of the operations about this peer: status, whoami, peers. */
import { readFileSync } from 'node:fs'
import type { Repo } from '@automerge/automerge-repo'
import type { Connection } from '@libp2p/interface'
import type { Did, PeerIdString, SpaceId } from '../../../../shared/ids.ts'
import { PeerLink, type PeerInfo, type RelayStatus } from '../../../../shared/api/peer-api.ts'
import type { Consent } from '../../consent/consent.ts'
import type { CollectionStore } from '../../domain/collection-store.ts'
import type { Membership } from '../../domain/membership.ts'
import type { Spaces } from '../../domain/spaces.ts'
import type { Identity } from '../../identity/identity.ts'
import type { PeerNode } from '../../net/create-libp2p-node.ts'
import { addrReach, type AddrReach } from '../../net/addr-reach.ts'
import type { Handlers } from '../call.ts'

export interface PeerHandlerDeps {
  identity: Identity
  node: PeerNode
  repo: Repo
  consent: Consent
  membership: Membership
  spaces: Spaces
  store: CollectionStore
  /** Page documents from peers set aside as malformed (pages are documents of their own, outside the store). */
  quarantinedPages: () => number
  mdns: boolean
  startedAt: string
  dataDir: string
  /** When `peer` last sent a sync message here (ms), if it has. */
  lastHeard?: (peer: string) => number | undefined
  /** The community peer's relay, as this peer uses or runs it (names are filled in here). */
  relay: () => RelayStatus
}

/** The version in the project's package.json, read once (it is beside the sources, in a packaged app too). */
const VERSION: string = (() => {
  try {
    const { version } = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
    return typeof version === 'string' ? version : 'unknown'
  } catch {
    return 'unknown'
  }
})()

export function peerHandlers(d: PeerHandlerDeps): Pick<Handlers, 'status' | 'whoami' | 'peers'> {
  return {
    status: async () => {
      const spaceIds = d.consent.spaces.spaceIds()
      return {
        did: d.identity.did, peerId: d.identity.peerIdString, name: d.identity.name,
        addrs: d.node.getMultiaddrs().map((a) => a.toString()), api: null,
        mdns: d.mdns, connections: d.node.getConnections().length, spaces: spaceIds.length,
        documents: Object.keys(d.repo.handles).length, startedAt: d.startedAt,
        quarantined: d.store.quarantined().total + d.quarantinedPages(),
        damagedSpaces: spaceIds.filter((id) => d.membership.health(id).problem !== null).length,
        dataDir: d.dataDir, version: VERSION, relay: relayWithNames(d.relay(), d.consent, d.membership),
      }
    },
    whoami: async () => ({
      did: d.identity.did, peerId: d.identity.peerIdString, name: d.identity.name,
      spaces: d.spaces.list().map((s) => ({ spaceId: s.spaceId, name: s.name, role: s.role, access: s.access, ...(s.nameUnsigned ? { nameUnsigned: s.nameUnsigned } : {}) })),
    }),
    peers: async () => d.node.getConnections().map((c) => {
      const heard = d.lastHeard?.(c.remotePeer.toString())
      return { ...toPeerInfo(c, d.consent, d.membership), lastSyncAt: heard === undefined ? null : new Date(heard).toISOString() }
    }),
  }
}

function toPeerInfo(c: Connection, consent: Consent, membership: Membership): PeerInfo {
  const addr = c.remoteAddr.toString()
  const peer = c.remotePeer.toString()
  const did = consent.didOf(peer)
  return {
    peerId: peer as PeerIdString,
    did: (did ?? '') as Did,
    name: membership.nameOf(peer, did) ?? null,
    addr,
    direction: c.direction,
    link: LINK[addrReach(addr)],
    since: new Date(c.timeline.open).toISOString(),
    spaces: consent.spacesOf(peer) as SpaceId[],
  }
}

function relayWithNames(r: RelayStatus, consent: Consent, membership: Membership): RelayStatus {
  return { ...r, via: r.via.map((v) => ({ peerId: v.peerId, name: membership.nameOf(v.peerId, consent.didOf(v.peerId)) ?? null })) }
}

const LINK: Record<AddrReach, PeerLink> = { relayed: PeerLink.Relay, loopback: PeerLink.Lan, lan: PeerLink.Lan, public: PeerLink.Direct }
