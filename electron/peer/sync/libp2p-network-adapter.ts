/**
 * automerge-repo NetworkAdapter over libp2p streams, protocol `/commonweave/sync/1.0.0`.
 *
 * Invariants:
 * - One stream per direction. Each side sends only on the stream it opened (handshake frame
 *   first, then messages) and reads only the stream the other side opened. No tie-break is
 *   needed, both ends run the same code, and when one side's dial fails because the other
 *   has not registered the protocol yet, that side dials again when the other's stream
 *   arrives. A `Link` ties the two streams of one remote libp2p peer together; losing
 *   either stream, or the dial back, ends the whole link.
 * - Identity: the peer id a remote claims in its handshake is bound to its link for the
 *   link's lifetime. In 'authenticated' mode it must equal the Noise-authenticated libp2p
 *   peer id; in 'bound' mode a claim already bound to another libp2p peer is refused.
 *   Every inbound message's `senderId` is the bound id, never the one in the message, and a
 *   message whose `targetId` is not our repo peer id is dropped.
 * - Input from the network never throws out of this module: a framing, CBOR, handshake or
 *   shape error is logged and aborts that peer's link, as if it had disconnected.
 * - `peer-candidate` at most once per link (on its handshake), and `peer-disconnected`
 *   exactly once for a link that was announced, whatever ends it.
 * - Sending: frames queued in one tick are coalesced into one `send`, writes per stream are
 *   serialised and wait for `drain`, and a link whose queued bytes pass `maxQueuedBytes` is
 *   aborted rather than buffered without limit. After `disconnect()` nothing is sent.
 */
import { NetworkAdapter, cbor, isValidDocumentId } from '@automerge/automerge-repo'
import type { Message, PeerId as RepoPeerId, PeerMetadata } from '@automerge/automerge-repo'
import type { AbortOptions, Connection, PeerId, Stream, StreamHandler, StreamHandlerOptions } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import { FrameDecoder, FrameError, encodeFrame } from './frame-codec.ts'

export const SYNC_PROTOCOL = '/commonweave/sync/1.0.0'
const MiB = 1024 * 1024
const MAX_ID_CHARS = 256

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

/** 'authenticated': claimed repo peer id must be the libp2p peer id. 'bound': any id, bound per connection. */
export type PeerIdMode = 'authenticated' | 'bound'
export type SyncLog = (event: string, data?: Record<string, unknown>) => void

export interface Libp2pNetworkAdapterOptions {
  node: SyncNode
  protocol?: string
  /** Largest frame accepted or sent. Default 8 MiB. */
  maxFrameBytes?: number
  /** Bytes queued for one peer before its link is aborted. Default 64 MiB. */
  maxQueuedBytes?: number
  /** Default 'authenticated'. 'bound' exists for test suites that use made-up repo peer ids. */
  peerIdMode?: PeerIdMode
  /** A remote that sends no handshake within this time is dropped. Default 10 s. */
  handshakeTimeoutMs?: number
  /** `whenReady()` resolves at the latest this long after `connect()`. Default 1 s. */
  readyTimeoutMs?: number
  log?: SyncLog
}

export const SyncErrorCode = {
  CborInvalid: 'CBOR_INVALID',
  HandshakeInvalid: 'HANDSHAKE_INVALID',
  HandshakeTimeout: 'HANDSHAKE_TIMEOUT',
  PeerIdMismatch: 'PEER_ID_MISMATCH',
  PeerIdConflict: 'PEER_ID_CONFLICT',
  MessageInvalid: 'MESSAGE_INVALID',
  UnexpectedData: 'UNEXPECTED_DATA',
  SendQueueOverflow: 'SEND_QUEUE_OVERFLOW',
} as const
export type SyncErrorCode = (typeof SyncErrorCode)[keyof typeof SyncErrorCode]

/** A remote broke the sync protocol; its link is aborted with this error. */
export class SyncProtocolError extends Error {
  readonly code: SyncErrorCode
  constructor(code: SyncErrorCode, message: string) {
    super(message)
    this.name = 'SyncProtocolError'
    this.code = code
  }
}

interface Link {
  readonly remote: string
  readonly remotePeer: PeerId
  out?: Stream
  dialing: boolean
  inbound?: Stream
  inboundConnId?: string
  repoPeerId?: RepoPeerId
  announced: boolean
  closed: boolean
  queue: Uint8Array[]
  queuedBytes: number
  flushing: boolean
  flushScheduled: boolean
  handshakeTimer?: ReturnType<typeof setTimeout>
}

