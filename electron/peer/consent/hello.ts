/**
 * `/commonweave/hello/1.0.0`: the first thing said on every connection, before any document
 * data. Each side opens one stream and sends two frames: first every revocation of the spaces
 * the other peer is involved in, then the proof chains (its own, and those granted to the
 * other peer) with a catalog of the documents a guest may read. Later changes to consent are
 * pushed the same way, at once, to every connected peer they concern.
 *
 * Invariants:
 * - the sync layer admits a peer only after its hello has been processed (or has timed out),
 *   so a revocation always lands before the first document message of that connection;
 * - every envelope received is verified before it is kept; chains for a space this peer is not
 *   in are taken only when they end at this peer and their sender is one of their issuers;
 * - nothing thrown here escapes a stream handler; a bad hello ends only its own stream.
 */
import * as dagCbor from '@ipld/dag-cbor'
import type { Connection, PeerId, Stream } from '@libp2p/interface'
import type { Did, PeerIdString, SpaceId } from '../../../shared/ids.ts'
import { AuditKind } from '../../../shared/api/peer-api.ts'
import { ALL_DOCS, MAX_CHAIN_LENGTH, MAX_ENVELOPE_BYTES } from '../../../shared/grants/grant-format.ts'
import { verifyChain } from '../../../shared/grants/grant-verify.ts'
import { STEERING_CHARS } from '../../../shared/schemas/text.ts'
import type { GrantCrypto } from '../../../shared/grants/signature.ts'
import type { PeerNode } from '../net/create-libp2p-node.ts'
import { encodeFrame } from '../sync/frame-codec.ts'
import { readFrames } from '../sync/frame-reader.ts'
import type { Logger } from '../log.ts'
import type { AuditLog } from './audit-log.ts'
import type { Consent } from './consent.ts'
import type { GuestSpace } from './space-index.ts'

export const HELLO_PROTOCOL = '/commonweave/hello/1.0.0'
const MAX_HELLO_FRAME_BYTES = 256 * 1024
const HELLO_TIMEOUT_MS = 5_000
/** Items of one kind taken from one frame; more are ignored, not an error (so junk cannot block the rest). */
const MAX_ITEMS = 512
const MAX_CATALOG = 16
/** Guest spaces this peer takes from hellos at most (a code the user accepts is not limited). */
const MAX_GUEST_SPACES = 64
/** Document ids a guest takes from a catalog, per space. */
const MAX_GUEST_DOCS = 1000

interface CatalogEntry { space: string; root: string; name: string; collections: Record<string, string[]> }
interface ProofsFrame { v: 1; proofs: Array<{ space: string; chain: Uint8Array[] }>; catalog: CatalogEntry[] }
interface RevocationsFrame { v: 1; revocations: Array<{ space: string; bytes: Uint8Array }> }

/** Where this peer keeps the spaces it holds a grant to without being a member. */
export interface GuestBook {
  readonly guests: Readonly<Record<string, GuestSpace>>
  setGuest(spaceId: SpaceId, guest: GuestSpace): Promise<void>
  /** When this peer left a space (a granter's hello does not bring it back; a code accepted again does). */
  leftAt(spaceId: SpaceId): string | undefined
}

export interface HelloDeps {
  node: PeerNode
  consent: Consent
  guests: GuestBook
  audit: AuditLog
  crypto: GrantCrypto
  myDid: Did
  log: Logger
  /** Called when a guest space first arrives (a grant to this peer, learnt from a peer). */
  onGuestSpace: (spaceId: SpaceId) => void
}

export class HelloProtocol {
  readonly #d: HelloDeps
  /** Per remote peer: resolves once its first hello on the current connection is processed. */
  readonly #received = new Map<string, { promise: Promise<void>; resolve: () => void }>()
  /** Per space, what the last push carried (counts), so unrelated edits of the space push nothing. */
  readonly #pushed = new Map<SpaceId, string>()
  #started = false

  constructor(deps: HelloDeps) {
    this.#d = deps
  }

