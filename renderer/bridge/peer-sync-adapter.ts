/**
 * The window's side of live documents: an automerge-repo NetworkAdapter whose one peer is this
 * app's own peer, over a `SyncTransport` (the local API's `/v1/sync` WebSocket in the browser,
 * IPC in Electron; frames as in shared/api/doc-sync-wire.ts). It opens the transport again by
 * itself when it closes (the peer restarted), after 0.5 s, then at most every 2 s, and the
 * repo syncs every open document afresh once the peer has welcomed it again.
 *
 * Loaded only with the live documents (doc-sync.ts), never with the first paint.
 */
import { NetworkAdapter, cbor } from '@automerge/automerge-repo/slim'
import type { Message, PeerId } from '@automerge/automerge-repo/slim'
import { ACCESS_FRAME, WELCOME_FRAME, type DocAccess } from '../../shared/api/doc-sync-wire.ts'

/** One session of a transport: frames out, and its end. */
export interface SyncSession {
  send(frame: Uint8Array): void
  close(): void
}

/** How a window reaches its peer's repo; each `open` is a new session (the peer welcomes it anew). */
export interface SyncTransport {
  open(on: { frame(frame: Uint8Array): void; closed(): void }): SyncSession
}

const FIRST_RETRY_MS = 500
const MAX_RETRY_MS = 2_000
/** `whenReady` resolves by then even without the peer, so a find is never held up by the network layer itself. */
const READY_AFTER_MS = 1_000

export class PeerSyncAdapter extends NetworkAdapter {
  readonly #transport: SyncTransport
  #session: SyncSession | null = null
  /** The peer's repo id, once it has welcomed this session. */
  #peer: PeerId | null = null
  #running = false
  #retry = FIRST_RETRY_MS
  #timer: ReturnType<typeof setTimeout> | undefined
  #ready = false
  #readyTimer: ReturnType<typeof setTimeout> | undefined
  #resolveReady: () => void = () => {}
  readonly #readyPromise = new Promise<void>((resolve) => { this.#resolveReady = resolve })
  readonly #access = new Map<string, DocAccess>()
  readonly #accessListeners = new Set<(documentId: string, access: DocAccess) => void>()
  readonly #onlineListeners = new Set<(online: boolean) => void>()

  constructor(transport: SyncTransport) {
    super()
    this.#transport = transport
  }

  isReady(): boolean {
    return this.#ready
  }

  whenReady(): Promise<void> {
    return this.#readyPromise
  }

  /** True while the peer has welcomed the current session. */
  get online(): boolean {
    return this.#peer !== null
  }

  /** What the peer last said this window may do with a document; undefined before it has said. */
  access(documentId: string): DocAccess | undefined {
    return this.#access.get(documentId)
  }

  onAccess(listener: (documentId: string, access: DocAccess) => void): () => void {
    this.#accessListeners.add(listener)
    return () => this.#accessListeners.delete(listener)
  }

  onOnline(listener: (online: boolean) => void): () => void {
    this.#onlineListeners.add(listener)
    return () => this.#onlineListeners.delete(listener)
  }

  connect(peerId: PeerId): void {
    this.peerId = peerId
    if (this.#running) return
    this.#running = true
    this.#readyTimer = setTimeout(() => this.#markReady(), READY_AFTER_MS)
    this.#open()
  }

  send(message: Message): void {
    if (this.#session === null || this.#peer === null || message.targetId !== this.#peer) return
    this.#session.send(cbor.encode(message))
  }

  disconnect(): void {
    if (!this.#running) return
    this.#running = false
    clearTimeout(this.#timer)
    clearTimeout(this.#readyTimer)
    const session = this.#session
    this.#session = null
    this.#lost()
    session?.close()
    this.emit('close')
  }

  #open(): void {
    let live = true
    this.#session = this.#transport.open({
      frame: (frame) => { if (live) this.#onFrame(frame) },
      closed: () => {
        if (!live) return
        live = false
        this.#session = null
        this.#lost()
        if (!this.#running) return
        this.#timer = setTimeout(() => { if (this.#running) this.#open() }, this.#retry)
        this.#retry = Math.min(this.#retry * 2, MAX_RETRY_MS)
      },
    })
  }

  #onFrame(frame: Uint8Array): void {
    let value: unknown
    try {
      value = cbor.decode(frame)
    } catch {
      return // the peer's own frames; one that cannot be read is dropped, the next sync corrects it
    }
    if (typeof value !== 'object' || value === null) return
    const v = value as Record<string, unknown>
    if (v['type'] === WELCOME_FRAME && typeof v['peerId'] === 'string') return this.#welcomed(v['peerId'] as PeerId)
    if (v['type'] === ACCESS_FRAME && typeof v['documentId'] === 'string') return this.#told(v['documentId'], v['access'])
    if (this.#peer === null || v['senderId'] !== this.#peer || typeof v['type'] !== 'string') return
    // The peer addresses this window by the id it gave it; the repo here knows itself by its own.
    this.emit('message', { ...v, targetId: this.peerId } as unknown as Message)
  }

  #welcomed(peer: PeerId): void {
    if (this.#peer !== null) this.#lost()
    this.#peer = peer
    this.#retry = FIRST_RETRY_MS
    this.emit('peer-candidate', { peerId: peer, peerMetadata: {} })
    this.#markReady()
    tell(this.#onlineListeners, true)
  }

  #told(documentId: string, access: unknown): void {
    if (access !== 'write' && access !== 'read' && access !== 'none') return
    this.#access.set(documentId, access)
    tell<[string, DocAccess]>(this.#accessListeners, documentId, access)
  }

  /** The peer's end of this session is gone: the repo hears of it once. */
  #lost(): void {
    const peer = this.#peer
    if (peer === null) return
    this.#peer = null
    this.emit('peer-disconnected', { peerId: peer })
    tell(this.#onlineListeners, false)
  }

  #markReady(): void {
    clearTimeout(this.#readyTimer)
    if (this.#ready) return
    this.#ready = true
    this.#resolveReady()
  }
}

/** Calls every listener; one that throws keeps the news from none of the others. */
function tell<A extends unknown[]>(listeners: ReadonlySet<(...args: A) => void>, ...args: A): void {
  for (const l of listeners) {
    try {
      l(...args)
    } catch (err) {
      console.warn('a live-documents listener failed', err)
    }
  }
}
