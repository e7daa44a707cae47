/**
 * automerge-repo NetworkAdapter for the app's own windows: each window's connection (a
 * WebSocket on the local API, or Electron's IPC) is one repo peer, so a window holds a live
 * copy of a page document, and what it types reaches this peer's repo and, from there, the
 * other peers over libp2p. The transport is not this module's: it hands frames in and takes
 * frames out (see shared/api/doc-sync-wire.ts for the frames).
 *
 * Why not @automerge/automerge-repo-network-websocket: its server adapter owns the WebSocket
 * server's `connection` event (ours authenticates on upgrade, beside `/v1/events`), takes the
 * peer id a client claims, and has no place for a per-message policy nor for Electron's IPC.
 * This protocol is the same CBOR framing in fewer lines, and the same over both transports.
 *
 * Invariants:
 * - the peer assigns each window's id (`ui-` and 16 random hex digits); every inbound message's
 *   `senderId` is that id, whatever the window wrote, and one whose `targetId` is not this
 *   repo is dropped;
 * - every inbound message passes the window policy (window-access.ts) before the repo sees it;
 *   a window's messages never reach the libp2p adapter's sync guard, nor it theirs;
 * - a window learns what it may do with a document (an access frame) before the document
 *   itself, and again whenever that changes;
 * - input from a window never throws out of here: a frame that cannot be read ends that
 *   window's connection (it reconnects), as does one larger than MAX_SYNC_FRAME_BYTES;
 * - `peer-disconnected` exactly once for each window announced, whatever ends it.
 */
import { randomBytes } from 'node:crypto'
import { NetworkAdapter, cbor } from '@automerge/automerge-repo'
import type { Message, PeerId as RepoPeerId } from '@automerge/automerge-repo'
import {
  ACCESS_FRAME, MAX_SYNC_FRAME_BYTES, WELCOME_FRAME, WINDOW_PEER_PREFIX,
  type AccessFrame, type DocAccess, type WelcomeFrame,
} from '../../../shared/api/doc-sync-wire.ts'
import { parseMessage } from './sync-messages.ts'

/** One window's way out: what the HTTP server or the Electron host gives for each connection. */
export interface WindowTransport {
  send(frame: Uint8Array): void
  /** Ends the connection from this side (the window reconnects). */
  close(reason: string): void
}

/** What the transport feeds back for one connection. */
export interface WindowConnection {
  readonly windowId: string
  receive(frame: Uint8Array): void
  /** The transport is gone (the window closed, reloaded or lost the socket). */
  closed(): void
}

/** How transports reach the adapter. */
export interface WindowSync {
  open(transport: WindowTransport): WindowConnection
}

/** What windows may sync, injected (consent/window-access.ts decides it). */
export interface WindowPolicy {
  /** What a window may do with a document now. */
  access(docId: string): DocAccess
  /** Whether a message a window sent reaches the repo; the policy logs what it drops. */
  accept(windowId: string, message: Message): boolean
}

export type WindowLog = (event: string, data?: Record<string, unknown>) => void

interface Window {
  readonly id: RepoPeerId
  readonly transport: WindowTransport
  /** The access last told to the window, per document it asked for. */
  readonly told: Map<string, DocAccess>
  closed: boolean
}

export class WindowSyncAdapter extends NetworkAdapter implements WindowSync {
  readonly #policy: WindowPolicy
  readonly #log: WindowLog
  readonly #windows = new Map<RepoPeerId, Window>()
  #connected = false

  constructor(policy: WindowPolicy, log: WindowLog = () => {}) {
    super()
    this.#policy = policy
    this.#log = log
  }

  /** Windows connect later, one by one: nothing to wait for. */
  isReady(): boolean {
    return true
  }

  whenReady(): Promise<void> {
    return Promise.resolve()
  }

  connect(peerId: RepoPeerId): void {
    this.peerId = peerId
    this.#connected = true
  }

