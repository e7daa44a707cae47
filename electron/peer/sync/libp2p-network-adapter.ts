/**
 * automerge-repo NetworkAdapter over libp2p streams, protocol `/commonweave/sync/1.0.0`.
 *
 * Invariants:
 * - One stream per direction. Each side sends only on the stream it opened (handshake frame
 *   first, then messages) and reads only the stream the other side opened. Both ends run the
 *   same code and no tie-break is needed: when a dial fails because the other side has not
 *   registered the protocol yet, the other side's stream arrives later and we dial back then.
 *   A link ties the two streams of one remote libp2p peer together; losing either stream, or
 *   the dial back, ends the whole link.
 * - Identity: the repo peer id a remote claims in its handshake is bound to its link for the
 *   link's lifetime. In 'authenticated' mode it must equal the Noise-authenticated libp2p
 *   peer id; in 'bound' mode an id already bound to another libp2p peer is refused. Every
 *   inbound message's `senderId` is the bound id, never the one in the message (honest repos
 *   relay ephemeral messages with the originator's id, so a mismatch is not itself an
 *   error), and a message whose `targetId` is not our repo peer id is dropped.
 * - Input from the network never throws out of this module: a framing, CBOR, handshake or
 *   shape error is logged and aborts that peer's link, as if it had disconnected.
 * - `peer-candidate` at most once per link, on its handshake; `peer-disconnected` exactly once
 *   for each link that was announced, whatever ends it.
 * - Policy (optional): a link to a peer is dialled, and its inbound stream read, only after
 *   `policy.admit` said yes for that peer (which waits for the consent hello); each inbound
 *   message passes `policy.accept` before the repo sees it; `reconsider` asks again.
 * - Sending (send-queue.ts): frames queued in one tick are coalesced into one `send`; each
 *   link has a single writer that waits for `drain`; a link holding more than
 *   `maxQueuedBytes` is aborted rather than buffered without limit. After `disconnect()`
 *   nothing is sent.
 */
import { NetworkAdapter, cbor } from '@automerge/automerge-repo'
import type { Message, PeerId as RepoPeerId, PeerMetadata } from '@automerge/automerge-repo'
import type { AbortOptions, Connection, PeerId, Stream, StreamHandler, StreamHandlerOptions } from '@libp2p/interface'
import { FrameDecoder, FrameError, encodeFrame } from './frame-codec.ts'
import { SyncErrorCode, SyncProtocolError } from './sync-protocol-error.ts'
import { parseHandshake, parseMessage } from './sync-messages.ts'
import { SendQueue } from './send-queue.ts'
import { ReadyLatch } from './ready-latch.ts'

export { SyncErrorCode, SyncProtocolError }

export const SYNC_PROTOCOL = '/commonweave/sync/1.0.0'
const MiB = 1024 * 1024

/** The libp2p node methods the adapter uses; a `Libp2p` instance satisfies it. */
export interface SyncNode {
  readonly peerId: PeerId
  handle(protocol: string, handler: StreamHandler, options?: StreamHandlerOptions): Promise<void>
  unhandle(protocol: string): Promise<void>
  dialProtocol(peer: PeerId, protocol: string, options?: AbortOptions): Promise<Stream>
  getConnections(peer?: PeerId): Connection[]
  addEventListener(type: 'connection:open' | 'connection:close', listener: (evt: CustomEvent<Connection>) => void): void
  removeEventListener(type: 'connection:open' | 'connection:close', listener: (evt: CustomEvent<Connection>) => void): void
}

/** What the sync layer enforces, injected: who may sync at all, and which inbound messages pass. */
export interface SyncPolicy {
  /** Whether this peer may sync; may wait (e.g. for the consent hello). A `false` ends the link. */
  admit(remote: PeerId): Promise<boolean>
  /** Whether an inbound message reaches the repo; the policy logs what it drops. */
  accept(remote: string, message: Message): boolean
  /** Told of every message queued for a peer (for the audit log). */
  sent(remote: string, message: Message): void
}

/** 'authenticated': the claimed repo peer id must be the libp2p peer id. 'bound': any id, bound to its connection. */
export type PeerIdMode = 'authenticated' | 'bound'
export type SyncLog = (event: string, data?: Record<string, unknown>) => void

