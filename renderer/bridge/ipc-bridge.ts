/**
 * The Electron way to the peer: the preload's `window.commonweave`, which carries each call
 * over IPC to main (which checks it) and on to the peer's utility process. Results come back
 * as data (ApiResult) and are thrown again here as CommonweaveError with the same code, just
 * as the HTTP client does, so the rest of the UI cannot tell the two bridges apart.
 */
import { CommonweaveError, ErrorCode, isErrorCode } from '../../shared/errors.ts'
import type { ApiResult, PeerApi, PeerEventName } from '../../shared/api/peer-api.ts'
import { OPERATION_BY_METHOD } from '../../shared/api/operations.ts'
import type { PeerBridge } from './peer-bridge.ts'
import type { SyncTransport } from './peer-sync-adapter.ts'

/** What electron/preload exposes as `window.commonweave` (it is typed against this with `satisfies`). */
export interface CommonweaveWindowApi {
  readonly shell: 'electron'
  readonly versions: { readonly electron: string; readonly chrome: string }
  invoke(op: string, input?: unknown): Promise<ApiResult<unknown>>
  onEvent(listener: (event: string, payload: unknown) => void): () => void
  onConnection(listener: (online: boolean) => void): () => void
  /** Live page documents: start a session, send a frame, hear frames (null: the peer ended the session). Optional: tests' stand-ins leave them out. */
  syncOpen?(): void
  syncSend?(frame: Uint8Array): void
  onSync?(listener: (frame: Uint8Array | null) => void): () => void
}

declare global {
  interface Window { commonweave?: Partial<CommonweaveWindowApi> }
}

/** The preload's bridge, when this page runs in the Electron app. */
export function electronApi(): CommonweaveWindowApi | null {
  const w = window.commonweave
  return w && typeof w.invoke === 'function' && typeof w.onEvent === 'function' ? w as CommonweaveWindowApi : null
}

export function createIpcBridge(w: CommonweaveWindowApi): PeerBridge {
  const api: Record<string, (input?: unknown) => Promise<unknown>> = {}
  for (const op of Object.keys(OPERATION_BY_METHOD)) {
    api[op] = async (input) => {
      const result = await w.invoke(op, input)
      if (result.ok) return result.value
      const { code, message, details } = result.error
      throw new CommonweaveError(isErrorCode(code) ? code : ErrorCode.Internal, message, details)
    }
  }
  return {
    api: api as unknown as PeerApi,
    ...(ipcSync(w) ?? {}),
    onEvent(listener) {
      return w.onEvent((event, payload) => (listener as (e: PeerEventName, p: unknown) => void)(event as PeerEventName, payload))
    },
    onConnection(listener) {
      // Calls wait in main until the peer has started, so the page may act at once; main says when the peer goes.
      let live = true
      queueMicrotask(() => { if (live) listener(true) })
      const off = w.onConnection(listener)
      return () => {
        live = false
        off()
      }
    },
  }
}

/** The window's live-documents session over the preload; one at a time (main drops frames of an older one). */
function ipcSync(w: CommonweaveWindowApi): { docSync: SyncTransport } | null {
  const { syncOpen, syncSend, onSync } = w
  if (!syncOpen || !syncSend || !onSync) return null
  const docSync: SyncTransport = {
    open(on) {
      let live = true
      const end = (): void => {
        if (!live) return
        live = false
        offFrames()
        offConnection()
        on.closed()
      }
      const offFrames = onSync((frame) => (frame === null ? end() : live && on.frame(frame)))
      // The peer process went away: the session is over (main restarts nothing; the app says so).
      const offConnection = w.onConnection((online) => { if (!online) end() })
      syncOpen()
      return {
        send: (frame) => { if (live) syncSend(frame) },
        close: end,
      }
    },
  }
  return { docSync }
}