/** Syncs an automerge-repo `Repo` with the peers of a libp2p node. */
export class Libp2pNetworkAdapter extends NetworkAdapter {
  readonly #node: SyncNode
  readonly #protocol: string
  readonly #maxFrameBytes: number
  readonly #maxQueuedBytes: number
  readonly #mode: PeerIdMode
  readonly #handshakeTimeoutMs: number
  readonly #readyTimeoutMs: number
  readonly #log: SyncLog
  #gen = 0
  #connected = false
  #listening = false
  #unhandled: Promise<void> = Promise.resolve()
  readonly #links = new Map<string, Link>()
  readonly #bound = new Map<RepoPeerId, Link>()
  #ready = false
  #resolveReady: () => void = () => {}
  #readyPromise = new Promise<void>(resolve => { this.#resolveReady = resolve })
  #readyTimer: ReturnType<typeof setTimeout> | undefined
  readonly #awaitingReady = new Set<string>()

  constructor(opts: Libp2pNetworkAdapterOptions) {
    super()
    this.#node = opts.node
    this.#protocol = opts.protocol ?? SYNC_PROTOCOL
    this.#maxFrameBytes = opts.maxFrameBytes ?? 8 * MiB
    this.#maxQueuedBytes = opts.maxQueuedBytes ?? 64 * MiB
    this.#mode = opts.peerIdMode ?? 'authenticated'
    this.#handshakeTimeoutMs = opts.handshakeTimeoutMs ?? 10_000
    this.#readyTimeoutMs = opts.readyTimeoutMs ?? 1_000
    this.#log = opts.log ?? (() => {})
  }

  /** True once the connections present at `connect()` have handshaken or failed, or the ready timeout passed. */
  isReady(): boolean {
    return this.#ready
  }

  whenReady(): Promise<void> {
    return this.#readyPromise
  }