  disconnect(): void {
    if (!this.#connected) return
    this.#connected = false
    for (const w of [...this.#windows.values()]) this.#end(w, 'the peer is stopping')
    this.emit('close')
  }

  /** A new window connection: welcomed at once, then synced like any repo peer. */
  open(transport: WindowTransport): WindowConnection {
    const id = `${WINDOW_PEER_PREFIX}${randomBytes(8).toString('hex')}` as RepoPeerId
    if (!this.#connected || this.peerId === undefined) {
      transport.close('the peer is not running')
      return { windowId: id, receive: () => {}, closed: () => {} }
    }
    const w: Window = { id, transport, told: new Map(), closed: false }
    this.#windows.set(id, w)
    const welcome: WelcomeFrame = { type: WELCOME_FRAME, v: 1, peerId: this.peerId, windowId: id }
    this.#write(w, welcome)
    // A window keeps nothing: its sync state is never stored under an id it could pick.
    this.#guard('peer-candidate listener', () => this.emit('peer-candidate', { peerId: id, peerMetadata: { isEphemeral: true } }))
    return {
      windowId: id,
      receive: (frame) => this.#guard('receive', () => this.#receive(w, frame)),
      closed: () => this.#end(w, undefined),
    }
  }

  send(message: Message): void {
    const w = this.#windows.get(message.targetId)
    if (w === undefined || w.closed) return
    this.#write(w, message)
  }

  /** Consent changed: every window hears of each document whose access is no longer what it was told. */
  accessChanged(): void {
    for (const w of this.#windows.values()) {
      for (const docId of w.told.keys()) this.#tell(w, docId)
    }
  }

  #receive(w: Window, frame: Uint8Array): void {
    if (w.closed) return
    if (frame.byteLength > MAX_SYNC_FRAME_BYTES) return this.#end(w, `a frame larger than ${MAX_SYNC_FRAME_BYTES} bytes`)
    let message: Message | undefined
    try {
      message = parseMessage(cbor.decode(frame))
    } catch (err) {
      return this.#end(w, `an unreadable frame: ${err instanceof Error ? err.message : String(err)}`)
    }
    if (message === undefined || message.targetId !== this.peerId) {
      return this.#log('window-message-dropped', { window: w.id, reason: message === undefined ? 'unknown-type' : 'wrong-target' })
    }
    message.senderId = w.id
    if ((message.type === 'sync' || message.type === 'request') && !w.told.has(message.documentId as string)) {
      this.#tell(w, message.documentId as string)
    }
    if (!this.#policy.accept(w.id, message)) return
    this.emit('message', message)
  }

  #tell(w: Window, docId: string): void {
    const access = this.#policy.access(docId)
    if (w.told.get(docId) === access) return
    w.told.set(docId, access)
    const frame: AccessFrame = { type: ACCESS_FRAME, documentId: docId, access }
    this.#write(w, frame)
  }

  #write(w: Window, value: unknown): void {
    let frame: Uint8Array
    try {
      frame = cbor.encode(value)
    } catch (err) {
      return this.#log('window-send-dropped', { window: w.id, reason: 'encode-failed', error: String(err) })
    }
    if (frame.byteLength > MAX_SYNC_FRAME_BYTES) return this.#log('window-send-dropped', { window: w.id, reason: 'too-large', bytes: frame.byteLength })
    this.#guard('transport send', () => w.transport.send(frame))
  }

  /** Ends a window's connection once; `reason` set when this side ends it. */
  #end(w: Window, reason: string | undefined): void {
    if (w.closed) return
    w.closed = true
    this.#windows.delete(w.id)
    if (reason !== undefined) {
      this.#log('window-closed', { window: w.id, reason })
      this.#guard('transport close', () => w.transport.close(reason))
    }
    this.#guard('peer-disconnected listener', () => this.emit('peer-disconnected', { peerId: w.id }))
  }

  #guard(where: string, fn: () => void): void {
    try {
      fn()
    } catch (err) {
      this.#log('internal-error', { where, error: String(err) })
    }
  }
}
