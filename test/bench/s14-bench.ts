/**
 * S14: the first sync of a 1,000-document space (× 10 changes, S3's corpus) through the
 * community peer's relay, against the same join over a direct connection, in the same run.
 * - Relayed, three processes: a community peer (`community: true`) on 127.0.0.1; a sender member
 *   and a receiving member, both with no listen address at all (`listen: []`) and the community
 *   peer as their bootstrap entry, so their only route to each other is its relay. The sender
 *   waits for its reservation (a /p2p-circuit address), founds the space, writes the corpus and
 *   makes an invite naming its relayed address; the receiver joins by it.
 * - Direct, two processes: the sender listens on 127.0.0.1 and the receiver joins by an invite
 *   naming that address.
 * Measured: the receiver's join, which returns once every document is on disk; then, outside the
 * measurement, every document is loaded and checked against the sender's heads. Runs alternate;
 * medians are reported.
 */
import { loadavg } from 'node:os'
import { fmt, median, row } from './report.ts'
import { startWorker, type Worker } from './workers.ts'

type Heads = Record<string, string[]>
type Opened = { peerId: string; addrs: string[] }
interface Joined { ms: number; relayed: boolean }

const MEMBER = { listen: [], mdns: false }

/**
 * The sender founds the space and writes the corpus; then an invite, the receiver's join, and the
 * check. `founded` runs once the corpus is written, `joined` right after the join (before the check loads every document).
 */
async function sendAndJoin(sender: Worker, receiver: Worker, docs: number, changes: number,
  hooks: { founded?: (code: string) => Promise<void>; joined?: () => Promise<void> } = {}): Promise<number> {
  const { spaceId, code: first } = await sender.call<{ spaceId: string; code: string }>('s1Found')
  const heads = await sender.call<Heads>('s1Write', { docs, changes, spaceId })
  await hooks.founded?.(first)
  const code = await sender.call<string>('s1Invite', { spaceId })
  const { ms } = await receiver.call<{ ms: number }>('s1Join', { code })
  await hooks.joined?.()
  await receiver.call('s1Converged', { heads, find: true })
  return ms
}

async function closeAll(ws: Worker[]): Promise<void> {
  await Promise.all(ws.map(async (w) => { await w.call('s1Close').catch(() => {}); await w.stop() }))
}

async function relayed(docs: number, changes: number): Promise<Joined> {
  const ws = await Promise.all([startWorker(), startWorker(), startWorker()])
  try {
    const [community, sender, receiver] = ws as [Worker, Worker, Worker]
    const c = await community.call<Opened>('s1Open', { config: { community: true } })
    const at = c.addrs.find((a) => a.startsWith('/ip4/127.0.0.1/tcp/'))
    if (!at) throw new Error(`the community peer has no loopback address: ${c.addrs.join(', ')}`)
    const bootstrap = [at.includes('/p2p/') ? at : `${at}/p2p/${c.peerId}`]
    await Promise.all([sender, receiver].map((w) => w.call('s1Open', { config: { ...MEMBER, bootstrap } })))
    // The community peer relays only for members of its spaces: it joins the sender's space (over
    // the connection the sender opened to it), then the sender gets its relay slot. It joins once
    // the documents are written, so what is timed is the relay, not the community peer's own catch-up.
    let ok = false
    let routes: Array<{ peer: string; addr: string }> = []
    const founded = async (code: string): Promise<void> => {
      const end = Date.now() + 30_000
      while (!(await sender.call<Array<{ peer: string }>>('s1Routes')).some((x) => x.peer === c.peerId)) {
        if (Date.now() > end) throw new Error('the sender did not connect to the community peer in 30 s')
        await new Promise((r) => setTimeout(r, 50))
      }
      await community.call('s1Join', { code })
      await sender.call('s1AddrWith', { part: '/p2p-circuit' })
    }
    // Relayed only if every connection to the sender, right after the join, went through the community peer.
    const joined = async (): Promise<void> => {
      routes = await receiver.call<Array<{ peer: string; addr: string }>>('s1Routes')
      const toSender = routes.filter((x) => x.peer !== c.peerId)
      ok = toSender.length > 0 && toSender.every((x) => x.addr.includes('/p2p-circuit'))
    }
    const ms = await sendAndJoin(sender, receiver, docs, changes, { founded, joined })
    if (!ok) console.log(`  the receiver's connections: ${routes.map((x) => `${x.peer === c.peerId ? 'community' : x.peer.slice(-6)} ${x.addr}`).join('; ') || 'none'}`)
    return { ms, relayed: ok }
  } finally {
    await closeAll(ws)
  }
}

async function direct(docs: number, changes: number): Promise<Joined> {
  const ws = await Promise.all([startWorker(), startWorker()])
  try {
    const [sender, receiver] = ws as [Worker, Worker]
    await sender.call('s1Open')
    await receiver.call('s1Open')
    return { ms: await sendAndJoin(sender, receiver, docs, changes), relayed: false }
  } finally {
    await closeAll(ws)
  }
}

export async function runS14(docs: number, changes: number, reps: number): Promise<void> {
  console.log(`S14: a new member's first sync of ${docs} documents × ${changes} changes through the community peer's relay (3 processes) against a direct connection (2 processes), libp2p on 127.0.0.1 (median of ${reps} alternating runs; load average ${loadavg()[0]!.toFixed(1)})`)
  const r: Joined[] = []
  const d: Joined[] = []
  for (let i = 0; i < reps; i++) {
    d.push(await direct(docs, changes))
    r.push(await relayed(docs, changes))
    const how = r[i]!.relayed ? 'every connection to the sender relayed' : 'NOT relayed: the receiver reached the sender some other way'
    console.log(`  run ${i + 1}: direct ${fmt(d[i]!.ms, 'ms')}; through the relay ${fmt(r[i]!.ms, 'ms')} (${how})`)
  }
  if (r.some((x) => !x.relayed)) console.log('  the relayed figure is not a relayed sync in every run: see the runs above')
  const [rm, dm] = [median(r.map((x) => x.ms)), median(d.map((x) => x.ms))]
  row(`S14 first sync of ${docs} documents through the relay`, fmt(rm, 'ms'), `direct ${fmt(dm, 'ms')}`, rm / dm, '≤ 2×')
}