  /** Registers the protocol handler and opens our stream to every connected peer, now and later. */
  connect(peerId: RepoPeerId, peerMetadata?: PeerMetadata): void {
    if (this.#connected) this.#shutdown('reconnect')
    if (this.#ready) {
      this.#ready = false
      this.#readyPromise = new Promise<void>(resolve => { this.#resolveReady = resolve })
    }
    this.peerId = peerId
    this.peerMetadata = peerMetadata ?? {}
    this.#connected = true
    const gen = ++this.#gen
    if (this.#mode === 'authenticated' && peerId !== this.#node.peerId.toString()) {
      this.#log('local-peer-id-mismatch', { peerId, libp2pPeerId: this.#node.peerId.toString() })
    }
    this.#node.addEventListener('connection:open', this.#onConnectionOpen)
    this.#node.addEventListener('connection:close', this.#onConnectionClose)
    const handler: StreamHandler = (stream, connection) => this.#onInbound(gen, stream, connection)
    this.#unhandled
      .then(() => this.#node.handle(this.#protocol, handler, { force: true, maxInboundStreams: 4, maxOutboundStreams: 4 }))
      .then(() => {
        if (gen !== this.#gen) return
        this.#listening = true
        const initial = this.#node.getConnections().filter(c => c.status === 'open')
        for (const c of initial) this.#awaitingReady.add(c.remotePeer.toString())
        this.#readyTimer = setTimeout(() => this.#markReady(), this.#readyTimeoutMs)
        this.#readyTimer.unref?.()
        for (const c of initial) this.#ensureLink(c.remotePeer)
        this.#settleReady(undefined)
      })
      .catch((err: unknown) => {
        this.#log('handle-failed', { error: String(err) })
        if (gen === this.#gen) this.#markReady()
      })
  }

  /** Sends to the link bound to `message.targetId`; drops the message if there is none. */
  send(message: Message): void {
    if (!this.#connected) return
    const link = this.#bound.get(message.targetId)
    if (link === undefined || link.closed) {
      this.#log('send-dropped', { targetId: message.targetId, reason: 'unknown-peer' })
      return
    }
    let payload: Uint8Array
    try {
      payload = cbor.encode(message)
    } catch (err) {
      this.#log('send-dropped', { targetId: message.targetId, reason: 'encode-failed', error: String(err) })
      return
    }
    if (payload.byteLength > this.#maxFrameBytes) {
      this.#log('send-dropped', { targetId: message.targetId, reason: 'too-large', bytes: payload.byteLength })
      return
    }
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
    clearTimeout(this.#readyTimer)
    this.#awaitingReady.clear()
    this.#unhandled = this.#node.unhandle(this.#protocol).catch((err: unknown) => {
      this.#log('unhandle-failed', { error: String(err) })
    })
    for (const link of [...this.#links.values()]) this.#teardown(link, reason)
  }

  readonly #onConnectionOpen = (evt: CustomEvent<Connection>): void => {
    if (this.#listening) this.#ensureLink(evt.detail.remotePeer)
  }

  readonly #onConnectionClose = (evt: CustomEvent<Connection>): void => {
    const conn = evt.detail
    const remote = conn.remotePeer.toString()
    const link = this.#links.get(remote)
    if (link !== undefined && link.inboundConnId === conn.id) this.#teardown(link, 'connection-closed')
    if (!this.#listening) return
    const stillOpen = this.#node.getConnections(conn.remotePeer).some(c => c.status === 'open')
    const current = this.#links.get(remote)
    if (!stillOpen && current !== undefined) this.#teardown(current, 'connection-closed')
    else if (stillOpen && current === undefined) this.#ensureLink(conn.remotePeer)
  }

  #newLink(remotePeer: PeerId): Link {
    const link: Link = {
      remote: remotePeer.toString(), remotePeer, dialing: false, announced: false, closed: false,
      queue: [], queuedBytes: 0, flushing: false, flushScheduled: false,
    }
    this.#links.set(link.remote, link)
    return link
  }

  #ensureLink(remotePeer: PeerId): void {
    const link = this.#links.get(remotePeer.toString()) ?? this.#newLink(remotePeer)
    if (link.out === undefined && !link.dialing) this.#dial(link)
  }

  #dial(link: Link): void {
    link.dialing = true
    this.#node.dialProtocol(link.remotePeer, this.#protocol).then(stream => {
      link.dialing = false
      if (link.closed) {
        stream.abort(new Error('link closed while dialing'))
        return
      }
      link.out = stream
      stream.addEventListener('close', () => this.#teardown(link, 'outbound-closed'))
      stream.addEventListener('message', () => {
        this.#teardown(link, 'unexpected-data', new SyncProtocolError(SyncErrorCode.UnexpectedData, 'data on our send-only stream'))
      })
      if (stream.status !== 'open') {
        this.#teardown(link, 'outbound-closed')
        return
      }
      const hello = encodeFrame(cbor.encode({ v: 1, peerId: this.peerId, peerMetadata: this.peerMetadata ?? {} }))
      link.queue.unshift(hello)
      link.queuedBytes += hello.byteLength
      this.#scheduleFlush(link)
    }, (err: unknown) => {
      link.dialing = false
      if (link.closed) return
      this.#log('dial-failed', { remote: link.remote, error: String(err) })
      this.#teardown(link, 'dial-failed')
    })
  }

  #onInbound(gen: number, stream: Stream, connection: Connection): void {
    try {
      if (gen !== this.#gen || !this.#connected) {
        stream.abort(new Error('sync adapter is not connected'))
        return
      }
      let link = this.#links.get(connection.remotePeer.toString())
      if (link?.inbound !== undefined) {
        // The remote started a new session; the old one is over.
        this.#teardown(link, 'superseded')
        link = undefined
      }
      link ??= this.#newLink(connection.remotePeer)
      const current = link
      current.inbound = stream
      current.inboundConnId = connection.id
      current.handshakeTimer = setTimeout(() => {
        this.#teardown(current, 'handshake-timeout', new SyncProtocolError(SyncErrorCode.HandshakeTimeout, 'no handshake'))
      }, this.#handshakeTimeoutMs)
      current.handshakeTimer.unref?.()
      void this.#readLoop(current, stream)
      if (current.out === undefined && !current.dialing) this.#dial(current)
    } catch (err) {
      this.#log('inbound-failed', { error: String(err) })
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }

  async #readLoop(link: Link, stream: Stream): Promise<void> {
    const decoder = new FrameDecoder({ maxFrameBytes: this.#maxFrameBytes })
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

  #onFrame(link: Link, frame: Uint8Array): void {
    let value: unknown
    try {
      value = cbor.decode(frame)
    } catch (err) {
      throw new SyncProtocolError(SyncErrorCode.CborInvalid, `undecodable frame: ${String(err)}`)
    }
    if (link.repoPeerId === undefined) {
      this.#onHandshake(link, value)
      return
    }
    const message = parseMessage(value)
    if (message === undefined) {
      this.#log('message-dropped', { remote: link.remote, reason: 'unknown-type' })
      return
    }
    if (message.targetId !== this.peerId) {
      this.#log('message-dropped', { remote: link.remote, reason: 'wrong-target', targetId: message.targetId })
      return
    }
    const claimed = (value as Record<string, unknown>)['senderId']
    if (claimed !== link.repoPeerId) {
      this.#log('sender-overwritten', { remote: link.remote, claimed: String(claimed), peerId: link.repoPeerId })
    }
    message.senderId = link.repoPeerId
    this.#emitSafely('message', () => this.emit('message', message))
  }

  #onHandshake(link: Link, value: unknown): void {
    const hello = parseHandshake(value)
    if (this.#mode === 'authenticated' && hello.peerId !== link.remote) {
      throw new SyncProtocolError(SyncErrorCode.PeerIdMismatch, `claimed ${hello.peerId} over a connection authenticated as ${link.remote}`)
    }
    const holder = this.#bound.get(hello.peerId)
    if (hello.peerId === this.peerId || (holder !== undefined && holder !== link)) {
      throw new SyncProtocolError(SyncErrorCode.PeerIdConflict, `peer id ${hello.peerId} is already bound`)
    }
    clearTimeout(link.handshakeTimer)
    link.repoPeerId = hello.peerId
    link.announced = true
    this.#bound.set(hello.peerId, link)
    this.#log('peer-candidate', { remote: link.remote, peerId: hello.peerId })
    this.#emitSafely('peer-candidate', () => this.emit('peer-candidate', hello))
    this.#settleReady(link.remote)
  }

  #emitSafely(event: string, emit: () => void): void {
    try {
      emit()
    } catch (err) {
      this.#log('listener-error', { event, error: String(err) })
    }
  }

  /** Ends a link once: aborts its streams, unbinds its id, and reports `peer-disconnected` if announced. */
  #teardown(link: Link, reason: string, err?: unknown): void {
    if (link.closed) return
    link.closed = true
    clearTimeout(link.handshakeTimer)
    if (this.#links.get(link.remote) === link) this.#links.delete(link.remote)
    if (link.repoPeerId !== undefined && this.#bound.get(link.repoPeerId) === link) this.#bound.delete(link.repoPeerId)
    link.queue = []
    link.queuedBytes = 0
    const rejected = err instanceof FrameError || err instanceof SyncProtocolError
    const cause = err instanceof Error ? err : new Error(`sync link closed: ${reason}`)
    for (const stream of [link.inbound, link.out]) {
      try {
        stream?.abort(cause)
      } catch { /* already closed */ }
    }
    const data: Record<string, unknown> = { remote: link.remote, peerId: link.repoPeerId, reason }
    if (rejected) this.#log('stream-rejected', { ...data, code: err.code, error: err.message })
    else this.#log('link-closed', err === undefined ? data : { ...data, error: String(err) })
    this.#settleReady(link.remote)
    if (link.announced && link.repoPeerId !== undefined) {
      const peerId = link.repoPeerId
      this.#emitSafely('peer-disconnected', () => this.emit('peer-disconnected', { peerId }))
    }
  }

  #enqueue(link: Link, frame: Uint8Array): void {
    const held = link.queuedBytes + (link.out?.writeBufferLength ?? 0)
    if (held + frame.byteLength > this.#maxQueuedBytes) {
      this.#teardown(link, 'send-queue-overflow', new SyncProtocolError(SyncErrorCode.SendQueueOverflow, `${held} bytes already queued`))
      return
    }
    link.queue.push(frame)
    link.queuedBytes += frame.byteLength
    this.#scheduleFlush(link)
  }

  #scheduleFlush(link: Link): void {
    if (link.flushScheduled || link.flushing) return
    link.flushScheduled = true
    queueMicrotask(() => {
      link.flushScheduled = false
      void this.#flush(link)
    })
  }

  /** The only writer of a link's stream: one batch per `send`, then `drain` when asked to wait. */
  async #flush(link: Link): Promise<void> {
    const stream = link.out
    if (stream === undefined || link.flushing || link.closed) return
    link.flushing = true
    try {
      while (!link.closed && link.queue.length > 0) {
        const batch = new Uint8ArrayList(...link.queue)
        link.queue = []
        link.queuedBytes = 0
        if (!stream.send(batch)) await stream.onDrain()
      }
    } catch (err) {
      this.#teardown(link, 'send-failed', err)
    } finally {
      link.flushing = false
    }
  }