export interface Libp2pNetworkAdapterOptions {
  node: SyncNode
  protocol?: string
  /** Largest frame accepted or sent. Default 8 MiB. */
  maxFrameBytes?: number
  /** Bytes held for one peer before its link is aborted. Default 64 MiB. */
  maxQueuedBytes?: number
  /** Default 'authenticated'. 'bound' exists for suites that use made-up repo peer ids. */
  peerIdMode?: PeerIdMode
  /** A remote that sends no handshake within this time is dropped. Default 10 s. */
  handshakeTimeoutMs?: number
  /** `whenReady()` resolves at the latest this long after `connect()`. Default 1 s. */
  readyTimeoutMs?: number
  log?: SyncLog
  policy?: SyncPolicy
}

/** Both streams to one remote libp2p peer, and what we know of it. */
interface Link {
  readonly remote: string
  readonly remotePeer: PeerId
  out?: Stream
  dialing: boolean
  inbound?: Stream
  inboundConnId?: string
  repoPeerId?: RepoPeerId
  closed: boolean
  /** What we send it, on `out` once dialled. */
  sending: SendQueue
  handshakeTimer?: ReturnType<typeof setTimeout>
}

/** Syncs an automerge-repo `Repo` with the peers of a libp2p node. */
export class Libp2pNetworkAdapter extends NetworkAdapter {
  readonly #node: SyncNode
  readonly #opts: Required<Omit<Libp2pNetworkAdapterOptions, 'node' | 'log' | 'policy'>>
  readonly #log: SyncLog
  readonly #policy: SyncPolicy | undefined
  /** Per remote libp2p peer: the policy's answer for its current connections. */
  readonly #admissions = new Map<string, Promise<boolean>>()
  /** Bumped by every connect and disconnect, so late callbacks of an older session do nothing. */
  #gen = 0
  #connected = false
  #listening = false
  /** Serialises handle/unhandle calls, so a quick disconnect-connect never leaves them out of order. */
  #registrations: Promise<void> = Promise.resolve()
  readonly #links = new Map<string, Link>()
  readonly #bound = new Map<RepoPeerId, Link>()
  readonly #ready = new ReadyLatch()

