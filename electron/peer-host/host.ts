/**
 * The peer inside Electron's utility process: the same `createPeer` as `commonweave start`,
 * driven by messages from main instead of HTTP. It answers every call as data (ApiResult),
 * forwards every peer event, and on `stop` shuts the peer down cleanly (every document
 * flushed). Kept apart from the entry point (peer-host.ts) so tests drive it over a fake port.
 */
import { ErrorCode, toErrorData } from '../../shared/errors.ts'
import type { ApiResult, PeerEventName } from '../../shared/api/peer-api.ts'
import { OPERATION_BY_METHOD } from '../../shared/api/operations.ts'
import { PEER_EVENT_NAMES } from '../../shared/api/routes.ts'
import type { Peer, PeerConfig, PeerDeps } from '../peer/create-peer.ts'
import { acquireDataDirLock } from '../peer/identity/data-dir-lock.ts'
import { protectIdentity, readPublicIdentity } from '../peer/identity/identity.ts'
import type { Logger } from '../peer/log.ts'
import type { WindowConnection } from '../peer/sync/window-sync-adapter.ts'
import type { HostPort, ToHost } from './protocol.ts'

export interface HostDeps {
  createPeer(cfg: PeerConfig, deps: PeerDeps): Promise<Peer>
  log: Logger
  /** Called once the peer has stopped (the entry point exits the process). */
  exit(code: number): void
}

export function runPeerHost(port: HostPort, deps: HostDeps): void {
  let starting: Promise<Peer | null> | null = null
  let stopping = false
  const offEvents: Array<() => void> = []
  /** The one window's live-documents session (the app has one window; a reload opens a new session). */
  let window: { session: number; conn: WindowConnection } | null = null

  const start = async (msg: Extract<ToHost, { type: 'start' }>): Promise<Peer | null> => {
    try {
      if (msg.passphrase !== undefined) await wrapPlainKey(msg.dataDir, msg.passphrase)
      const peer = await deps.createPeer({ ...msg.net }, {
        dataDir: msg.dataDir, log: deps.log,
        ...(msg.passphrase !== undefined ? { unlock: { passphrase: async () => msg.passphrase as string, wrapNew: true } } : {}),
      })
      for (const event of PEER_EVENT_NAMES) {
        offEvents.push(peer.events.on(event, (payload) => port.postMessage({ type: 'event', event: event as PeerEventName, payload: asJson(payload) })))
      }
      port.postMessage({ type: 'ready', did: peer.identity.did, peerId: peer.identity.peerIdString })
      return peer
    } catch (err) {
      deps.log.error('the peer could not start', { error: String(err) })
      port.postMessage({ type: 'failed', error: toErrorData(err) })
      return null
    }
  }

  const call = async (id: number, op: string, input: unknown): Promise<void> => {
    const peer = await starting
    let result: ApiResult<unknown>
    if (!peer || stopping) {
      result = { ok: false, error: { code: ErrorCode.Unavailable, message: 'The peer is not running.' } }
    } else if (!Object.hasOwn(OPERATION_BY_METHOD, op)) {
      result = { ok: false, error: { code: ErrorCode.BadRequest, message: `"${op}" is not an operation of the peer` } }
    } else {
      try {
        const method = peer.api[op as keyof typeof OPERATION_BY_METHOD] as (input: unknown) => Promise<unknown>
        result = { ok: true, value: asJson(await method(input)) }
      } catch (err) {
        result = { ok: false, error: toErrorData(err) }
      }
    }
    port.postMessage({ type: 'result', id, result })
  }

  const syncOpen = async (session: number): Promise<void> => {
    window?.conn.closed()
    window = null
    const peer = await starting
    if (!peer || stopping) return port.postMessage({ type: 'sync-closed', session })
    const conn = peer.windows.open({
      send: (frame) => port.postMessage({ type: 'sync', session, frame }),
      close: () => {
        if (window?.session === session) window = null
        port.postMessage({ type: 'sync-closed', session })
      },
    })
    window = { session, conn }
  }

  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    for (const off of offEvents.splice(0)) off()
    const peer = await starting
    let clean = true
    try {
      await peer?.stop()
    } catch (err) {
      clean = false
      deps.log.error('stopped, but not cleanly', { error: String(err) })
    }
    port.postMessage({ type: 'stopped', clean })
    deps.exit(clean ? 0 : 1)
  }

  port.onMessage((msg) => {
    switch (msg.type) {
      case 'start':
        if (!starting && !stopping) starting = start(msg)
        return
      case 'call':
        if (!starting) {
          port.postMessage({ type: 'result', id: msg.id, result: { ok: false, error: { code: ErrorCode.Unavailable, message: 'The peer has not been started.' } } })
          return
        }
        void call(msg.id, msg.op, msg.input)
        return
      case 'sync-open':
        void syncOpen(msg.session)
        return
      case 'sync':
        if (window?.session === msg.session && msg.frame instanceof Uint8Array) window.conn.receive(msg.frame)
        return
      case 'stop':
        void stop()
    }
  })
}

/** An identity made before its key was kept under the keyring's passphrase is wrapped now, under the data directory's lock. */
async function wrapPlainKey(dataDir: string, passphrase: string): Promise<void> {
  const existing = await readPublicIdentity(dataDir).catch(() => undefined)
  if (!existing || existing.wrapped) return
  const lock = await acquireDataDirLock(dataDir)
  try {
    await protectIdentity(dataDir, passphrase)
  } finally {
    await lock.release()
  }
}

/** What crosses to the page is JSON, exactly as over HTTP (a Date becomes its ISO string, undefined fields vanish). */
function asJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown
}