  #settleReady(remote: string | undefined): void {
    if (remote !== undefined) this.#awaitingReady.delete(remote)
    if (this.#listening && this.#awaitingReady.size === 0) this.#markReady()
  }

  #markReady(): void {
    clearTimeout(this.#readyTimer)
    if (this.#ready) return
    this.#ready = true
    this.#resolveReady()
  }
}

type Fields = Record<string, unknown>

function invalid(what: string, code: SyncErrorCode = SyncErrorCode.MessageInvalid): never {
  throw new SyncProtocolError(code, `invalid ${what}`)
}

function record(v: unknown, what: string, code?: SyncErrorCode): Fields {
  if (typeof v !== 'object' || v === null) return invalid(what, code)
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null ? (v as Fields) : invalid(what, code)
}

function text(v: unknown, what: string, code?: SyncErrorCode): string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_CHARS ? v : invalid(what, code)
}

function bytes(v: unknown, what: string): Uint8Array {
  return v instanceof Uint8Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : invalid(what)
}

function documentId(v: unknown): string {
  return isValidDocumentId(text(v, 'documentId')) ? (v as string) : invalid('documentId')
}

function texts(v: unknown, what: string): string[] | undefined {
  if (v === undefined) return undefined
  if (!Array.isArray(v)) return invalid(what)
  return v.map(item => text(item, what))
}

