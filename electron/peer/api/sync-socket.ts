/**
 * `/v1/sync` on the local API: a browser-mode window's live page documents, one WebSocket per
 * window, binary frames only (shared/api/doc-sync-wire.ts). The HTTP server has already checked
 * Host, Origin and the owner's token when a socket arrives here; this module only carries frames
 * between the socket and the peer's window adapter.
 *
 * Invariants:
 * - a text frame ends the socket (1003): the protocol is binary;
 * - a window that lets more than MAX_BUFFERED pile up is not reading: its socket is closed, not
 *   buffered forever (it reconnects and syncs afresh);
 * - the adapter hears of every socket's end exactly once.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { MAX_SYNC_FRAME_BYTES, SYNC_SUBPROTOCOL } from '../../../shared/api/doc-sync-wire.ts'
import type { WindowSync } from '../sync/window-sync-adapter.ts'

const MAX_BUFFERED = 64 * 1024 * 1024

export interface SyncSockets {
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** The open sockets, for the server's close. */
  clients(): WebSocket[]
  close(): void
}

export function syncSockets(windows: WindowSync, log: (msg: string, data?: unknown) => void): SyncSockets {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_SYNC_FRAME_BYTES,
    // Never echo `bearer.<token>`: the selected protocol is always ours.
    handleProtocols: (offered) => (offered.has(SYNC_SUBPROTOCOL) ? SYNC_SUBPROTOCOL : false),
  })

  const carry = (ws: WebSocket): void => {
    const conn = windows.open({
      send: (frame) => {
        if (ws.readyState !== ws.OPEN) return
        if (ws.bufferedAmount > MAX_BUFFERED) return ws.close(1013, 'the window is not reading its documents')
        ws.send(frame, { binary: true })
      },
      close: (reason) => ws.close(1011, reason.slice(0, 120)),
    })
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) return ws.close(1003, 'binary frames only')
      conn.receive(asBytes(data))
    })
    ws.once('close', () => conn.closed())
    ws.on('error', (err) => log('api: sync socket error', { window: conn.windowId, error: err.message }))
  }

  return {
    accept: (req, socket, head) => wss.handleUpgrade(req, socket, head, carry),
    clients: () => [...wss.clients],
    close: () => wss.close(),
  }
}

function asBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}
