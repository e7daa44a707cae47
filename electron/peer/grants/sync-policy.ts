/**
 * What the sync layer enforces, in one place: who may connect (the libp2p connection gater),
 * who may sync (admission after the consent hello), which inbound messages pass (no changes
 * from a peer without a write grant), what is recorded (documents sent, refusals, drops), and
 * who is cut off when consent changes (a peer that lost a grant has its connections closed).
 *
 * Invariants:
 * - at the encrypted stage, a peer is let through only if it is the root of, or holds a valid
 *   grant in, one of our spaces; or we are dialling it to join or to accept its grant; or it is
 *   inbound while we hold an open invite (then it may only join: it is not admitted to sync,
 *   and is closed if it has not become known within PROBATION_MS);
 * - a sync or request message carrying changes from a peer without a write grant for that
 *   document is dropped whole and audited; reads are refused by the repo's shareConfig;
 * - the remote id is always the Noise-authenticated PeerId (the adapter binds it).
 */
import * as Automerge from '@automerge/automerge'
import type { Message } from '@automerge/automerge-repo'
import type { Connection, ConnectionGater, PeerId } from '@libp2p/interface'
import { AuditKind } from '../../../shared/api/peer-api.ts'
import type { DocId, PeerIdString, SpaceId } from '../../../shared/ids.ts'
import type { PeerNode } from '../net/create-libp2p-node.ts'
import type { SyncPolicy } from '../sync/libp2p-network-adapter.ts'
import type { LocalState } from '../domain/local-state.ts'
import type { Membership } from '../domain/membership.ts'
import type { Logger } from '../log.ts'
import type { AuditLog } from './audit-log.ts'
import type { HelloProtocol } from './hello-protocol.ts'

const PROBATION_MS = 2 * 60_000
const REFUSAL_AUDIT_MS = 60_000

export interface EnforcementDeps {
  membership: Membership
  state: LocalState
  audit: AuditLog
  log: Logger
  now: () => number
  /** Peers always let through: configured bootstrap peers. */
  trusted?: Set<string>
}

export class Enforcement {
  readonly #d: EnforcementDeps
  /** Peers we are dialling on purpose (a join's inviter, an accepted grant's granter), with when that stops. */
  readonly #expected = new Map<string, number>()
  readonly #refusalsAudited = new Map<string, number>()
  /** Per peer, the grant ids of its valid chains at the last check: losing one closes its connections. */
  readonly #held = new Map<string, Set<string>>()
  #node: PeerNode | undefined
  #hello: HelloProtocol | undefined
  #adapter: { reconsider(peer: PeerId): void } | undefined
  readonly #probation = new Map<string, ReturnType<typeof setTimeout>>()

  constructor(deps: EnforcementDeps) {
    this.#d = deps
  }

  /** The libp2p connection gater: checks at dial time and at the encrypted stage, both ways. */
  readonly gater: ConnectionGater = {
    denyDialPeer: (peer) => !this.#mayConnect(peer, 'outbound'),
    denyInboundEncryptedConnection: (peer) => !this.#mayConnect(peer, 'inbound'),
    denyOutboundEncryptedConnection: (peer) => !this.#mayConnect(peer, 'outbound'),
  }

