/**
 * Bench operations on a data directory holding many documents, each run by a worker in a fresh
 * process (memory and start-up are measured in processes that did nothing else):
 * - seed: a space of N documents (10 changes each) in a Commonweave data directory, listed in
 *   its sharded index, and the same documents in a stock automerge-repo NodeFS directory;
 * - S4: cold start to ready, ours (createPeer) and the stock probe (Repo + libp2p + the first
 *   document);
 * - S5: memory per document in use, ours (every document found through the peer's repo) and
 *   plain Automerge (every document loaded into an array).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import * as Automerge from '@automerge/automerge'
import { Repo, generateAutomergeUrl, parseAutomergeUrl, type DocumentId, type PeerId as RepoPeerId } from '@automerge/automerge-repo'
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs'
import { createPeer } from '../../electron/peer/create-peer.ts'
import { createLibp2pNode } from '../../electron/peer/net/create-libp2p-node.ts'
import { loadOrCreateIdentity } from '../../electron/peer/identity/identity.ts'
import { DurableFsStorageAdapter } from '../../electron/peer/sync/durable-fs-storage.ts'
import { JournaledStorage } from '../../electron/peer/sync/journaled-storage.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import type { SpaceId } from '../../shared/ids.ts'

const log = createLogger(LogLevel.Error)
const LISTEN = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false }

type Mem = { rss: number; heap: number; external: number }
function memory(): Mem {
  ;(globalThis as { gc?: () => void }).gc?.()
  const m = process.memoryUsage()
  return { rss: m.rss, heap: m.heapUsed, external: m.external }
}

/** A document like S3's: a counter, a title and a map grown over 10 changes. */
function benchDoc(i: number): Uint8Array {
  let doc = Automerge.from<{ n: number; title: string; items: Record<string, number> }>({ n: i, title: `doc ${i}`, items: {} })
  for (let c = 1; c < 10; c++) doc = Automerge.change(doc, (d) => { d.items[`k${c}`] = c })
  const bytes = Automerge.save(doc)
  Automerge.free(doc)
  return bytes
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++]!)
  }))
}

export const diskOps: Record<string, (a: Record<string, unknown>) => Promise<unknown>> = {
  /** Seeds `dir/cw` (ours) and `dir/stock` with a space of `docs` documents; answers their ids. */
  async seedDisk(a) {
    const dir = String(a['dir'])
    const docs = Number(a['docs'])
    const ours = join(dir, 'cw')
    const peer = await createPeer(LISTEN, { dataDir: ours, log })
    const { spaceId } = await peer.api.createSpace({ name: 'bench' })
    await peer.stop()
    const ids: string[] = []
    const storage = new JournaledStorage(join(ours, 'automerge'), join(ours, 'automerge-journal'), () => {})
    mkdirSync(join(dir, 'stock'), { recursive: true })
    const stock = new NodeFSStorageAdapter(join(dir, 'stock'))
    for (let i = 0; i < docs; i += 500) {
      const batch: Array<{ key: string[]; data: Uint8Array }> = []
      for (let j = i; j < Math.min(docs, i + 500); j++) {
        const id = parseAutomergeUrl(generateAutomergeUrl()).documentId as string
        const data = benchDoc(j)
        ids.push(id)
        batch.push({ key: [id, 'snapshot', `seed-${j}`], data })
        await stock.save([id, 'snapshot', `seed-${j}`], data)
      }
      await storage.saveBatch(batch)
    }
    await storage.drain()
    // Listed in the space's sharded index, as a collection's documents are.
    const again = await createPeer(LISTEN, { dataDir: ours, log })
    await again.repo.flush(again.index.register(spaceId as SpaceId, 'bench', ids))
    await again.stop()
    return { spaceId, ids }
  },

  /** S4, ours: a fresh process until createPeer has resolved (the peer is ready). */
  async coldStart(a) {
    const t0 = performance.now()
    const peer = await createPeer(LISTEN, { dataDir: join(String(a['dir']), 'cw'), log })
    const ms = performance.now() - t0
    const documents = peer.consent.spaces.docsOf(String(a['spaceId']) as SpaceId).length
    await peer.stop()
    return { ms, documents }
  },

  /** S4, the stock probe: a stock Repo on NodeFS storage, a libp2p node started, the first document loaded. */
  async coldStartStock(a) {
    const t0 = performance.now()
    const dir = String(a['dir'])
    const { identity } = await loadOrCreateIdentity(join(dir, 'stock-identity'))
    const node = await createLibp2pNode(identity.privateKey, LISTEN)
    await node.start()
    const repo = new Repo({ peerId: identity.peerIdString as unknown as RepoPeerId, storage: new NodeFSStorageAdapter(join(dir, 'stock')), network: [] })
    await repo.find(String(a['first']) as DocumentId)
    const ms = performance.now() - t0
    await repo.shutdown()
    await node.stop()
    return { ms }
  },

  /** S5, ours: every document of the space found through the running peer's repo, memory per document. */
  async memoryOurs(a) {
    const ids = a['ids'] as string[]
    const peer = await createPeer(LISTEN, { dataDir: join(String(a['dir']), 'cw'), log })
    await peer.membership.settled(String(a['spaceId']) as SpaceId)
    const before = memory()
    await mapLimit(ids, 64, (id) => peer.repo.find(id as DocumentId))
    const after = memory()
    const loaded = ids.filter((id) => peer.repo.handles[id as DocumentId]?.isReady()).length
    await peer.stop()
    return { before, after, loaded }
  },

  /** S5, context: a stock automerge-repo Repo (NodeFS storage, no network) finding the same documents. */
  async memoryStockRepo(a) {
    const ids = a['ids'] as string[]
    const repo = new Repo({ storage: new NodeFSStorageAdapter(join(String(a['dir']), 'stock')), network: [] })
    const before = memory()
    await mapLimit(ids, 64, (id) => repo.find(id as DocumentId))
    const after = memory()
    const loaded = ids.filter((id) => repo.handles[id as DocumentId]?.isReady()).length
    return { before, after, loaded }
  },

  /** S5, plain Automerge: the same documents loaded from the same files into an array. */
  async memoryPlain(a) {
    const ids = a['ids'] as string[]
    const storage = new DurableFsStorageAdapter(join(String(a['dir']), 'cw', 'automerge'))
    const chunks = await Promise.all(ids.map(async (id) => (await storage.loadRange([id]))[0]?.data))
    const before = memory()
    const held = chunks.map((bytes) => Automerge.load(bytes!))
    const after = memory()
    return { before, after, loaded: held.length }
  },
}
