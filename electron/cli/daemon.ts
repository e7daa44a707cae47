/**
 * `commonweave start`: the foreground daemon. It builds the peer, serves the local API,
 * prints ONE JSON `ready` line on stdout, and on SIGINT/SIGTERM/SIGHUP shuts down cleanly —
 * every document flushed — and exits 0. A second SIGINT or SIGTERM stops it at once.
 * Started by `npm start` or bin.js (with an IPC channel), a stop message from the launcher, or the
 * launcher going away, also stops it cleanly, and never counts as that second signal.
 */
import { existsSync } from 'node:fs'
import { unlink } from 'node:fs/promises'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createPeer, type PeerConfig, type PeerDeps } from '../peer/create-peer.ts'
import { loadOrCreateToken, TOKEN_FILE } from '../peer/api/token.ts'
import { startApiServer } from '../peer/api/http-server.ts'
import { writeFileDurable } from '../peer/storage/durable-file.ts'
import { dataFileError } from '../peer/storage/data-file.ts'
import type { Logger } from '../peer/log.ts'
import { API_ENDPOINT_FILE } from './data-dir.ts'
import { isStopMessage } from './launcher-ipc.ts'
import { listenOnApiPort, rememberApiPort } from './api-port.ts'
import { peerPrintsReadyText, readyText } from './ready-text.ts'

export interface DaemonOptions extends PeerConfig {
  dataDir: string
  /** The API port asked for; without it, the port of the last run if it is free, else a free one. */
  apiPort?: number
  ui?: boolean
  log: Logger
  unlock?: PeerDeps['unlock']
}

export const RENDERER_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'renderer')

export async function runDaemon(opts: DaemonOptions): Promise<void> {
  const { log } = opts
  // Input from the network must never take the peer down: log what slipped through and carry on.
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: String(reason) }))
  process.on('uncaughtException', (err) => log.error('uncaught exception', { error: String(err), stack: err.stack }))
  // Node's warnings go to the structured log too. automerge-repo's throttle sets negative
  // timeouts by design (it means "now"); that warning is noise.
  process.removeAllListeners('warning')
  process.on('warning', (w) => {
    if (w.name !== 'TimeoutNegativeWarning') log.warn('node warning', { name: w.name, warning: w.message })
  })

  // A token file that is there but cannot be used stops the start before the peer runs; a
  // missing one is made once the peer (and with it the identity of a new directory) exists.
  const early = existsSync(join(opts.dataDir, TOKEN_FILE)) ? await loadOrCreateToken(opts.dataDir) : undefined
  const peer = await createPeer(opts, { dataDir: opts.dataDir, log, ...(opts.unlock ? { unlock: opts.unlock } : {}) })
  const token = early ?? await loadOrCreateToken(opts.dataDir).catch(async (err: unknown) => {
    await peer.stop().catch(() => {})
    throw err
  })
  let server: Awaited<ReturnType<typeof startApiServer>> | undefined
  const endpointFile = join(opts.dataDir, API_ENDPOINT_FILE)
  let stopping = false
  // Only a second SIGINT/SIGTERM stops at once. A launcher's stop message for the same Ctrl+C
  // may be read before the signal that the terminal sent here, so it never counts.
  let signals = 0
  const shutdown = async (signal: string): Promise<void> => {
    if (signal === 'SIGINT' || signal === 'SIGTERM') signals++
    if (stopping) {
      if (signals < 2) return
      // A second Ctrl+C means "now": every write that was acknowledged is already on disk.
      log.warn('stopping at once on a second signal; edits from the last moments may not be saved', { signal })
      process.exit(signal === 'SIGINT' ? 130 : 143)
    }
    stopping = true
    log.info('shutting down', { signal })
    await server?.close().catch((err: unknown) => log.warn('api close failed', { error: String(err) }))
    await unlink(endpointFile).catch(() => {})
    try {
      await peer.stop()
      log.info('stopped; everything flushed')
      process.exit(0)
    } catch (err) {
      log.error('stopped, but not cleanly: see the errors above', { error: String(err) })
      process.exit(1)
    }
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  // A closed terminal: stop cleanly rather than end unflushed, which is what SIGHUP does by default.
  process.on('SIGHUP', () => void shutdown('SIGHUP'))
  // Started by `npm start` or the bin.js wrapper: the terminal's Ctrl+C reaches this process
  // and the launcher alike, and the launcher passes a stop on as a message, so one Ctrl+C is
  // one stop. The channel closing means the launcher has gone (even by kill -9): stop too.
  if (process.send) {
    process.on('message', (message) => {
      if (isStopMessage(message)) void shutdown('launcher')
    })
    process.on('disconnect', () => void shutdown('launcher-gone'))
  }

  try {
    const staticDir = opts.ui !== false && existsSync(join(RENDERER_DIST, 'index.html')) ? RENDERER_DIST : undefined
    const baseApi = peer.api
    const api = { ...baseApi, status: async () => ({ ...(await baseApi.status()), api: server?.url ?? null }) }
    server = await listenOnApiPort(opts.dataDir, opts.apiPort, (port) => startApiServer({
      api, events: peer.events, sync: peer.windows, agents: peer.agents, token, port,
      ...(staticDir ? { staticDir } : {}),
      log: (msg, data) => log.child('api').debug(msg, { data }),
    }), log)
    // Only a convenience for the next start: a port that cannot be remembered is not a failed start.
    await rememberApiPort(opts.dataDir, server.port)
      .catch((err: unknown) => log.warn('could not remember the API port for the next start', { error: String(err) }))
    await writeFileDurable(endpointFile, JSON.stringify({ url: server.url, pid: process.pid }) + '\n')
      .catch((err: unknown) => { throw dataFileError(endpointFile, err, 'it is written again') })
    process.stdout.write(JSON.stringify({
      event: 'ready', did: peer.identity.did, peerId: peer.identity.peerIdString, addrs: peer.addrs(), api: server.url,
      // The UI's address, without the token: stdout often ends up in logs. Launchers add the token from the 0600 file.
      ...(staticDir ? { ui: `${server.url}/` } : {}),
    }) + '\n')
    if (peerPrintsReadyText()) {
      process.stderr.write(readyText({
        peerId: peer.identity.peerIdString, api: server.url, dataDir: opts.dataDir, token,
        ...(staticDir ? { ui: `${server.url}/` } : {}),
      }))
    }
  } catch (err) {
    // The start's own error is the one to report; what failed while undoing it is only logged.
    await server?.close().catch(() => {})
    await peer.stop().catch((stopErr: unknown) => log.error('stopping after a failed start failed too', { error: String(stopErr) }))
    throw err
  }
}
