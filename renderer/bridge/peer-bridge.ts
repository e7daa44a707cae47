/**
 * The only module that knows how the UI reaches the peer. In the browser (headless daemon)
 * it is the local HTTP API plus its WebSocket for events; the token comes from the URL
 * fragment (`#token=…`) and is kept in sessionStorage, never in the URL afterwards.
 */
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { PeerApi, PeerEventName, PeerEvents } from '../../shared/api/peer-api.ts'
import { BEARER_SUBPROTOCOL_PREFIX, EVENTS_SUBPROTOCOL } from '../../shared/api/routes.ts'
import { SYNC_PATH, SYNC_SUBPROTOCOL } from '../../shared/api/doc-sync-wire.ts'
import type { SyncTransport } from './peer-sync-adapter.ts'

export interface PeerBridge {
  api: PeerApi
  onEvent(listener: <E extends PeerEventName>(event: E, payload: PeerEvents[E]) => void): () => void
  onConnection(listener: (online: boolean) => void): () => void
  /** The way to the peer's repo for live page documents; open them with `openPageDocs(bridge)` (doc-sync.ts). Absent in tests' stand-ins. */
  docSync?: SyncTransport
}

export function tokenFromLocation(): string | null {
  const match = /(?:^#|&)token=([0-9a-f]{64})/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem('commonweave.token', match[1])
    history.replaceState(null, '', window.location.pathname)
    return match[1]
  }
  return sessionStorage.getItem('commonweave.token')
}

export function createBrowserBridge(token: string): PeerBridge {
  const origin = window.location.origin
  const api = createHttpClient({ url: origin, token })
  const eventListeners = new Set<(event: PeerEventName, payload: unknown) => void>()
  const connectionListeners = new Set<(online: boolean) => void>()
  let retry = 500
  const open = (): void => {
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/v1/events`, [EVENTS_SUBPROTOCOL, `${BEARER_SUBPROTOCOL_PREFIX}${token}`])
    ws.onopen = () => {
      retry = 500
      for (const l of connectionListeners) l(true)
    }
    ws.onmessage = (msg) => {
      let parsed: { event?: unknown; payload?: unknown }
      try {
        parsed = JSON.parse(String(msg.data)) as { event?: unknown; payload?: unknown }
      } catch {
        return // a malformed event is dropped; the next refresh corrects the view
      }
      if (typeof parsed?.event !== 'string' || typeof parsed.payload !== 'object' || parsed.payload === null) return
      // One listener that throws does not keep the event from the others.
      for (const l of eventListeners) {
        try {
          l(parsed.event as PeerEventName, parsed.payload)
        } catch (err) {
          console.warn('an event listener failed', err)
        }
      }
    }
    ws.onclose = () => {
      for (const l of connectionListeners) l(false)
      setTimeout(open, retry)
      retry = Math.min(retry * 2, 2_000)
    }
  }
  open()
  return {
    api,
    docSync: webSocketSync(origin, token),
    onEvent(listener) {
      const l = listener as (event: PeerEventName, payload: unknown) => void
      eventListeners.add(l)
      return () => eventListeners.delete(l)
    },
    onConnection(listener) {
      connectionListeners.add(listener)
      return () => connectionListeners.delete(listener)
    },
  }
}

/** `/v1/sync` with the owner's token, binary frames; the adapter opens it again when it closes. */
export function webSocketSync(origin: string, token: string): SyncTransport {
  return {
    open(on) {
      const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}${SYNC_PATH}`, [SYNC_SUBPROTOCOL, `${BEARER_SUBPROTOCOL_PREFIX}${token}`])
      ws.binaryType = 'arraybuffer'
      ws.onmessage = (msg) => { if (msg.data instanceof ArrayBuffer) on.frame(new Uint8Array(msg.data)) }
      ws.onclose = () => on.closed()
      return {
        send: (frame) => { if (ws.readyState === WebSocket.OPEN) ws.send(frame as Uint8Array<ArrayBuffer>) },
        close: () => ws.close(1000, 'the window closed its documents'),
      }
    },
  }
}