  constructor(opts: Libp2pNetworkAdapterOptions) {
    super()
    this.#node = opts.node
    this.#opts = {
      protocol: opts.protocol ?? SYNC_PROTOCOL,
      maxFrameBytes: opts.maxFrameBytes ?? 8 * MiB,
      maxQueuedBytes: opts.maxQueuedBytes ?? 64 * MiB,
      peerIdMode: opts.peerIdMode ?? 'authenticated',
      handshakeTimeoutMs: opts.handshakeTimeoutMs ?? 10_000,
      readyTimeoutMs: opts.readyTimeoutMs ?? 1_000,
    }
    this.#policy = opts.policy
    const log = opts.log ?? (() => {})
    this.#log = (event, data) => { try { log(event, data) } catch { /* a broken logger must not break sync */ } }
  }

  /** True once every connection present at `connect()` has handshaken or failed, or the ready timeout passed. */
  isReady(): boolean {
    return this.#ready.ready
  }

  whenReady(): Promise<void> {
    return this.#ready.whenReady()
  }

  /** Registers the protocol handler and opens our stream to every connected peer, now and later. */
  connect(peerId: RepoPeerId, peerMetadata?: PeerMetadata): void {
    if (this.#connected) this.#shutdown('reconnect')
    this.#ready.reset()
    this.peerId = peerId
    this.peerMetadata = peerMetadata ?? {}
    this.#connected = true
    const gen = ++this.#gen
    if (this.#opts.peerIdMode === 'authenticated' && peerId !== this.#node.peerId.toString()) {
      this.#log('local-peer-id-mismatch', { peerId, libp2pPeerId: this.#node.peerId.toString() })
    }
    this.#node.addEventListener('connection:open', this.#onConnectionOpen)
    this.#node.addEventListener('connection:close', this.#onConnectionClose)
    const handler: StreamHandler = (stream, connection) => { this.#onInbound(gen, stream, connection) }
    const registered = this.#registrations.then(async () => {
      if (gen !== this.#gen) return false
      await this.#node.handle(this.#opts.protocol, handler, { force: true, maxInboundStreams: 4, maxOutboundStreams: 4 })
      return true
    })
    this.#registrations = registered.then(() => {}, () => {})
    registered
      .then(handled => {
        if (!handled || gen !== this.#gen) return
        this.#listening = true
        const initial = this.#node.getConnections().filter(c => c.status === 'open')
        this.#ready.arm(initial.map(c => c.remotePeer.toString()), this.#opts.readyTimeoutMs)
        for (const c of initial) this.#admitThenLink(c.remotePeer)
        this.#ready.settle()
      })
      .catch((err: unknown) => {
        this.#log('handle-failed', { error: String(err) })
        if (gen === this.#gen) this.#ready.open()
      })
  }

  /** Queues `message` for the link bound to its `targetId`; drops it if there is none. */
  send(message: Message): void {
    if (!this.#connected) return
    const link = this.#bound.get(message.targetId)
    const drop = (reason: string, extra: Record<string, unknown> = {}): void => {
      this.#log('send-dropped', { targetId: message.targetId, type: message.type, reason, ...extra })
    }
    if (link === undefined || link.closed) return drop('unknown-peer')
    let payload: Uint8Array
    try {
      payload = cbor.encode(message)
    } catch (err) {
      return drop('encode-failed', { error: String(err) })
    }
    if (payload.byteLength > this.#opts.maxFrameBytes) return drop('too-large', { bytes: payload.byteLength })
    if (this.#policy !== undefined) this.#guard('policy sent', () => this.#policy?.sent(link.remote, message))
    this.#enqueue(link, encodeFrame(payload))
  }

  /** Closes every link, unregisters the handler and emits `close`. `connect()` may follow. */
  disconnect(): void {
    if (!this.#connected) return
    this.#shutdown('local-disconnect')
    this.emit('close')
  }

  #shutdown(reason: string): void {
    this.#connected = false
    this.#listening = false
    this.#gen++
    this.#node.removeEventListener('connection:open', this.#onConnectionOpen)
    this.#node.removeEventListener('connection:close', this.#onConnectionClose)
    this.#ready.disarm()
    this.#registrations = this.#registrations.then(() => this.#node.unhandle(this.#opts.protocol)).catch((err: unknown) => {
      this.#log('unhandle-failed', { error: String(err) })
    })
    for (const link of [...this.#links.values()]) this.#teardown(link, reason)
    this.#admissions.clear()
  }

  /** Asks the policy again about a connected peer (its grants changed): links it if now admitted, ends its link if not. */
  reconsider(remotePeer: PeerId): void {
    if (!this.#listening || this.#policy === undefined) return
    this.#admissions.delete(remotePeer.toString())
    if (!this.#node.getConnections(remotePeer).some(c => c.status === 'open')) return
    void this.#admission(remotePeer).then(ok => {
      const link = this.#links.get(remotePeer.toString())
      if (!ok) {
        if (link !== undefined) this.#teardown(link, 'not-admitted')
      } else if (this.#listening && link === undefined) {
        this.#ensureLink(remotePeer)
      }
    })
  }

  #admission(remotePeer: PeerId): Promise<boolean> {
    if (this.#policy === undefined) return Promise.resolve(true)
    const key = remotePeer.toString()
    let answer = this.#admissions.get(key)
    if (answer === undefined) {
      answer = this.#policy.admit(remotePeer).catch((err: unknown) => {
        this.#log('internal-error', { where: 'admit', error: String(err) })
        return false
      })
      this.#admissions.set(key, answer)
    }
    return answer
  }

  #admitThenLink(remotePeer: PeerId): void {
    const gen = this.#gen
    void this.#admission(remotePeer).then(ok => {
      if (gen !== this.#gen || !this.#listening) return
      if (ok) this.#ensureLink(remotePeer)
      else this.#ready.settle(remotePeer.toString())
    })
  }

  readonly #onConnectionOpen = (evt: CustomEvent<Connection>): void => {
    this.#guard('connection:open', () => { if (this.#listening) this.#admitThenLink(evt.detail.remotePeer) })
  }

  /** Ends the link riding on a closed connection; dials again if another connection to that peer remains. */
  readonly #onConnectionClose = (evt: CustomEvent<Connection>): void => {
    this.#guard('connection:close', () => {
      const peer = evt.detail.remotePeer
      const link = this.#links.get(peer.toString())
      const stillOpen = this.#node.getConnections(peer).some(c => c.status === 'open')
      if (link !== undefined && (!stillOpen || link.inboundConnId === evt.detail.id)) this.#teardown(link, 'connection-closed')
      if (!stillOpen) this.#admissions.delete(peer.toString())
      if (this.#listening && stillOpen && !this.#links.has(peer.toString())) this.#admitThenLink(peer)
    })
  }

  #ensureLink(remotePeer: PeerId, dial = true): Link {
    let link = this.#links.get(remotePeer.toString())
    if (link === undefined) {
      const fresh: Link = {
        remote: remotePeer.toString(), remotePeer, dialing: false, closed: false,
        sending: new SendQueue(this.#opts.maxQueuedBytes, (err) => this.#teardown(fresh, 'send-failed', err)),
      }
      link = fresh
      this.#links.set(link.remote, link)
    }
    if (dial && link.out === undefined && !link.dialing) this.#dial(link)
    return link
  }

  #dial(link: Link): void {
    link.dialing = true
    this.#node.dialProtocol(link.remotePeer, this.#opts.protocol).then(stream => {
      link.dialing = false
      if (link.closed) return stream.abort(new Error('link closed while dialing'))
      link.out = stream
      stream.addEventListener('close', () => { this.#teardown(link, 'outbound-closed') })
      stream.addEventListener('message', () => {
        this.#teardown(link, 'unexpected-data', new SyncProtocolError(SyncErrorCode.UnexpectedData, 'data on our send-only stream'))
      })
      if (stream.status !== 'open') return this.#teardown(link, 'outbound-closed')
      link.sending.start(stream, encodeFrame(cbor.encode({ v: 1, peerId: this.peerId, peerMetadata: this.peerMetadata ?? {} })))
    }, (err: unknown) => {
      link.dialing = false
      if (link.closed) return
      this.#log('dial-failed', { remote: link.remote, error: String(err) })
      this.#teardown(link, 'dial-failed')
    }).catch((err: unknown) => { this.#log('internal-error', { where: 'dial', error: String(err) }) })
  }

  #onInbound(gen: number, stream: Stream, connection: Connection): void {
    try {
      if (gen !== this.#gen || !this.#connected) return stream.abort(new Error('sync adapter is not connected'))
      const existing = this.#links.get(connection.remotePeer.toString())
      // A second inbound stream means the remote started a new session: the old one is over.
      if (existing?.inbound !== undefined) this.#teardown(existing, 'superseded')
      const link = this.#ensureLink(connection.remotePeer, this.#policy === undefined)
      link.inbound = stream
      link.inboundConnId = connection.id
      link.handshakeTimer = setTimeout(() => {
        this.#teardown(link, 'handshake-timeout', new SyncProtocolError(SyncErrorCode.HandshakeTimeout, 'no handshake'))
      }, this.#opts.handshakeTimeoutMs)
      link.handshakeTimer.unref?.()
      void this.#readLoop(link, stream)
    } catch (err) {
      this.#log('internal-error', { where: 'inbound', error: String(err) })
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }

  async #readLoop(link: Link, stream: Stream): Promise<void> {
    const decoder = new FrameDecoder({ maxFrameBytes: this.#opts.maxFrameBytes })
    if (this.#policy !== undefined) {
      // Nothing of this peer's is read, and nothing sent to it, before the policy admits it.
      const admitted = await this.#admission(link.remotePeer)
      if (link.closed) return
      if (!admitted) return this.#teardown(link, 'not-admitted')
      if (link.out === undefined && !link.dialing) this.#dial(link)
    }
    try {
      for await (const chunk of stream) {
        for (const frame of decoder.decode(chunk)) {
          if (link.closed) return
          this.#onFrame(link, frame)
        }
        if (link.closed) return
      }
      decoder.end()
      this.#teardown(link, 'inbound-ended')
    } catch (err) {
      this.#teardown(link, 'inbound-error', err)
    }
  }

  /** Handles one frame of a link's inbound stream; throws `SyncProtocolError` on bad input. */
  #onFrame(link: Link, frame: Uint8Array): void {
    let value: unknown
    try {
      value = cbor.decode(frame)
    } catch (err) {
      throw new SyncProtocolError(SyncErrorCode.CborInvalid, `undecodable frame: ${String(err)}`)
    }
    if (link.repoPeerId === undefined) return this.#onHandshake(link, value)
    const message = parseMessage(value)
    if (message === undefined || message.targetId !== this.peerId) {
      const reason = message === undefined ? 'unknown-type' : 'wrong-target'
      return this.#log('message-dropped', { remote: link.remote, peerId: link.repoPeerId, reason })
    }
    const claimed = (value as Record<string, unknown>)['senderId']
    if (claimed !== link.repoPeerId) {
      this.#log('sender-overwritten', { remote: link.remote, peerId: link.repoPeerId, claimed: String(claimed) })
    }
    message.senderId = link.repoPeerId
    if (this.#policy !== undefined) {
      let pass = false
      this.#guard('policy accept', () => { pass = this.#policy?.accept(link.remote, message) ?? false })
      if (!pass) return
    }
    this.#guard('message listener', () => this.emit('message', message))
  }

  #onHandshake(link: Link, value: unknown): void {
    const hello = parseHandshake(value)
    if (this.#opts.peerIdMode === 'authenticated' && hello.peerId !== link.remote) {
      throw new SyncProtocolError(SyncErrorCode.PeerIdMismatch, `claimed ${hello.peerId} over a connection authenticated as ${link.remote}`)
    }
    const holder = this.#bound.get(hello.peerId)
    if (hello.peerId === this.peerId || (holder !== undefined && holder !== link)) {
      throw new SyncProtocolError(SyncErrorCode.PeerIdConflict, `peer id ${hello.peerId} is already bound`)
    }
    clearTimeout(link.handshakeTimer)
    link.repoPeerId = hello.peerId
    this.#bound.set(hello.peerId, link)
    this.#log('peer-candidate', { remote: link.remote, peerId: hello.peerId })
    this.#guard('peer-candidate listener', () => this.emit('peer-candidate', hello))
    this.#ready.settle(link.remote)
  }

  /** Ends a link once: aborts its streams, unbinds its id, reports `peer-disconnected` if it was announced. */
  #teardown(link: Link, reason: string, err?: unknown): void {
    if (link.closed) return
    link.closed = true
    clearTimeout(link.handshakeTimer)
    if (this.#links.get(link.remote) === link) this.#links.delete(link.remote)
    if (link.repoPeerId !== undefined && this.#bound.get(link.repoPeerId) === link) this.#bound.delete(link.repoPeerId)
    link.sending.close()
    const cause = err instanceof Error ? err : new Error(`sync link closed: ${reason}`)
    for (const stream of [link.inbound, link.out]) {
      try { stream?.abort(cause) } catch { /* already closed */ }
    }
    const data = { remote: link.remote, peerId: link.repoPeerId, reason }
    if (err instanceof FrameError || err instanceof SyncProtocolError) {
      this.#log('stream-rejected', { ...data, code: err.code, error: err.message })
    } else {
      this.#log('link-closed', err === undefined ? data : { ...data, error: String(err) })
    }
    this.#ready.settle(link.remote)
    const peerId = link.repoPeerId
    if (peerId !== undefined) this.#guard('peer-disconnected listener', () => this.emit('peer-disconnected', { peerId }))
  }

  #enqueue(link: Link, frame: Uint8Array): void {
    const held = link.sending.held
    if (link.sending.push(frame)) return
    this.#teardown(link, 'send-queue-overflow', new SyncProtocolError(SyncErrorCode.SendQueueOverflow, `${held} bytes already held for this peer`))
  }

  /** Runs `fn`, logging instead of throwing: event listeners fed by the network must not throw. */
  #guard(where: string, fn: () => void): void {
    try {
      fn()
    } catch (err) {
      this.#log('internal-error', { where, error: String(err) })
    }
  }
}
