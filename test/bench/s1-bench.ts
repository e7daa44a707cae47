/**
 * S1, LAN convergence: three peers, one process each, on 127.0.0.1, meet with 1,000 documents
 * (× 10 changes, S3's corpus) spread over them: each wrote a third while alone. Measured from
 * the first dial (B→A, C→A, C→B at once) until every peer holds every document with exactly the
 * heads its writer gave it.
 * - Commonweave: A founds a space, B and C join it while it is empty; then each is reopened
 *   alone (no memory of the others' addresses, so it dials nobody by itself) and writes its third
 *   into the space, listed in its index. After the dials each catches up with the others
 *   (catch-up.ts): what it lacks comes in one transfer per peer, stored without being loaded, as
 *   for members who worked apart. "Holds" is then read from its disk (heads of the stored chunks).
 * - Stock: three automerge-repo Repos (in memory) over the same libp2p transport with the stock
 *   network adapter, sharing everything (their default), each holding a third.
 * Runs alternate, medians are reported.
 */
import { loadavg } from 'node:os'
import { dialAddr } from '../../electron/peer/net/create-libp2p-node.ts'
import { fmt, median, row } from './report.ts'
import { startWorker, type Worker } from './workers.ts'

type Heads = Record<string, string[]>
type Opened = { peerId: string; addrs: string[] }
interface Converged {
  /** From the first dial until the last peer held every head. */
  ms: number
  dialMs: number
  /** Each peer's own time to hold every head, A, B, C. */
  perPeer: number[]
  /** Ours: each peer's time until its index listed every document (the rest was fetching them). */
  listed: number[]
}

const now = (): number => performance.timeOrigin + performance.now()
const loopback = (p: Opened): string => {
  const addr = p.addrs.find((a) => a.startsWith('/ip4/127.0.0.1/tcp/'))
  if (!addr) throw new Error(`no loopback TCP address among ${p.addrs.join(', ')}`)
  return dialAddr(addr, p.peerId).toString()
}

/** Each of the three writes its share (the first takes the remainder); answers every document's heads. */
async function writeThirds(ws: Worker[], docs: number, changes: number, spaceId?: string): Promise<Heads> {
  const share = Math.floor(docs / ws.length)
  const parts = await Promise.all(ws.map((w, i) => {
    const mine = i === 0 ? docs - share * (ws.length - 1) : share
    const from = i === 0 ? 0 : docs - share * (ws.length - i)
    return w.call<Heads>('s1Write', { docs: mine, changes, from, spaceId })
  }))
  return Object.assign({}, ...parts) as Heads
}

/** Dials B→A, C→A and C→B at once and waits until all three hold every head. */
async function converge(who: string, ws: Worker[], peers: Opened[], heads: Heads, spaceId?: string): Promise<Converged> {
  const held = await Promise.all(ws.map((w) => w.call<number>('s1Connections')))
  if (held.some((n) => n > 0)) throw new Error(`the peers were already connected before the dials (${held.join(', ')} connections): S1 would measure nothing`)
  const [, b, c] = ws as [Worker, Worker, Worker]
  const done = ws.map((w, i) => w.call<{ at: number; listedAt: number }>('s1Converged', { heads, spaceId }).catch((err: unknown) => {
    throw new Error(`${who}, peer ${'ABC'[i]}: ${String(err).split('\n')[0]}`)
  }))
  // A failure before they are awaited (a dial) is the one to report; theirs follow from it.
  for (const d of done) d.catch(() => {})
  const t0 = now()
  await Promise.all([b.call('s1Dial', { addr: loopback(peers[0]!) }), c.call('s1Dial', { addr: loopback(peers[0]!) }), c.call('s1Dial', { addr: loopback(peers[1]!) })])
  const dialMs = now() - t0
  const ends = await Promise.all(done)
  const perPeer = ends.map((e) => e.at - t0)
  return { ms: Math.max(...perPeer), dialMs, perPeer, listed: ends.map((e) => e.listedAt - t0) }
}

