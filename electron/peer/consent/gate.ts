/**
 * The consent gate: who may connect at all (the libp2p connection gater), and who is cut off
 * when consent changes (a peer that lost a grant has its connections closed).
 *
 * Invariants:
 * - at the encrypted stage, a peer is let through only if it is the root of, or holds a valid
 *   grant in, one of our spaces; or we are dialling it to join or to accept its grant; or it is
 *   inbound while we hold an open invite to a space that did not revoke it (then it may only
 *   join: it is not admitted to sync, and is closed if it has not become known within
 *   PROBATION_MS); at the community peer, any inbound stranger not revoked is let in so on
 *   probation, to be relayed to a member (never to a stranger: relay slots and relayed
 *   traffic need a grant here);
 * - a peer whose grant was revoked is let in at most once every NOTICE_EVERY_MS, only to hear of
 *   the revocation over the hello (it may have been offline when it happened), and is closed
 *   once told (or NOTICE_MS later, and then may try again after NOTICE_RETRY_MS); it is never
 *   admitted to sync;
 * - a peer cut off by a revocation is closed only once the hello carrying that revocation has
 *   been handed to its connection (or NOTICE_MS has passed): it learns why;
 * - a refusal is audited at most once a minute per peer and reason.
 */
import type { Connection, ConnectionGater, PeerId } from '@libp2p/interface'
import { AuditKind } from '../../../shared/api/peer-api.ts'
import type { PeerIdString, SpaceId } from '../../../shared/ids.ts'
import type { Logger } from '../log.ts'
import type { AuditLog } from './audit-log.ts'
import type { Consent } from './consent.ts'
import type { PeerNode } from '../net/create-libp2p-node.ts'

const PROBATION_MS = 2 * 60_000
/** How long a peer being cut off is given to receive the hello that tells it why (it gets no document meanwhile). */
const NOTICE_MS = 5_000
/** A peer whose grant was revoked is let in at most this often, only to be told so. */
const NOTICE_EVERY_MS = 10 * 60_000
/** …or this soon again, when the last telling did not get through in NOTICE_MS (a busy machine). */
const NOTICE_RETRY_MS = 30_000
const REFUSAL_AUDIT_MS = 60_000
/** Strangers on probation a community peer lets in at once (its connection limit is 64). */
const MAX_STRANGERS = 16

/**
 * What the gate needs once the node runs: its connections and their events, and the sync
 * adapter's `reconsider` (both are built after the gater, which the node needs first).
 */
export interface GateComponents {
  node: Pick<PeerNode, 'getConnections' | 'addEventListener' | 'removeEventListener'>
  reconsider: (peer: PeerId) => void
  /** Sends a peer the consent hello (which carries the revocations that concern it). */
  tell: (peer: PeerId) => Promise<boolean>
}

export interface GateInit {
  consent: Consent
  /** The spaces this peer holds an unused, unexpired invite to: only then may a stranger come in (to join). */
  openInvites: (nowSec: number) => ReadonlySet<SpaceId>
  audit: AuditLog
  log: Logger
  now: () => number
  /** Peers always let through: configured bootstrap peers. */
  trusted?: Set<string>
  /**
   * This is the community peer: a stranger may come in (on probation) to be relayed to a member,
   * whose own gate then decides; relay slots and relayed traffic are only for members.
   */
  community?: boolean
}

export class ConsentGate {
  readonly #d: GateInit
  #node: GateComponents['node'] | undefined
  /** Tells the sync adapter to ask its policy again about a peer. */
  #reconsider: (peer: PeerId) => void = () => {}
  /** Peers we are dialling on purpose (a join's inviter, an accepted grant's granter), with when that stops. */
  readonly #expected = new Map<string, number>()
  readonly #refusalsAudited = new Map<string, number>()
  /** Per peer, the grant ids of its valid chains at the last check: losing one closes its connections. */
  readonly #held = new Map<string, Set<string>>()
  readonly #probation = new Map<string, ReturnType<typeof setTimeout>>()
  /** Revoked peers let in to hear of their revocation: when that was last done, and those whose connection is being set up. */
  readonly #noticed = new Map<string, number>()
  readonly #noticing = new Set<string>()
  #tell: (peer: PeerId) => Promise<boolean> = async () => false

  constructor(init: GateInit) {
    this.#d = init
  }

