/**
 * One bench peer in its own process, driven over IPC by run.ts. Mode `commonweave` is a
 * real peer from createPeer (batch join, membership policy, durable storage); mode `stock`
 * is a stock automerge-repo Repo over the same libp2p transport (share everything,
 * document-by-document sync): the "stock sync over libp2p" baseline.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Automerge from '@automerge/automerge'
import { Repo, type DocHandle, type DocumentId, type PeerId as RepoPeerId } from '@automerge/automerge-repo'
import { multiaddr } from '@multiformats/multiaddr'
import { createPeer, type Peer } from '../../electron/peer/create-peer.ts'
import { createLibp2pNode, type PeerNode } from '../../electron/peer/net/create-libp2p-node.ts'
import { loadOrCreateIdentity } from '../../electron/peer/identity/identity.ts'
import { Libp2pNetworkAdapter } from '../../electron/peer/sync/libp2p-network-adapter.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { messageChannelBulk, messageChannelLatency } from './stock-baselines.ts'
import { diskOps } from './disk-ops.ts'
import { s1Ops } from './s1-ops.ts'
import { countExternalMemoryInHeapLimit } from '../../electron/peer/heap-policy.ts'
import { indexCandidates, itemCandidates } from './sharding-bench.ts'
import { s8 } from './s8-bench.ts'
import { s10 } from './s10-bench.ts'
import { s11 } from './s11-bench.ts'
import { s12 } from './s12-bench.ts'
import { s12Peer } from './s12-peer.ts'
import type { SpaceId } from '../../shared/ids.ts'

type Cmd = { id: number; op: string; args: Record<string, unknown> }

// Every contender gets the same collector policy as the peer, so baselines are not slowed by V8's GC cliff.
countExternalMemoryInHeapLimit()
type Heads = Record<string, string[]>
type BenchDoc = { n: number; title: string; items: Record<string, number> }

const dataDir = mkdtempSync(join(tmpdir(), 'cw-bench-'))
const log = createLogger(process.env['BENCH_LOG'] === 'info' ? LogLevel.Info : LogLevel.Error)
let peer: Peer | undefined
let stock: { repo: Repo; node: PeerNode; adapter: Libp2pNetworkAdapter } | undefined
const node = (): PeerNode => peer?.node ?? stock!.node
const repo = (): Repo => peer?.repo ?? stock!.repo
const now = (): number => performance.timeOrigin + performance.now()
const stall = monitorEventLoopDelay({ resolution: 5 })
const seen = new Map<number, number>()

function headsOf(docIds: string[]): Heads {
  return Object.fromEntries(docIds.map((id) => [id, (() => { const h = repo().handles[id as DocumentId]; return h ? Automerge.getHeads(h.doc() as Automerge.Doc<unknown>) : [] })()]))
}

function holdsAll(expected: Heads): boolean {
  for (const [id, heads] of Object.entries(expected)) {
    const have = repo().handles[id as DocumentId]
    if (!have?.isReady()) return false
    // holds every change the source had (the authority document moves on when we join, so not equality)
    if (!Automerge.hasHeads(have.doc() as Automerge.Doc<unknown>, heads)) return false
  }
  return true
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 2))
  }
}

const ops: Record<string, (a: Record<string, unknown>) => Promise<unknown>> = {
  async init(a) {
    if (a['mode'] === 'stock') {
      const { identity } = await loadOrCreateIdentity(dataDir)
      const n = await createLibp2pNode(identity.privateKey, { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false })
      const adapter = new Libp2pNetworkAdapter({ node: n })
      const r = new Repo({ peerId: identity.peerIdString as unknown as RepoPeerId, network: [adapter], isEphemeral: false })
      await n.start()
      stock = { repo: r, node: n, adapter }
    } else {
      peer = await createPeer({ listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false }, { dataDir, log, unenforcedForBenchmark: a['mode'] === 'unenforced' })
    }
    return { peerId: node().peerId.toString(), addrs: node().getMultiaddrs().map(String) }
  },
  /** A space (or, in stock mode, a bare set) of `docs` documents with `changes` changes each. */
  async seed(a) {
    const docs = Number(a['docs'])
    const changes = Number(a['changes'])
    const ids: string[] = []
    for (let i = 0; i < docs; i++) {
      const h = repo().create<BenchDoc>({ n: i, title: `doc ${i}`, items: {} })
      for (let c = 1; c < changes; c++) h.change((d) => { d.items[`k${c}`] = c })
      ids.push(h.documentId)
    }
    let spaceId: string | undefined
    if (peer) {
      const space = await peer.api.createSpace({ name: 'bench' })
      spaceId = space.spaceId
      // Listed in the space's sharded index, as any collection's documents are.
      await repo().flush(peer.index.register(spaceId as SpaceId, 'bench', ids))
    }
    await repo().flush()
    const all = peer ? peer.api.listSpaces().then((s) => s[0]!.documents) : Promise.resolve(ids)
    const docIds = await all
    return { spaceId, docIds, heads: headsOf(docIds) }
  },
  async invite(a) {
    return (await peer!.api.createInvite({ spaceId: a['spaceId'] as SpaceId })).code
  },
  async dial(a) {
    const conn = await node().dial(multiaddr(String(a['addr'])))
    const remote = conn.remotePeer.toString()
    await until(() => repo().peers.includes(remote as RepoPeerId), 10_000)
    return true
  },
  /**
   * S3, ours: join by invite. The space arrives as a batch written durably to disk; join
   * returns when every document is stored. The stall is watched through the join and a quiet
   * second after, so any sync storm after the join counts too. `verify` checks the heads.
   */
  async join(a) {
    stall.reset(); stall.enable()
    const t0 = now()
    await peer!.api.joinSpace({ code: String(a['code']), timeoutMs: 120_000 })
    const ms = now() - t0
    await new Promise((r) => setTimeout(r, 1000))
    stall.disable()
    return { ms, stallMs: stall.max / 1e6 }
  },
  /** Verification after a join, outside its measurements: every document loads and holds the source's heads. */
  async verify(a) {
    const expected = a['heads'] as Heads
    const t1 = now()
    await Promise.all(Object.keys(expected).map((id) => repo().find(id as DocumentId)))
    await until(() => holdsAll(expected), 120_000)
    return { loadMs: now() - t1 }
  },
  /** S3, stock: find every document by id, until every head is held. */
  async findAll(a) {
    const expected = a['heads'] as Heads
    stall.reset(); stall.enable()
    const t0 = now()
    await Promise.all(Object.keys(expected).map((id) => repo().find(id as DocumentId)))
    await until(() => holdsAll(expected), 120_000)
    const ms = now() - t0
    await new Promise((r) => setTimeout(r, 1000))
    stall.disable()
    return { ms, stallMs: stall.max / 1e6 }
  },
  /** S2: record when each counter value of a document becomes visible here. */
  async watch(a) {
    const handle = await repo().find<BenchDoc>(String(a['docId']) as DocumentId)
    handle.on('change', ({ doc }) => {
      const t = now()
      const n = doc.n
      if (!seen.has(n)) seen.set(n, t)
    })
    return true
  },
  async seen() {
    return Object.fromEntries(seen)
  },
  /** S2: make `count` edits, `gapMs` apart (0 = a burst); returns when each was made. */
  async edit(a) {
    const handle: DocHandle<BenchDoc> = await repo().find<BenchDoc>(String(a['docId']) as DocumentId)
    const made: Record<number, number> = {}
    const start = Number(a['from'])
    for (let i = 0; i < Number(a['count']); i++) {
      const n = start + i
      made[n] = now()
      handle.change((d) => { d.n = n })
      if (Number(a['gapMs']) > 0) await new Promise((r) => setTimeout(r, Number(a['gapMs'])))
    }
    return made
  },
  /** The stock in-process baselines, each run in a fresh process: repeated runs in one process hit V8's GC cliff. */
  async mcBulk(a) {
    return messageChannelBulk(Number(a['docs']), Number(a['changes']))
  },
  async mcLatency(a) {
    return messageChannelLatency(Number(a['isolated']), Number(a['gapMs']), Number(a['bursts']), Number(a['burstSize']))
  },
  /** S8 at one size and layout, in this fresh process. */
  async s8(a) {
    return s8(Number(a['items']), a['layout'] === 'one-map' ? 'one-map' : 'sharded')
  },
  /** S10 in this fresh process (run with --expose-gc). */
  async s10(a) {
    return s10(Number(a['items']), Number(a['pages']), Number(a['queries']))
  },
  /** S11's peer half in this fresh process: map metrics through the engine's worker against graphology here. */
  async s11(a) {
    return s11(Number(a['nodes']), Number(a['edges']), Number(a['runs']))
  },
  /** S12 in this fresh process: 1,000 needs against 5,000 offers through the match index, and by all pairs. */
  async s12(a) {
    return s12(Number(a['needs']), Number(a['offers']), Number(a['runs']))
  },
  /** S12 (c) in this fresh process: a real peer holding the space, matched through its API while its event loop is watched. */
  async s12Peer(a) {
    return s12Peer(Number(a['needs']), Number(a['offers']), Number(a['runs']))
  },

  /** The sharding candidates, measured in this fresh process. */
  async sharding(a) {
    return { items: itemCandidates(Number(a['items'])), index: indexCandidates([64, 128, 256, 512, 1024]) }
  },
  async stop() {
    await peer?.stop()
    if (stock) {
      await stock.repo.shutdown()
      await stock.node.stop()
    }
    rmSync(dataDir, { recursive: true, force: true })
    setImmediate(() => process.exit(0))
    return true
  },
}

const s1 = s1Ops({ repo, node })
// As the daemon does (cli/daemon.ts): a stray rejection inside automerge-repo (a DocSynchronizer's
// whenReady timing out) is said, not fatal, so a slow run is reported rather than lost.
process.on('unhandledRejection', (reason) => console.error(`bench worker ${process.pid}: unhandled rejection: ${String(reason)}`))

process.on('message', (msg: Cmd) => {
  const fn = ops[msg.op] ?? diskOps[msg.op] ?? s1[msg.op]
  if (!fn) {
    process.send!({ id: msg.id, error: `unknown op ${msg.op}` })
    return
  }
  fn(msg.args).then((value) => process.send!({ id: msg.id, value }), (err: unknown) => process.send!({ id: msg.id, error: String((err as Error).stack ?? err) }))
})
process.send!({ id: 0, value: 'up' })