async function ours(docs: number, changes: number): Promise<Converged> {
  const ws = await Promise.all([startWorker(), startWorker(), startWorker()])
  try {
    const [a, ...members] = ws as [Worker, Worker, Worker]
    const opened = await Promise.all(ws.map((w) => w.call<Opened>('s1Open')))
    const { spaceId, code } = await a.call<{ spaceId: string; code: string }>('s1Found')
    await Promise.all(members.map((w) => w.call('s1Join', { code })))
    // The two joins ran at once: a member admitted first learns of the other's grant by sync. Each
    // must know both others before it is reopened alone, or it would refuse to dial one of them.
    await Promise.all(ws.map((w) => w.call('s1AwaitKnown', { peerIds: opened.map((p) => p.peerId) })))
    const peers = await Promise.all(ws.map((w) => w.call<Opened>('s1Alone')))
    const heads = await writeThirds(ws, docs, changes, spaceId)
    return await converge('Commonweave', ws, peers, heads, spaceId)
  } finally {
    await Promise.all(ws.map(async (w) => { await w.call('s1Close'); await w.stop() }))
  }
}

async function stock(docs: number, changes: number): Promise<Converged> {
  const ws = await Promise.all([startWorker(), startWorker(), startWorker()])
  try {
    const peers = await Promise.all(ws.map((w) => w.call<Opened>('init', { mode: 'stock' })))
    const heads = await writeThirds(ws, docs, changes)
    return await converge('stock automerge-repo', ws, peers, heads)
  } finally {
    await Promise.all(ws.map((w) => w.stop()))
  }
}

export async function runS1(docs: number, changes: number, reps: number): Promise<void> {
  console.log(`S1: 3 peers (one process each, libp2p on 127.0.0.1), ${docs} documents × ${changes} changes, a third written on each while apart; from the dials until every peer holds every head (median of ${reps} alternating runs; load average ${loadavg()[0]!.toFixed(1)})`)
  const o: Converged[] = []
  const s: Converged[] = []
  const failed: string[] = []
  // A run that does not converge is said and left out of the medians, never dropped silently.
  const attempt = async (run: () => Promise<Converged>, into: Converged[]): Promise<boolean> => {
    try { into.push(await run()); return true } catch (err) { failed.push(String(err)); console.log(`  a run did not converge: ${String(err)}`); return false }
  }
  for (let i = 0; i < reps; i++) {
    const [okStock, okOurs] = [await attempt(() => stock(docs, changes), s), await attempt(() => ours(docs, changes), o)]
    const list = (xs: number[]): string => xs.map((x) => fmt(x, 'ms')).join(' / ')
    const [si, oi] = [s[s.length - 1]!, o[o.length - 1]!]
    const stockSays = okStock ? `${fmt(si.ms, 'ms')} (A / B / C ${list(si.perPeer)}; dials ${fmt(si.dialMs, 'ms')})` : 'did not converge'
    const oursSays = okOurs ? `${fmt(oi.ms, 'ms')} (A / B / C ${list(oi.perPeer)}; every document listed by the index after ${list(oi.listed)}; dials ${fmt(oi.dialMs, 'ms')})` : 'did not converge'
    console.log(`  run ${i + 1}: stock automerge-repo ${stockSays}; Commonweave ${oursSays}`)
  }
  if (failed.length > 0) console.log(`  ${failed.length} run(s) did not converge within 120 s (left out of the medians): ${failed.join('; ')}`)
  if (o.length === 0 || s.length === 0) return
  const [om, sm] = [median(o.map((r) => r.ms)), median(s.map((r) => r.ms))]
  row(`S1 LAN convergence, 3 peers, ${docs} documents`, fmt(om, 'ms'), `stock repo ${fmt(sm, 'ms')}`, om / sm, '≤ 0.5×')
  if (om / sm > 0.5) {
    const listed = median(o.map((r) => Math.max(...r.listed)))
    console.log(`  S1 target missed in this run. Every document was listed by the index after ${fmt(listed, 'ms')} (median): that is the catch-ups (domain/catch-up.ts: each member asks the others in turn for what it lacks, in one transfer each). Once a catch-up is answered, each peer announces every document it holds in memory to the others, which load each from disk to answer it: one handshake per document, since nothing records what the asker stored (an acknowledgement from it would let that record be kept). On 2 shared cores the three peers and the checks compete for the CPU; stock holds everything in memory.`)
  }
}