function parseHandshake(v: unknown): { peerId: RepoPeerId, peerMetadata: PeerMetadata } {
  const code = SyncErrorCode.HandshakeInvalid
  const o = record(v, 'handshake', code)
  if (o['v'] !== 1) invalid('handshake version', code)
  const peerId = text(o['peerId'], 'handshake peerId', code) as RepoPeerId
  const meta = o['peerMetadata'] === undefined ? {} : record(o['peerMetadata'], 'handshake peerMetadata', code)
  const peerMetadata: PeerMetadata = {}
  if (meta['storageId'] !== undefined) peerMetadata.storageId = text(meta['storageId'], 'storageId', code) as PeerMetadata['storageId']
  if (meta['isEphemeral'] !== undefined) {
    if (typeof meta['isEphemeral'] !== 'boolean') invalid('isEphemeral', code)
    peerMetadata.isEphemeral = meta['isEphemeral']
  }
  return { peerId, peerMetadata }
}

/**
 * A fresh message holding only the fields automerge-repo reads for its type, or undefined for
 * a type it does not know. Throws `MESSAGE_INVALID` on a malformed message.
 */
function parseMessage(v: unknown): Message | undefined {
  const o = record(v, 'message')
  const type = text(o['type'], 'type')
  const out: Fields = { type, targetId: text(o['targetId'], 'targetId'), senderId: '' }
  switch (type) {
    case 'sync':
    case 'request':
      out['documentId'] = documentId(o['documentId'])
      out['data'] = bytes(o['data'], 'data')
      break
    case 'doc-unavailable':
      out['documentId'] = documentId(o['documentId'])
      break
    case 'ephemeral': {
      out['documentId'] = documentId(o['documentId'])
      out['data'] = bytes(o['data'], 'data')
      out['sessionId'] = text(o['sessionId'], 'sessionId')
      const count = o['count']
      out['count'] = typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : invalid('count')
      break
    }
    case 'remote-subscription-change': {
      const add = texts(o['add'], 'add')
      const remove = texts(o['remove'], 'remove')
      if (add !== undefined) out['add'] = add
      if (remove !== undefined) out['remove'] = remove
      break
    }
    case 'remote-heads-changed': {
      out['documentId'] = documentId(o['documentId'])
      const newHeads: Fields = {}
      for (const [storageId, entry] of Object.entries(record(o['newHeads'], 'newHeads'))) {
        const e = record(entry, 'newHeads entry')
        const timestamp = e['timestamp']
        if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) invalid('timestamp')
        newHeads[text(storageId, 'storageId')] = { heads: texts(e['heads'], 'heads') ?? invalid('heads'), timestamp }
      }
      out['newHeads'] = newHeads
      break
    }
    default:
      return undefined
  }
  return out as unknown as Message
}
