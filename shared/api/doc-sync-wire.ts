/**
 * How the app's windows hold live page documents: the peer's automerge-repo and a window's
 * in-memory one exchange automerge-repo messages, each one CBOR-encoded binary frame, over the
 * local API's WebSocket `/v1/sync` (browser mode) or Electron's IPC. The peer speaks first, with
 * a welcome naming its repo peer id and the id it gave the window; it also tells the window what
 * it may do with each document the window asks for (an access frame, before the document).
 *
 * A window's id always starts with `ui-`: the peer assigns it, and a libp2p peer can never
 * claim one (its repo peer id is its authenticated libp2p id).
 */

export const SYNC_PATH = '/v1/sync'
/** The WebSocket subprotocol of `/v1/sync`; the token rides beside it as `bearer.<token>`, as on `/v1/events`. */
export const SYNC_SUBPROTOCOL = 'commonweave.sync.v1'
/** Largest frame either side sends or takes (a long page's first sync fits). */
export const MAX_SYNC_FRAME_BYTES = 8 * 1024 * 1024
export const WINDOW_PEER_PREFIX = 'ui-'

export const WELCOME_FRAME = 'commonweave/welcome'
export const ACCESS_FRAME = 'commonweave/access'

/** The peer's first frame on every connection. */
export interface WelcomeFrame {
  type: typeof WELCOME_FRAME
  v: 1
  /** The peer's repo peer id: every message of the window goes to it. */
  peerId: string
  /** The id the peer knows this window by. */
  windowId: string
}

/** What the window may do with a document: change it, read it only, or nothing (it is not a page this peer may read). */
export type DocAccess = 'write' | 'read' | 'none'

/** Sent when a window first asks for a document, and again whenever that changes (a grant given or revoked). */
export interface AccessFrame {
  type: typeof ACCESS_FRAME
  documentId: string
  access: DocAccess
}

/** True for a repo peer id that names one of this peer's own windows. */
export function isWindowPeer(peerId: string): boolean {
  return peerId.startsWith(WINDOW_PEER_PREFIX)
}
