/**
 * Main's side of the peer's utility process: starts it, sends it checked calls and resolves
 * each with its ApiResult, passes its events on, and stops it cleanly. It never throws at a
 * caller: a peer that failed to start or went away answers every call as error data.
 * The channel is an interface so tests run a real peer host in-process over a fake one.
 */
import { ErrorCode, type ErrorData } from '../../shared/errors.ts'
import type { ApiResult, PeerEventName } from '../../shared/api/peer-api.ts'
import type { FromHost, ToHost } from '../peer-host/protocol.ts'

export interface HostChannel {
  postMessage(message: ToHost): void
  onMessage(listener: (message: FromHost) => void): void
  onExit(listener: (code: number) => void): void
}

export type StartOptions = Omit<Extract<ToHost, { type: 'start' }>, 'type'>
export type PeerStart = { ok: true; did: string; peerId: string } | { ok: false; error: ErrorData }

export class PeerProcess {
  readonly started: Promise<PeerStart>
  readonly #channel: HostChannel
  readonly #pending = new Map<number, (result: ApiResult<unknown>) => void>()
  readonly #eventListeners = new Set<(event: PeerEventName, payload: unknown) => void>()
  readonly #exitListeners = new Set<(code: number) => void>()
  readonly #syncListeners = new Set<(frame: Uint8Array | null) => void>()
  /** The window's current live-documents session; frames of an older one are dropped. */
  #syncSession = 0
  #nextId = 1
  #exited: number | null = null
  #stopped: Promise<boolean> | null = null
  #onStopped: (clean: boolean) => void = () => {}

  constructor(channel: HostChannel, options: StartOptions) {
    this.#channel = channel
    let settle: (s: PeerStart) => void = () => {}
    this.started = new Promise((res) => { settle = res })
    channel.onMessage((msg) => {
      switch (msg.type) {
        case 'ready': return settle({ ok: true, did: msg.did, peerId: msg.peerId })
        case 'failed': return settle({ ok: false, error: msg.error })
        case 'result': {
          const resolve = this.#pending.get(msg.id)
          this.#pending.delete(msg.id)
          return resolve?.(msg.result)
        }
        case 'event':
          for (const l of this.#eventListeners) l(msg.event, msg.payload)
          return
        case 'sync':
        case 'sync-closed':
          if (msg.session !== this.#syncSession) return
          for (const l of this.#syncListeners) l(msg.type === 'sync' ? msg.frame : null)
          return
        case 'stopped': return this.#onStopped(msg.clean)
      }
    })
    channel.onExit((code) => {
      this.#exited = code
      settle({ ok: false, error: gone(code) })
      for (const resolve of this.#pending.values()) resolve({ ok: false, error: gone(code) })
      this.#pending.clear()
      this.#onStopped(code === 0)
      for (const l of this.#syncListeners) l(null)
      for (const l of this.#exitListeners) l(code)
    })
    channel.postMessage({ type: 'start', ...options })
  }

  /** Calls one operation (already checked by ipc-call.ts) once the peer has started. */
  async call(op: string, input: unknown): Promise<ApiResult<unknown>> {
    const start = await this.started
    if (!start.ok) return { ok: false, error: start.error }
    if (this.#exited !== null) return { ok: false, error: gone(this.#exited) }
    const id = this.#nextId++
    return new Promise((resolve) => {
      this.#pending.set(id, resolve)
      this.#channel.postMessage({ type: 'call', id, op, input })
    })
  }

  onEvent(listener: (event: PeerEventName, payload: unknown) => void): () => void {
    this.#eventListeners.add(listener)
    return () => this.#eventListeners.delete(listener)
  }

  /** Starts a new live-documents session for the window (main has checked the sender), ending the one before. */
  syncOpen(): void {
    const session = ++this.#syncSession
    if (this.#exited !== null) return queueMicrotask(() => { for (const l of this.#syncListeners) l(null) })
    this.#channel.postMessage({ type: 'sync-open', session })
  }

  /** One frame of the window's current session (checked by ipc-sync.ts). */
  syncSend(frame: Uint8Array): void {
    if (this.#exited === null && this.#syncSession > 0) this.#channel.postMessage({ type: 'sync', session: this.#syncSession, frame })
  }

  /** Frames of the current session for the window; null when the peer ended it. */
  onSync(listener: (frame: Uint8Array | null) => void): () => void {
    this.#syncListeners.add(listener)
    return () => this.#syncListeners.delete(listener)
  }

  onExit(listener: (code: number) => void): () => void {
    this.#exitListeners.add(listener)
    return () => this.#exitListeners.delete(listener)
  }

  /** Asks the peer to stop cleanly; resolves true once it has, with everything flushed. Safe to call twice. */
  stop(): Promise<boolean> {
    if (this.#stopped) return this.#stopped
    if (this.#exited !== null) return (this.#stopped = Promise.resolve(this.#exited === 0))
    this.#stopped = new Promise((res) => { this.#onStopped = res })
    this.#channel.postMessage({ type: 'stop' })
    return this.#stopped
  }
}

function gone(code: number): ErrorData {
  return { code: ErrorCode.Unavailable, message: `The peer process has ended (exit code ${code}); restart Commonweave.` }
}