  /** Wires in the parts built after the gater (the node needs the gater first). */
  attach(node: PeerNode, hello: HelloProtocol, adapter: { reconsider(peer: PeerId): void }): void {
    this.#node = node
    this.#hello = hello
    this.#adapter = adapter
    node.addEventListener('connection:open', this.#onOpen)
    node.addEventListener('connection:close', this.#onClose)
  }

  detach(): void {
    this.#node?.removeEventListener('connection:open', this.#onOpen)
    this.#node?.removeEventListener('connection:close', this.#onClose)
    for (const t of this.#probation.values()) clearTimeout(t)
    this.#probation.clear()
  }

  /** Lets us dial `peer` (and keep it) for a while though it holds no grant yet. */
  expect(peerId: string, forMs = 120_000): void {
    this.#expected.set(peerId, this.#d.now() + forMs)
  }

  /** The policy the sync adapter applies. */
  readonly policy: SyncPolicy = {
    admit: async (remote) => {
      await this.#hello?.received(remote)
      const ok = this.#d.membership.knows(remote.toString())
      if (!ok) this.#d.log.debug('peer not admitted to sync: it holds no grant here', { peer: remote.toString() })
      return ok
    },
    accept: (remote, message) => this.#accept(remote, message),
    sent: (remote, message) => {
      if ((message.type !== 'sync' && message.type !== 'request') || !('documentId' in message) || message.documentId === undefined) return
      const spaceId = this.#d.membership.ownerOf(message.documentId)
      if (spaceId) this.#d.audit.sentDocs(remote as PeerIdString, spaceId, message.documentId as string as DocId)
    },
  }

  /** After any consent change: push it to the peers it concerns, then cut off peers that lost a grant. */
  consentChanged(spaceId: SpaceId): void {
    this.#hello?.push(spaceId)
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
      const revoked = lost.some((id) => this.#d.membership.consent(spaceId)?.revoked.has(id))
      // A revocation, or the last grant gone, cuts the peer off; a grant that merely expired beside
      // a renewed one only narrows what the repo shares (shareConfigChanged has already run).
      if (revoked || (lost.length > 0 && !this.#d.membership.knows(peer))) {
        this.#close(c.remotePeer, spaceId, revoked ? 'a grant it held was revoked' : 'its last grant here expired')
      } else {
        this.#adapter?.reconsider(c.remotePeer)
      }
    }
  }

  #mayConnect(peer: PeerId, direction: 'inbound' | 'outbound'): boolean {
    const id = peer.toString()
    if (this.#d.membership.knows(id) || this.#d.trusted?.has(id)) return true
    const until = this.#expected.get(id)
    if (until !== undefined && until > this.#d.now()) return true
    // A stranger may come in to present an invite; a peer whose grant was revoked may not.
    if (direction === 'inbound' && !this.#wasRevoked(id) && this.#d.state.hasOpenInvites(Math.floor(this.#d.now() / 1000))) return true
    const last = this.#refusalsAudited.get(id) ?? 0
    if (this.#d.now() - last > REFUSAL_AUDIT_MS) {
      this.#refusalsAudited.set(id, this.#d.now())
      if (this.#refusalsAudited.size > 10_000) this.#refusalsAudited.clear()
      this.#d.audit.record({ kind: AuditKind.ConnectionRefused, spaceId: null, peer: id as PeerIdString, detail: `${direction}: holds no grant in any space here` })
    }
    return false
  }

  /** True when a grant to this peer has been revoked in any space here. */
  #wasRevoked(peerId: string): boolean {
    const did = this.#d.membership.didOf(peerId)
    if (!did) return false
    for (const spaceId of this.#d.membership.spaceIds()) {
      const consent = this.#d.membership.consent(spaceId)
      if (!consent || consent.revoked.size === 0) continue
      for (const s of consent.standings()) if (s.grant.payload.aud === did && consent.revoked.has(s.grant.id)) return true
    }
    return false
  }

  #accept(remote: string, message: Message): boolean {
    const m = this.#d.membership
    if (message.type === 'sync' || message.type === 'request') {
      // The adapter's parser guarantees both fields for these types.
      const docId = message.documentId as string
      if (m.mayWrite(remote, docId)) return true
      if (carriesChanges(message.data as Uint8Array)) {
        this.#d.audit.record({ kind: AuditKind.WriteDropped, spaceId: m.ownerOf(docId) ?? null, peer: remote as PeerIdString, docs: [docId as DocId], detail: 'changes from a peer without a write grant for this document' })
        this.#d.log.info('changes dropped: the peer holds no write grant for the document', { peer: remote, docId })
        return false
      }
      if (!m.mayRead(remote, docId)) {
        this.#d.audit.record({ kind: AuditKind.RequestRefused, spaceId: m.ownerOf(docId) ?? null, peer: remote as PeerIdString, docs: [docId as DocId] })
      }
      return true // the repo's shareConfig answers a reader, or refuses with doc-unavailable
    }
    if (message.type === 'ephemeral') return m.mayRead(remote, message.documentId as string)
    return true
  }

  #heldNow(peer: string): Set<string> {
    const did = this.#d.membership.didOf(peer)
    const out = new Set<string>()
    if (!did) return out
    for (const spaceId of this.#d.membership.spaceIds()) {
      for (const c of this.#d.membership.consent(spaceId)?.chainsOf(did, this.#d.now()) ?? []) out.add(c.ids[c.ids.length - 1]!)
    }
    return out
  }

  #close(peer: PeerId, spaceId: SpaceId, why: string): void {
    const id = peer.toString()
    this.#held.delete(id)
    this.#d.audit.record({ kind: AuditKind.ConnectionClosed, spaceId, peer: id as PeerIdString, detail: why })
    this.#d.log.info('closing the connection of a peer that lost its grant', { peer: id, spaceId, why })
    this.#adapter?.reconsider(peer)
    for (const c of this.#node?.getConnections(peer) ?? []) void c.close().catch(() => c.abort(new Error(why)))
  }

  readonly #onOpen = (evt: CustomEvent<Connection>): void => {
    const peer = evt.detail.remotePeer.toString()
    this.#held.set(peer, this.#heldNow(peer))
    if (this.#d.membership.knows(peer) || this.#probation.has(peer)) return
    // Let in to join (or because we dialled it): if it has not become known in time, it goes.
    const t = setTimeout(() => {
      this.#probation.delete(peer)
      if (!this.#d.membership.knows(peer)) {
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

/** True when an Automerge sync message carries changes (only then is a write grant needed). */
function carriesChanges(data: Uint8Array): boolean {
  try {
    return Automerge.decodeSyncMessage(data).changes.length > 0
  } catch {
    return true // undecodable: treat as a write, so it is dropped unless the peer may write
  }
}
