/**
 * Entry point of Electron's utility process for the peer (forked by electron/main/peer-process.ts).
 * The peer runs here, off the UI's main process: syncing a space can keep an event loop busy.
 */
import { createPeer } from '../peer/create-peer.ts'
import { createLogger, parseLogLevel } from '../peer/log.ts'
import { runPeerHost } from './host.ts'
import type { FromHost, ToHost } from './protocol.ts'

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
if (!parentPort) {
  process.stderr.write('peer-host runs only as an Electron utility process (it has no parentPort here)\n')
  process.exit(2)
}

const log = createLogger(parseLogLevel(process.env['COMMONWEAVE_LOG']))
// Input from the network must never take the peer down: log what slipped through and carry on.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: String(reason) }))
process.on('uncaughtException', (err) => log.error('uncaught exception', { error: String(err), stack: err.stack }))
// automerge-repo's throttle sets negative timeouts by design (it means "now"): noise.
process.removeAllListeners('warning')
process.on('warning', (w) => {
  if (w.name !== 'TimeoutNegativeWarning') log.warn('node warning', { name: w.name, warning: w.message })
})

// A terminal's Ctrl+C reaches this process too (it shares the app's process group). Main
// decides when the peer stops and asks for it; dying on the signal here would lose unflushed writes.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => log.info('signal noted; the app stops the peer', { signal }))
}

runPeerHost({
  postMessage: (message: FromHost) => parentPort.postMessage(message),
  onMessage: (listener) => parentPort.on('message', (e) => listener(e.data as ToHost)),
}, { createPeer, log, exit: (code) => process.exit(code) })
