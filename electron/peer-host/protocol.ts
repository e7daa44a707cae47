/**
 * The messages between the Electron main process and the peer's utility process (over
 * `process.parentPort` / `UtilityProcess.postMessage`, structured-cloned). Main has already
 * checked every call (electron/main/ipc-call.ts); the host checks the op name once more.
 */
import type { ErrorData } from '../../shared/errors.ts'
import type { ApiResult, PeerEventName } from '../../shared/api/peer-api.ts'

export interface HostNetConfig {
  listen?: string[]
  mdns?: boolean
  bootstrap?: string[]
}

export type ToHost =
  | {
    type: 'start'
    dataDir: string
    /** Wraps the identity key (and unwraps it); absent only when the user opted in to an unprotected key. */
    passphrase?: string
    net: HostNetConfig
  }
  | { type: 'call'; id: number; op: string; input: unknown }
  /** The window's live documents: a new session (ending the one before), then its frames (shared/api/doc-sync-wire.ts). */
  | { type: 'sync-open'; session: number }
  | { type: 'sync'; session: number; frame: Uint8Array }
  | { type: 'stop' }

export type FromHost =
  | { type: 'ready'; did: string; peerId: string }
  | { type: 'failed'; error: ErrorData }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; event: PeerEventName; payload: unknown }
  | { type: 'sync'; session: number; frame: Uint8Array }
  /** The peer ended that session (it is stopping, or the window sent what it could not read). */
  | { type: 'sync-closed'; session: number }
  | { type: 'stopped'; clean: boolean }

/** One end of the channel: the utility process's parentPort, or main's UtilityProcess, or a test's fake. */
export interface HostPort {
  postMessage(message: FromHost): void
  onMessage(listener: (message: ToHost) => void): void
}