  async start(): Promise<void> {
    if (this.#started) return
    this.#started = true
    await this.#d.node.handle(HELLO_PROTOCOL, (stream, connection) => {
      this.#answer(stream, connection).catch((err: unknown) => {
        this.#d.log.warn('hello from peer refused', { peer: connection.remotePeer.toString(), error: String(err) })
        stream.abort(err instanceof Error ? err : new Error(String(err)))
      }).finally(() => this.#answered(connection))
    }, { maxInboundStreams: 4, maxOutboundStreams: 4 })
    this.#d.node.addEventListener('connection:open', this.#onOpen)
    this.#d.node.addEventListener('connection:close', this.#onClose)
  }

  async stop(): Promise<void> {
    if (!this.#started) return
    this.#started = false
    this.#d.node.removeEventListener('connection:open', this.#onOpen)
    this.#d.node.removeEventListener('connection:close', this.#onClose)
    for (const s of this.#received.values()) s.resolve()
    await this.#d.node.unhandle(HELLO_PROTOCOL).catch(() => {})
  }

  /** Resolves once the remote's hello has been processed, or after a few seconds without one. */
  received(peer: PeerId): Promise<void> {
    const slot = this.#slot(peer.toString())
    return Promise.race([slot.promise, new Promise<void>((resolve) => setTimeout(resolve, HELLO_TIMEOUT_MS).unref?.())])
  }

  /**
   * Sends a fresh hello to every connected peer a space's consent concerns: how revocations and new
   * grants travel at once. Answers, per peer id it sent to, a promise that settles once that hello
   * is handed to the connection (or has failed): a peer about to be cut off is closed only after.
   */
  push(spaceId: SpaceId): Map<string, Promise<boolean>> {
    const sent = new Map<string, Promise<boolean>>()
    const consent = this.#d.consent.index(spaceId)
    if (!consent) return sent
    // Only a change to the space's grants, revocations or documents is news to other peers.
    const { grants, revocations } = this.#d.consent.envelopes(spaceId)
    const key = `${grants.length}:${revocations.length}:${this.#d.consent.spaces.docsOf(spaceId).sort().join(',')}`
    if (this.#pushed.get(spaceId) === key) return sent
    this.#pushed.set(spaceId, key)
    const involved = consent.involved()
    const seen = new Set<string>()
    for (const c of this.#d.node.getConnections()) {
      const peer = c.remotePeer.toString()
      if (seen.has(peer)) continue
      seen.add(peer)
      const did = this.#d.consent.didOf(peer)
      if (did && involved.has(did)) sent.set(peer, this.send(c.remotePeer))
    }
    return sent
  }

  /** Opens a hello stream to `peer` and sends what concerns it. */
  /** Sends this peer's hello to `peer`; true once it has gone, false if it could not be sent (never throws). */
  async send(peer: PeerId): Promise<boolean> {
    const did = this.#d.consent.didOf(peer.toString())
    if (!did) return false
    try {
      const stream = await this.#d.node.dialProtocol(peer, HELLO_PROTOCOL, { signal: AbortSignal.timeout(HELLO_TIMEOUT_MS) })
      const { revocations, proofs } = this.#compose(did)
      stream.send(encodeFrame(dagCbor.encode(revocations)))
      stream.send(encodeFrame(dagCbor.encode(proofs)))
      await stream.close({ signal: AbortSignal.timeout(HELLO_TIMEOUT_MS) })
      // The remote closes its end once it has taken the hello in: only then has it been told (a
      // connection closed as soon as the bytes were written could lose them on a busy machine).
      const timeout = AbortSignal.timeout(HELLO_TIMEOUT_MS)
      const onTimeout = (): void => stream.abort(new Error('no answer to the hello'))
      timeout.addEventListener('abort', onTimeout, { once: true })
      try {
        for await (const chunk of stream) void chunk
      } finally {
        timeout.removeEventListener('abort', onTimeout)
      }
      return stream.remoteWriteStatus === 'closed'
    } catch (err) {
      this.#d.log.debug('hello not sent', { peer: peer.toString(), error: String(err) })
      return false
    }
  }

  readonly #onOpen = (evt: CustomEvent<Connection>): void => {
    const peer = evt.detail.remotePeer
    if (this.#d.node.getConnections(peer).length > 1) return
    // A slot already here belongs to this connection (the last close removed the one before):
    // the sync layer, whose listener may run first, is already waiting on it, or the peer's
    // hello has already been answered. Replacing it would strand that wait until the timeout.
    this.#slot(peer.toString())
    void this.send(peer)
  }

  readonly #onClose = (evt: CustomEvent<Connection>): void => {
    const peer = evt.detail.remotePeer
    if (this.#d.node.getConnections(peer).length > 0) return
    this.#received.get(peer.toString())?.resolve()
    this.#received.delete(peer.toString())
  }

  /** Marks a peer's hello as processed, unless its connection has closed meanwhile (a late answer must not pass for the next connection's). */
  #answered(connection: Connection): void {
    if (connection.status === 'open') this.#slot(connection.remotePeer.toString()).resolve()
  }

  #slot(peer: string): { promise: Promise<void>; resolve: () => void } {
    let slot = this.#received.get(peer)
    if (!slot) {
      let resolve: () => void = () => {}
      const promise = new Promise<void>((r) => { resolve = r })
      slot = { promise, resolve }
      this.#received.set(peer, slot)
    }
    return slot
  }

  #compose(did: Did): { revocations: RevocationsFrame; proofs: ProofsFrame } {
    const m = this.#d.consent
    const now = Date.now()
    const revocations: RevocationsFrame = { v: 1, revocations: [] }
    const proofs: ProofsFrame = { v: 1, proofs: [], catalog: [] }
    for (const spaceId of m.spaces.spaceIds()) {
      const consent = m.index(spaceId)
      if (!consent || !consent.involved().has(did)) continue
      for (const r of m.envelopes(spaceId).revocations) {
        if (consent.revoked.has(r.payload.target)) revocations.revocations.push({ space: spaceId, bytes: r.bytes })
      }
      const theirs = consent.chainsOf(did, now)
      for (const c of [...consent.chainsOf(this.#d.myDid, now), ...theirs]) {
        proofs.proofs.push({ space: spaceId, chain: c.grants.map((g) => g.bytes) })
      }
      const partial = theirs.length > 0 && !theirs.some((c) => c.docs.includes(ALL_DOCS))
      if (m.spaces.isMember(spaceId) && partial) {
        const wanted = new Set(theirs.flatMap((c) => c.docs))
        const collections = m.spaces.catalog(spaceId, wanted)
        // Documents granted one by one go under their collection (a page granted by id is a page to its guest).
        for (const d of wanted) {
          if (!m.spaces.spacesOfDoc(d).has(spaceId)) continue
          const list = (collections[m.spaces.collectionOf(spaceId, d) ?? ''] ??= [])
          if (!list.includes(d)) list.push(d)
        }
        proofs.catalog.push({ space: spaceId, root: consent.root, name: m.spaces.name(spaceId) ?? '', collections })
      }
    }
    return { revocations, proofs }
  }

  async #answer(stream: Stream, connection: Connection): Promise<void> {
    const peer = connection.remotePeer.toString() as PeerIdString
    const frames = readFrames(stream, MAX_HELLO_FRAME_BYTES, AbortSignal.timeout(HELLO_TIMEOUT_MS * 2))
    const first = await frames.next()
    if (first.done) {
      await stream.close({ signal: AbortSignal.timeout(HELLO_TIMEOUT_MS) }).catch(() => {})
      return
    }
    await this.#takeRevocations(peer, first.value)
    const second = await frames.next()
    if (!second.done) await this.#takeProofs(peer, second.value)
    this.#answered(connection)
    // Closing our end tells the sender its hello has been taken in.
    await stream.close({ signal: AbortSignal.timeout(HELLO_TIMEOUT_MS) }).catch(() => {})
  }

  async #takeRevocations(peer: PeerIdString, bytes: Uint8Array): Promise<void> {
    const frame = dagCbor.decode(bytes) as Partial<RevocationsFrame>
    if (frame.v !== 1 || !Array.isArray(frame.revocations)) throw new Error('malformed revocations frame')
    // Only a peer that holds standing here is listened to; a stranger let in to join has nothing to say.
    if (!this.#d.consent.knows(peer)) return
    const bySpace = new Map<SpaceId, Uint8Array[]>()
    for (const r of frame.revocations.slice(0, MAX_ITEMS)) {
      if (typeof r?.space !== 'string' || !(r.bytes instanceof Uint8Array) || r.bytes.byteLength > MAX_ENVELOPE_BYTES) continue
      const consent = this.#d.consent.index(r.space as SpaceId)
      if (!consent) continue
      const list = bySpace.get(r.space as SpaceId) ?? []
      list.push(r.bytes)
      bySpace.set(r.space as SpaceId, list)
    }
    for (const [spaceId, revocations] of bySpace) {
      const involved = this.#d.consent.index(spaceId)?.involved() ?? new Set()
      const { added } = await this.#d.consent.addEnvelopes(spaceId, { revocations }, `hello:${peer}`, (iss) => involved.has(iss))
      // The entry names the grant revoked (as `grants SPACE` and the issuer's own `grant-revoked` do), not the revocation's envelope id.
      const byId = new Map(this.#d.consent.envelopes(spaceId).revocations.map((r) => [r.id, r]))
      for (const id of added) {
        const r = byId.get(id)
        this.#d.audit.record({ kind: AuditKind.RevocationReceived, spaceId, peer, grantId: r?.payload.target ?? id, ...(r ? { did: r.payload.iss, detail: `revocation ${id}` } : {}) })
      }
    }
  }

  async #takeProofs(peer: PeerIdString, bytes: Uint8Array): Promise<void> {
    const frame = dagCbor.decode(bytes) as Partial<ProofsFrame>
    if (frame.v !== 1 || !Array.isArray(frame.proofs) || !Array.isArray(frame.catalog)) throw new Error('malformed proofs frame')
    const m = this.#d.consent
    const sender = m.didOf(peer)
    if (!sender || !m.knows(peer)) return
    const catalog = new Map<string, CatalogEntry>()
    for (const c of frame.catalog.slice(0, MAX_CATALOG)) if (typeof c?.space === 'string') catalog.set(c.space, c)
    for (const p of frame.proofs.slice(0, MAX_ITEMS)) {
      if (typeof p?.space !== 'string' || !Array.isArray(p.chain) || p.chain.length === 0 || p.chain.length > MAX_CHAIN_LENGTH) continue
      if (!p.chain.every((e) => e instanceof Uint8Array && e.byteLength <= MAX_ENVELOPE_BYTES)) continue
      const spaceId = p.space as SpaceId
      const consent = m.index(spaceId)
      if (!consent) {
        await this.#maybeGuest(peer, sender, spaceId, p.chain, catalog.get(spaceId))
        continue
      }
      // Kept only as a whole chain from this space's root: junk cannot pile up in the log.
      const verdict = verifyChain(p.chain, { space: spaceId, root: consent.root, now: Date.now(), isRevoked: (id) => consent.revoked.has(id), crypto: this.#d.crypto })
      if (!verdict.ok) continue
      const { added } = await m.addEnvelopes(spaceId, { grants: p.chain }, `hello:${peer}`)
      for (const id of added) {
        const g = m.grantById(id)
        if (g?.payload.aud === this.#d.myDid) this.#d.audit.record({ kind: AuditKind.GrantReceived, spaceId, peer, grantId: id, did: g.payload.iss })
      }
    }
    // A guest takes the list of documents its grant covers from its granter or the space's root only.
    for (const [space, c] of catalog) {
      const guest = m.spaces.guest(space as SpaceId)
      if (!guest || (peer !== guest.granter && sender !== m.spaces.root(space as SpaceId))) continue
      const collections = cleanCollections(c.collections)
      if (JSON.stringify(collections) === JSON.stringify(guest.collections)) continue
      const next = { ...guest, collections }
      await this.#d.guests.setGuest(space as SpaceId, next)
      m.setGuestSpace(space as SpaceId, next)
    }
  }

  /** A chain for a space this peer is not in: kept only when it ends here and the sender granted its last link. */
  async #maybeGuest(peer: PeerIdString, sender: Did, spaceId: SpaceId, chain: Uint8Array[], entry: CatalogEntry | undefined): Promise<void> {
    if (!entry || typeof entry.root !== 'string' || typeof entry.name !== 'string') return
    if (Object.keys(this.#d.guests.guests).length >= MAX_GUEST_SPACES || this.#d.guests.leftAt(spaceId) !== undefined) return
    const verdict = verifyChain(chain, {
      space: spaceId, root: entry.root as Did, audience: this.#d.myDid, now: Date.now(), isRevoked: () => false, crypto: this.#d.crypto,
    })
    if (!verdict.ok) {
      this.#d.log.info('a grant offered over hello was refused', { peer, spaceId, code: verdict.error.code })
      return
    }
    if (verdict.value.grants.at(-1)?.payload.iss !== sender) return
    // The name is the granter's word, not signed: a hint, kept free of control characters.
    await acceptGuestSpace(this.#d, spaceId, { root: entry.root, name: entry.name.replace(STEERING_CHARS, '').slice(0, 120), granter: peer, collections: cleanCollections(entry.collections) }, chain, `hello:${peer}`)
    this.#d.onGuestSpace(spaceId)
  }
}

/**
 * Records a space this peer holds a grant to: its root (in the guest record, not pinned: a later
 * join by invite decides the root of a space this peer becomes a member of), its chain in the
 * log, its documents indexed.
 */
export async function acceptGuestSpace(
  d: Pick<HelloDeps, 'guests' | 'consent' | 'audit'>, spaceId: SpaceId, guest: { root: string; name: string; granter: string; collections: Record<string, string[]> },
  chain: Uint8Array[], source: string,
): Promise<void> {
  if (d.consent.spaces.isMember(spaceId)) throw new Error('this peer is a member of that space already')
  await d.guests.setGuest(spaceId, guest)
  d.consent.setGuestSpace(spaceId, guest)
  const { added } = await d.consent.addEnvelopes(spaceId, { grants: chain }, source)
  for (const id of added) d.audit.record({ kind: AuditKind.GrantReceived, spaceId, grantId: id, detail: source })
}

function cleanCollections(raw: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  if (typeof raw !== 'object' || raw === null) return out
  for (const [name, ids] of Object.entries(raw as Record<string, unknown>).slice(0, 16)) {
    if (name.length > 128 || !Array.isArray(ids)) continue
    out[name] = ids.filter((id): id is string => typeof id === 'string' && id.length <= 128).slice(0, MAX_GUEST_DOCS)
  }
  return out
}
