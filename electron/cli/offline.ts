/**
 * Commands that also work on a stopped peer's data directory (export and import): with no
 * daemon running, the peer core runs in this process for the one call, with no network at all,
 * and stops, everything flushed. An import file is checked before the data directory is touched.
 * Either way, on a terminal, their progress is shown.
 */
import WebSocket from 'ws'
import type { PeerApiMethod } from '../../shared/api/operation.ts'
import type { PeerEvents } from '../../shared/api/peer-api.ts'
import { BEARER_SUBPROTOCOL_PREFIX, EVENTS_SUBPROTOCOL } from '../../shared/api/routes.ts'

export const OFFLINE_OPS: ReadonlySet<PeerApiMethod> = new Set(['exportSpace', 'importSpace'])

export async function callOffline(dataDir: string, op: PeerApiMethod, input: unknown, showProgress: boolean): Promise<unknown> {
  if (op === 'importSpace') {
    // A file that is cut short, altered or foreign is refused before anything under dataDir is opened.
    const { checkArchiveFile } = await import('../peer/domain/space-archive.ts')
    await checkArchiveFile((input as { file: string }).file)
  }
  // automerge-repo's throttle sets negative timeouts by design (it means "now"): noise, as in the daemon.
  process.removeAllListeners('warning')
  process.on('warning', (w) => { if (w.name !== 'TimeoutNegativeWarning') process.stderr.write(`${w.name}: ${w.message}\n`) })
  const { createPeer } = await import('../peer/create-peer.ts')
  const { createLogger, parseLogLevel } = await import('../peer/log.ts')
  const { askPassphrase } = await import('./passphrase.ts')
  const peer = await createPeer({ offline: true }, {
    dataDir, log: createLogger(parseLogLevel(process.env['COMMONWEAVE_LOG'] ?? 'warn')),
    // A key kept under a passphrase is opened as `start` opens it: from the environment, else asked.
    unlock: { passphrase: () => askPassphrase(dataDir) },
  })
  const off = peer.events.on('backup:progress', (p) => { if (showProgress) printProgress(p) })
  try {
    return await (peer.api[op] as (i: unknown) => Promise<unknown>)(input)
  } finally {
    off()
    await peer.stop()
  }
}

/** Follows the running peer's `backup:progress` events and prints them; answers a function that stops. */
export function followProgress(url: string, token: string): () => void {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/events`, [EVENTS_SUBPROTOCOL, `${BEARER_SUBPROTOCOL_PREFIX}${token}`])
  ws.on('message', (data) => {
    try {
      const { event, payload } = JSON.parse(String(data)) as { event: string; payload: PeerEvents['backup:progress'] }
      if (event === 'backup:progress') printProgress(payload)
    } catch {
      // not an event we can read: progress is only a courtesy
    }
  })
  ws.on('error', () => {})
  return () => ws.close()
}

function printProgress(p: PeerEvents['backup:progress']): void {
  process.stderr.write(`\r${p.op === 'export' ? 'Exporting' : 'Importing'}: ${p.done} of ${p.total} documents${p.done === p.total ? '\n' : ''}`)
}
