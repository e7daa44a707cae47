/**
 * Baselines measured in the same run as our figures: two stock automerge-repo Repos in one
 * process joined by automerge-repo's own MessageChannel adapter, and plain Automerge sync in
 * memory (no repo, no network) for the byte floor.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Automerge from '@automerge/automerge'
import { Repo, type DocumentId } from '@automerge/automerge-repo'
import { MessageChannelNetworkAdapter } from '@automerge/automerge-repo-network-messagechannel'

type BenchDoc = { n: number; title: string; items: Record<string, number> }

/** S3's corpus: `docs` documents of `changes` changes each, numbered from `from`. */
export function seedRepo(repo: Repo, docs: number, changes: number, from = 0): string[] {
  const ids: string[] = []
  for (let i = from; i < from + docs; i++) {
    const h = repo.create<BenchDoc>({ n: i, title: `doc ${i}`, items: {} })
    for (let c = 1; c < changes; c++) h.change((d) => { d.items[`k${c}`] = c })
    ids.push(h.documentId)
  }
  return ids
}

function countingPair(): { a: MessageChannelNetworkAdapter; b: MessageChannelNetworkAdapter; bytes: () => number } {
  const { port1, port2 } = new MessageChannel()
  const a = new MessageChannelNetworkAdapter(port1)
  const b = new MessageChannelNetworkAdapter(port2)
  let bytes = 0
  for (const adapter of [a, b]) {
    const send = adapter.send.bind(adapter)
    adapter.send = (m: Parameters<typeof adapter.send>[0]) => {
      bytes += 'data' in m && m.data instanceof Uint8Array ? m.data.byteLength : 0
      send(m)
    }
  }
  return { a, b, bytes: () => bytes }
}

const heldAll = (repo: Repo, src: Repo, ids: string[]): boolean => ids.every((id) => {
  const mine = repo.handles[id as DocumentId]
  const theirs = src.handles[id as DocumentId]
  return mine?.isReady() && theirs && mine.heads().join() === theirs.heads().join()
})

/** S3 baseline: a new repo finds 1,000 documents from another over MessageChannel. */
export async function messageChannelBulk(docs: number, changes: number): Promise<{ ms: number; bytes: number; stallMs: number }> {
  const { a, b, bytes } = countingPair()
  const src = new Repo({ network: [a], peerId: 'src' as never })
  const ids = seedRepo(src, docs, changes)
  const dst = new Repo({ network: [b], peerId: 'dst' as never })
  await new Promise((r) => setTimeout(r, 50))
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  const t0 = performance.now()
  await Promise.all(ids.map((id) => dst.find(id as DocumentId)))
  while (!heldAll(dst, src, ids)) await new Promise((r) => setTimeout(r, 2))
  const ms = performance.now() - t0
  h.disable()
  await src.shutdown()
  await dst.shutdown()
  return { ms, bytes: bytes(), stallMs: h.max / 1e6 }
}

/** Byte floor: plain Automerge sync of the same documents in memory, and save() of them all. */
export function automergeInMemory(docs: number, changes: number): { syncBytes: number; saveBytes: number; saveMs: number } {
  let syncBytes = 0
  let saveBytes = 0
  let saveMs = 0
  for (let i = 0; i < docs; i++) {
    let doc = Automerge.from<BenchDoc>({ n: i, title: `doc ${i}`, items: {} })
    for (let c = 1; c < changes; c++) doc = Automerge.change(doc, (d) => { d.items[`k${c}`] = c })
    const t = performance.now()
    saveBytes += Automerge.save(doc).byteLength
    saveMs += performance.now() - t
    let a = doc
    let b = Automerge.init<BenchDoc>()
    let sa = Automerge.initSyncState()
    let sb = Automerge.initSyncState()
    for (let round = 0; round < 10; round++) {
      const [sa2, ma] = Automerge.generateSyncMessage(a, sa)
      sa = sa2
      if (ma) { syncBytes += ma.byteLength; [b, sb] = Automerge.receiveSyncMessage(b, sb, ma) }
      const [sb2, mb] = Automerge.generateSyncMessage(b, sb)
      sb = sb2
      if (mb) { syncBytes += mb.byteLength; [a, sa] = Automerge.receiveSyncMessage(a, sa, mb) }
      if (!ma && !mb) break
    }
  }
  return { syncBytes, saveBytes, saveMs }
}

/** S2 baseline: edit-to-visible latency between two repos over MessageChannel. */
export async function messageChannelLatency(isolated: number, gapMs: number, bursts: number, burstSize: number): Promise<{ isolated: number[]; burst: number[] }> {
  const { a, b } = countingPair()
  const src = new Repo({ network: [a], peerId: 'src' as never })
  const dst = new Repo({ network: [b], peerId: 'dst' as never })
  const h = src.create<BenchDoc>({ n: 0, title: 'latency', items: {} })
  const remote = await dst.find<BenchDoc>(h.url)
  const seen = new Map<number, number>()
  remote.on('change', ({ doc }) => { if (!seen.has(doc.n)) seen.set(doc.n, performance.now()) })
  const made = new Map<number, number>()
  let n = 0
  const edit = (): void => {
    n++
    made.set(n, performance.now())
    const v = n
    h.change((d) => { d.n = v })
  }
  const isolatedIds: number[] = []
  for (let i = 0; i < isolated; i++) {
    edit(); isolatedIds.push(n)
    await new Promise((r) => setTimeout(r, gapMs))
  }
  const burstIds: number[] = []
  for (let b2 = 0; b2 < bursts; b2++) {
    for (let i = 0; i < burstSize; i++) { edit(); burstIds.push(n) }
    await new Promise((r) => setTimeout(r, 300))
  }
  // edits may be merged into one sync message: an edit's latency is until a value >= it is seen
  const latCovering = (ids: number[]): number[] => ids.map((id) => {
    let t = Infinity
    for (const [v, at] of seen) if (v >= id && at < t) t = at
    return t - made.get(id)!
  })
  const result = { isolated: latCovering(isolatedIds), burst: latCovering(burstIds) }
  await src.shutdown()
  await dst.shutdown()
  return result
}