  /** The libp2p connection gater: checks at dial time and at the encrypted stage, both ways. */
  readonly gater: ConnectionGater = {
    denyDialPeer: (peer) => !this.#mayConnect(peer, 'outbound'),
    denyInboundEncryptedConnection: (peer) => !this.#mayConnect(peer, 'inbound'),
    denyOutboundEncryptedConnection: (peer) => !this.#mayConnect(peer, 'outbound'),
    // Only the community peer runs a relay server, which asks these two.
    denyInboundRelayReservation: (peer) => this.#refuse(peer.toString(), 'relay slot refused: holds no grant in any space here', !this.#d.consent.knows(peer.toString())),
    denyOutboundRelayedConnection: (source, destination) =>
      this.#refuse(source.toString(), `not relayed to ${destination.toString()}: that peer holds no grant in any space here`, !this.#d.consent.knows(destination.toString())),
  }

  /** Follows the node's connections. */
  start(components: GateComponents): void {
    this.#node = components.node
    this.#reconsider = components.reconsider
    this.#tell = components.tell
    this.#node.addEventListener('connection:open', this.#onOpen)
    this.#node.addEventListener('connection:close', this.#onClose)
  }

  stop(): void {
    this.#node?.removeEventListener('connection:open', this.#onOpen)
    this.#node?.removeEventListener('connection:close', this.#onClose)
    for (const t of this.#probation.values()) clearTimeout(t)
    this.#probation.clear()
  }

  /** Lets us dial `peer` (and keep it) for a while though it holds no grant yet. */
  expect(peerId: string, forMs = 120_000): void {
    this.#expected.set(peerId, this.#d.now() + forMs)
  }

  /**
   * After any consent change: cut off peers that lost a grant. `told` holds, per peer, the push
   * of this change over the hello; a peer being cut off is closed once its push has gone.
   */
  consentChanged(spaceId: SpaceId, told: ReadonlyMap<string, Promise<boolean>> = new Map()): void {
    const node = this.#node
    if (!node) return
    const seen = new Set<string>()
    for (const c of node.getConnections()) {
      const peer = c.remotePeer.toString()
      if (seen.has(peer)) continue
      seen.add(peer)
      const now = this.#heldNow(peer)
      const before = this.#held.get(peer)
      this.#held.set(peer, now)
      const lost = before === undefined ? [] : [...before].filter((id) => !now.has(id))
      const revoked = lost.some((id) => this.#d.consent.index(spaceId)?.revoked.has(id))
      // A revocation, or the last grant gone, cuts the peer off; a grant that merely expired beside
      // a renewed one only narrows what the repo shares (shareConfigChanged has already run).
      if (revoked || (lost.length > 0 && !this.#d.consent.knows(peer))) {
        const why = revoked ? 'a grant it held was revoked' : 'its last grant here expired'
        // Its sync link ends now, and the verdicts that gave it documents are gone already; its
        // connections close once the hello just pushed (which carries the revocation) has gone.
        this.#reconsider(c.remotePeer)
        const notice = told.get(peer)
        if (notice === undefined) this.#close(c.remotePeer, spaceId, why)
        else void within(notice, NOTICE_MS).then(() => this.#close(c.remotePeer, spaceId, why))
      } else {
        this.#reconsider(c.remotePeer)
      }
    }
  }

  #mayConnect(peer: PeerId, direction: 'inbound' | 'outbound'): boolean {
    const id = peer.toString()
    if (this.#d.consent.knows(id) || this.#d.trusted?.has(id)) return true
    const until = this.#expected.get(id)
    if (until !== undefined && until > this.#d.now()) return true
    if (direction === 'inbound') {
      const revokedIn = this.#revokedIn(id)
      // A stranger may come in to present an invite, but not one to a space that revoked it.
      for (const spaceId of this.#d.openInvites(Math.floor(this.#d.now() / 1000))) if (!revokedIn.has(spaceId)) return true
      // …or, at the community peer, to be relayed to a member (a joiner off the LAN reaches its
      // inviter so): a few strangers at once, so strangers cannot take the connections members need.
      if (this.#d.community === true && revokedIn.size === 0 && this.#probation.size < MAX_STRANGERS) return true
      // A peer whose grant was revoked may have been offline when it happened: it is let in now and
      // then, only to hear of it over the hello (it is never admitted to sync), then closed.
      if (revokedIn.size > 0 && this.#d.now() - (this.#noticed.get(id) ?? -Infinity) > NOTICE_EVERY_MS) {
        this.#noticed.set(id, this.#d.now())
        if (this.#noticed.size > 10_000) this.#noticed.clear()
        this.#noticing.add(id)
        return true
      }
    }
    this.#refuse(id, `${direction}: holds no grant in any space here`, true)
    return false
  }

  /** Audits a refusal (at most once a minute per peer and reason) when `refused`; returns `refused`. */
  #refuse(id: string, detail: string, refused: boolean): boolean {
    if (!refused) return false
    const key = `${id} ${detail}`
    const last = this.#refusalsAudited.get(key) ?? 0
    if (this.#d.now() - last > REFUSAL_AUDIT_MS) {
      this.#refusalsAudited.set(key, this.#d.now())
      if (this.#refusalsAudited.size > 10_000) this.#refusalsAudited.clear()
      this.#d.audit.record({ kind: AuditKind.ConnectionRefused, spaceId: null, peer: id as PeerIdString, detail })
    }
    return true
  }

  /** The spaces here in which a grant to this peer has been revoked. */
  #revokedIn(peerId: string): Set<SpaceId> {
    const out = new Set<SpaceId>()
    const did = this.#d.consent.didOf(peerId)
    if (!did) return out
    for (const spaceId of this.#d.consent.spaces.spaceIds()) {
      const consent = this.#d.consent.index(spaceId)
      if (!consent || consent.revoked.size === 0) continue
      // A grant its holder gave up (they left) bars nothing: they may come back with an invite.
      if (consent.standings().some((s) => s.grant.payload.aud === did && consent.revocationsOf(s.grant.id).some((r) => r.payload.iss !== did))) out.add(spaceId)
    }
    return out
  }

  #heldNow(peer: string): Set<string> {
    const did = this.#d.consent.didOf(peer)
    const out = new Set<string>()
    if (!did) return out
    for (const spaceId of this.#d.consent.spaces.spaceIds()) {
      for (const c of this.#d.consent.index(spaceId)?.chainsOf(did, this.#d.now()) ?? []) out.add(c.ids[c.ids.length - 1]!)
    }
    return out
  }

  #close(peer: PeerId, spaceId: SpaceId, why: string): void {
    const id = peer.toString()
    this.#held.delete(id)
    this.#d.audit.record({ kind: AuditKind.ConnectionClosed, spaceId, peer: id as PeerIdString, detail: why })
    this.#d.log.info('closing the connection of a peer that lost its grant', { peer: id, spaceId, why })
    this.#reconsider(peer)
    for (const c of this.#node?.getConnections(peer) ?? []) void c.close().catch(() => c.abort(new Error(why)))
  }

  readonly #onOpen = (evt: CustomEvent<Connection>): void => {
    const peer = evt.detail.remotePeer.toString()
    this.#held.set(peer, this.#heldNow(peer))
    if (this.#noticing.delete(peer)) {
      const remote = evt.detail.remotePeer
      void within(this.#tell(remote), NOTICE_MS).then((told) => {
        if (!told) this.#noticed.set(peer, this.#d.now() - NOTICE_EVERY_MS + NOTICE_RETRY_MS)
        if (this.#d.consent.knows(peer)) return
        this.#d.audit.record({ kind: AuditKind.ConnectionClosed, spaceId: null, peer: peer as PeerIdString, detail: 'let in only to be told its grant was revoked' })
        for (const c of this.#node?.getConnections(remote) ?? []) void c.close().catch(() => c.abort(new Error('revoked')))
      })
      return
    }
    if (this.#d.consent.knows(peer) || this.#probation.has(peer)) return
    // Let in to join (or because we dialled it): if it has not become known in time, it goes.
    const t = setTimeout(() => {
      this.#probation.delete(peer)
      if (!this.#d.consent.knows(peer)) {
        for (const c of this.#node?.getConnections(evt.detail.remotePeer) ?? []) void c.close().catch(() => {})
      }
    }, PROBATION_MS)
    t.unref?.()
    this.#probation.set(peer, t)
  }

  readonly #onClose = (evt: CustomEvent<Connection>): void => {
    const peer = evt.detail.remotePeer
    if (this.#node?.getConnections(peer).length) return
    this.#held.delete(peer.toString())
    clearTimeout(this.#probation.get(peer.toString()))
    this.#probation.delete(peer.toString())
    this.#d.audit.endConnection(peer.toString() as PeerIdString)
  }
}

/** Settles when `p` settles (true unless it rejected or gave false) or after `ms` (false), whichever comes first; never rejects. */
function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms)
    t.unref?.()
    p.then((v) => { clearTimeout(t); resolve(v !== false) }, () => { clearTimeout(t); resolve(false) })
  })
}
