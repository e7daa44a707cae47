/**
 * A peer that serves the web UI from inside the test process: what `commonweave start` does
 * (createPeer, the local API with the built renderer, the token file) without the process
 * around it, so that a test can reach its libp2p node and cut it off from other peers with
 * test/helpers/partition.ts while the pages keep talking to their peers.
 *
 * Why not a TCP proxy between two daemons: each peer learns the other's own listen addresses
 * through identify, remembers them and redials them, so a proxy on one path is soon bypassed.
 * The connection gater refuses the other peer on every path, both ways.
 */
import { startApiServer } from '../../electron/peer/api/http-server.ts'
import { loadOrCreateToken } from '../../electron/peer/api/token.ts'
import { createPeer, type Peer } from '../../electron/peer/create-peer.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import type { LogLine, TestPeer } from '../helpers/peers.ts'
import { LOOPBACK_ONLY } from '../helpers/peers.ts'
import { RENDERER_DIST } from './renderer-build.ts'

export interface InProcessUiPeer extends TestPeer {
  /** The UI link with its token, as a launcher opens it. */
  readonly ui: string
  readonly api: PeerApi
  /** Stops the API and the peer, and removes the data directory. */
  close(): Promise<void>
}

/** Starts a peer named `name` on loopback (no mDNS) with the UI served on a free local port. */
export async function startInProcessUiPeer(name: string): Promise<InProcessUiPeer> {
  const dataDir = tempDataDir(`cw-e2e-${name.toLowerCase()}-`)
  const logs: LogLine[] = []
  const log = createLogger(LogLevel.Warn, name, (line) => { logs.push(JSON.parse(line) as LogLine) })
  let peer: Peer
  try {
    peer = await createPeer({ ...LOOPBACK_ONLY, listen: [...LOOPBACK_ONLY.listen], name }, { dataDir, log })
  } catch (err) {
    removeDir(dataDir)
    throw err
  }
  const token = await loadOrCreateToken(dataDir)
  let url = ''
  // As the daemon does: the status a page reads names the API it came from.
  const api: PeerApi = { ...peer.api, status: async () => ({ ...(await peer.api.status()), api: url }) }
  const server = await startApiServer({ api, events: peer.events, sync: peer.windows, token, port: 0, staticDir: RENDERER_DIST })
  url = server.url
  return {
    name, dataDir, logs, api: peer.api,
    ui: `${server.url}/#token=${token}`,
    get peer() { return peer },
    get peerId() { return peer.identity.peerIdString },
    stop: () => peer.stop(),
    restart: () => Promise.reject(new Error('an in-process UI peer is not restarted')),
    async close() {
      await server.close().catch(() => {})
      await peer.stop().catch(() => {})
      removeDir(dataDir)
    },
  }
}
