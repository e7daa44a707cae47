/**
 * The child side of a peer driver (peer-driver.ts): one real peer (createPeer, mDNS off) in
 * this process, which the test runs inside a host's network namespace. Commands arrive as JSON
 * lines on stdin (`{ id, cmd, ... }`) and each is answered by one JSON line on stdout
 * (`{ id, ok: true, ... }` or `{ id, ok: false, error }`); the first line out is
 * `{ event: 'ready', peerId, addrs }`. Logs go to stderr. When stdin closes (the test process
 * went away) the peer stops and the process exits, so no peer outlives its test.
 */
import { readdirSync, readlinkSync } from 'node:fs'
import { createInterface } from 'node:readline'
import * as Automerge from '@automerge/automerge'
import type { DocumentId } from '@automerge/automerge-repo'
import { multiaddr } from '@multiformats/multiaddr'
import { createPeer } from '../../electron/peer/create-peer.ts'
import { createLogger, parseLogLevel } from '../../electron/peer/log.ts'
import type { SpaceId } from '../../shared/ids.ts'

export interface DriverArgs {
  dataDir: string
  name: string
  listen: string[]
  bootstrap: string[]
  /** Run as the community peer (relay server). */
  community?: boolean
}

const args = JSON.parse(process.argv[2] ?? '{}') as DriverArgs
const out = (msg: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(msg)}\n`)
const log = createLogger(parseLogLevel(process.env['COMMONWEAVE_FAULTS_LOG'] ?? 'warn'), args.name)
const peer = await createPeer({
  listen: args.listen, bootstrap: args.bootstrap, mdns: false, name: args.name, ...(args.community === true ? { community: true } : {}),
}, { dataDir: args.dataDir, log })
out({ event: 'ready', peerId: peer.identity.peerIdString, addrs: peer.addrs() })

/** Heads of every document of the space, by document id; null for one this peer has not loaded (yet). */
function headsOf(spaceId: SpaceId): Record<string, string[] | null> {
  const heads: Record<string, string[] | null> = {}
  for (const docId of peer.consent.spaces.docsOf(spaceId)) {
    const handle = peer.repo.handles[docId as unknown as DocumentId]
    if (handle?.isReady() === true) {
      heads[docId] = [...Automerge.getHeads(handle.doc())].sort()
    } else {
      heads[docId] = null
      // Not loaded since the start: load it, so a later poll can answer.
      if (!handle) void peer.repo.find(docId as unknown as DocumentId).catch(() => {})
    }
  }
  return heads
}

/** Whether this peer's copy of every document contains every change of the given heads (another peer's). */
function holds(heads: Record<string, string[] | null>): boolean {
  return Object.entries(heads).every(([docId, h]) => {
    if (h === null) return true
    const handle = peer.repo.handles[docId as unknown as DocumentId]
    return handle?.isReady() === true && Automerge.hasHeads(handle.doc(), h)
  })
}

const commands: Record<string, (c: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
  create: async (c) => ({ spaceId: (await peer.api.createSpace({ name: String(c['name']) })).spaceId }),
  invite: async (c) => ({ code: (await peer.api.createInvite({ spaceId: c['spaceId'] as SpaceId })).code }),
  join: async (c) => ({ spaceId: (await peer.api.joinSpace({ code: String(c['code']) })).spaceId }),
  // The answer is the acknowledgement: addResource resolves only once the item is on disk.
  write: async (c) => ({ itemId: (await peer.api.addResource({ spaceId: c['spaceId'] as SpaceId, kind: 'offer', title: String(c['title']) })).id }),
  items: async (c) => {
    const page = await peer.api.listResources({ spaceId: c['spaceId'] as SpaceId, all: true, limit: 1_000_000 })
    return { ids: page.items.map((r) => r.id), syncing: page.syncing }
  },
  // As two members meeting on a LAN would by mDNS: one dial; from then on each remembers the other (peer-memory.ts).
  dial: async (c) => {
    await peer.node.dial(multiaddr(String(c['addr'])), { signal: AbortSignal.timeout(10_000) })
    return {}
  },
  addrs: async () => ({ addrs: peer.addrs() }),
  relay: async () => ({ relay: (await peer.api.status()).relay }),
  /** Open connections: to whom, over which address (a relayed one has /p2p-circuit in it), opened when. */
  links: async () => ({
    links: peer.node.getConnections().filter((x) => x.status === 'open').map((x) => ({ peer: x.remotePeer.toString(), addr: x.remoteAddr.toString(), opened: x.timeline.open })),
  }),
  heads: async (c) => ({ heads: headsOf(c['spaceId'] as SpaceId) }),
  holds: async (c) => ({ holds: holds(c['heads'] as Record<string, string[] | null>) }),
  stats: async () => ({ rss: process.memoryUsage().rss, ...countFds(), connections: peer.node.getConnections().map((x) => x.remotePeer.toString()) }),
  stop: async () => {
    await peer.stop()
    setImmediate(() => process.exit(0))
    return {}
  },
}

/** Open file descriptors of this process (the listing's own included), and how many are sockets; -1 where /proc is missing. */
function countFds(): { fds: number; sockets: number } {
  try {
    const fds = readdirSync('/proc/self/fd')
    const sockets = fds.filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')
      } catch {
        return false
      }
    }).length
    return { fds: fds.length, sockets }
  } catch {
    return { fds: -1, sockets: -1 }
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  let c: Record<string, unknown>
  try {
    c = JSON.parse(line) as Record<string, unknown>
  } catch {
    return out({ ok: false, error: `not a JSON line: ${line.slice(0, 80)}` })
  }
  const run = commands[String(c['cmd'])]
  if (!run) return out({ id: c['id'], ok: false, error: `unknown command ${String(c['cmd'])}` })
  run(c).then((r) => out({ id: c['id'], ok: true, ...r }), (err: unknown) => out({ id: c['id'], ok: false, error: String(err) }))
}).on('close', () => {
  void peer.stop().finally(() => process.exit(0))
})
