/**
 * The soak (must-show 5): peers in one space on a namespace cluster, all writing throughout,
 * while a seeded schedule flaps partitions (every 5–60 s: heal whoever is cut, or cut one host)
 * and SIGKILLs a random peer (every 20–60 s; it is restarted on the same data directory at
 * once). Every minute each running peer's RSS and open descriptors are sampled. At the end
 * everything is healed and restarted, the writers stop, and the run waits for identical heads.
 */
import { rng, type Rng } from '../shared/grants/fuzz-values.ts'
import { Fleet } from './fleet.ts'
import type { History } from './history.ts'
import { scheduled } from './partition-heal.ts'

export interface SoakOptions {
  durationMs: number
  seed: number
  names?: string[]
  /** The peer (one of `names`) that lives behind a NAT and is reached only through the community peer's relay. */
  behindNat?: string
  partitionEveryMs?: [number, number]
  killEveryMs?: [number, number]
  sampleEveryMs?: number
  /** Each peer's pause between writes: slower than the partition test's, so half an hour adds thousands of items, not tens of thousands. */
  writePauseMs?: [number, number]
}

export interface Sample { peer: string; atMs: number; rss: number; fds: number; sockets: number; life: number }

export interface SoakResult {
  history: History
  names: string[]
  durationMs: number
  partitions: number
  kills: Record<string, number>
  samples: Sample[]
  /** From the end of the faults to identical heads everywhere. */
  finalConvergenceMs: number | undefined
}

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const random = rng(opts.seed)
  const names = opts.names ?? ['A', 'B', 'C']
  const fleet = await Fleet.start(names, opts.behindNat ? { behindNat: opts.behindNat } : {})
  const start = Date.now()
  const end = start + opts.durationMs
  const kills: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]))
  const lives: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]))
  const samples: Sample[] = []
  let partitions = 0
  const between = (r: Rng, [lo, hi]: [number, number]): number => lo + r.int(hi - lo + 1)
  // Each kind of fault draws from its own seeded source, so one schedule does not shift the other.
  const [partitionRandom, killRandom] = [rng(opts.seed * 7 + 1), rng(opts.seed * 7 + 2)]
  const sample = async (): Promise<void> => {
    for (const d of fleet.drivers.filter((x) => x.running)) {
      const s = await d.stats().catch(() => undefined)
      if (s) samples.push({ peer: d.name, atMs: Date.now() - start, rss: s.rss, fds: s.fds, sockets: s.sockets, life: lives[d.name]! })
    }
  }
  try {
    fleet.startWriting(random, opts.writePauseMs ?? [300, 900])
    await sample()
    const partitionLoop = (async () => {
      for (;;) {
        const wait = between(partitionRandom, opts.partitionEveryMs ?? [5_000, 60_000])
        if (Date.now() + wait >= end) return
        await scheduled(wait)
        const cut = fleet.cluster.cutHosts()
        if (cut.length > 0) for (const i of cut) fleet.cluster.heal(i)
        else {
          fleet.cluster.cut(partitionRandom.int(fleet.cluster.hosts.length))
          partitions++
        }
      }
    })()
    const killLoop = (async () => {
      for (;;) {
        const wait = between(killRandom, opts.killEveryMs ?? [20_000, 60_000])
        if (Date.now() + wait >= end) return
        await scheduled(wait)
        const victim = fleet.drivers[killRandom.int(fleet.drivers.length)]!
        await victim.kill()
        kills[victim.name]!++
        lives[victim.name]!++
        await fleet.restart(victim)
      }
    })()
    const sampleLoop = (async () => {
      while (Date.now() + (opts.sampleEveryMs ?? 60_000) < end) {
        await scheduled(opts.sampleEveryMs ?? 60_000)
        await sample()
      }
    })()
    await Promise.all([partitionLoop, killLoop, sampleLoop])
    await scheduled(Math.max(0, end - Date.now()))
    for (const i of fleet.cluster.cutHosts()) fleet.cluster.heal(i)
    for (const d of fleet.drivers.filter((x) => !x.running)) await fleet.restart(d)
    await sample()
    const healedAt = Date.now()
    await fleet.stopWriting()
    const finalConvergenceMs = await fleet.waitIdentical(120_000).then((t) => t - healedAt, () => undefined)
    await fleet.settle()
    return { history: fleet.history, names, durationMs: opts.durationMs, partitions, kills, samples, finalConvergenceMs }
  } finally {
    await fleet.destroy()
  }
}

const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MB`

/**
 * Growth per minute of a figure over each peer process's life, from its first sample taken
 * `warmUpMs` or more into that life to its last (a fresh process's heap grows at first
 * whatever it does; a leak keeps growing after).
 */
export function growthPerMinute(samples: Sample[], figure: 'rss' | 'fds', warmUpMs = 0): number[] {
  const byLife = new Map<string, Sample[]>()
  for (const s of samples) byLife.set(`${s.peer}/${s.life}`, [...(byLife.get(`${s.peer}/${s.life}`) ?? []), s])
  return [...byLife.values()].map((xs) => xs.filter((s) => s.atMs - xs[0]!.atMs >= warmUpMs))
    .filter((xs) => xs.length >= 2 && xs.at(-1)!.atMs - xs[0]!.atMs >= 30_000)
    .map((xs) => (xs.at(-1)![figure] - xs[0]![figure]) / ((xs.at(-1)!.atMs - xs[0]!.atMs) / 60_000))
}

/** `warmUpMs`: growth is also given from that far into each process's life (see growthPerMinute). */
export function soakTable(r: SoakResult, warmUpMs = 5 * 60_000): string {
  const h = r.history
  const lines: string[][] = [
    ['duration', `${(r.durationMs / 60_000).toFixed(1)} min`],
    ['partitions (one host on the bridge cut off)', String(r.partitions)],
    ['SIGKILLs and restarts', r.names.map((n) => `${n} ${r.kills[n]}`).join(', ')],
    ...r.names.map((n) => [`writes acknowledged by ${n}`, String(h.acksBy(n))]),
    ['writes sent but not answered (killed or cut mid-write)', String(h.unacknowledged)],
    ['acknowledged writes lost', String(h.lost().length)],
    ['converged at the end (identical heads)', h.converged() ? 'yes' : 'NO'],
    ['end of faults → identical heads', r.finalConvergenceMs === undefined ? 'not within 120 s' : `${(r.finalConvergenceMs / 1000).toFixed(2)} s`],
  ]
  for (const n of r.names) {
    const xs = r.samples.filter((s) => s.peer === n)
    const growth = (figure: 'rss' | 'fds', from: number): string =>
      growthPerMinute(xs, figure, from).map((g) => (figure === 'rss' ? g / 2 ** 20 : g).toFixed(1)).join(', ') || '–'
    const warm = `${Math.round(warmUpMs / 60_000)} min`
    lines.push([`${n} RSS per minute`, `${xs.map((s) => mb(s.rss)).join(' → ')} (growth MB/min per process life: ${growth('rss', 0)}; after its first ${warm}: ${growth('rss', warmUpMs)})`])
    const peak = xs.reduce((m, x) => (x.fds > m.fds ? x : m), xs[0]!)
    lines.push([`${n} peak open fds`, `${peak.fds} (${peak.sockets} of them sockets) at ${Math.round(peak.atMs / 1000)} s`])
    lines.push([`${n} open fds per minute`, `${xs.map((s) => s.fds).join(' → ')} (growth fds/min per process life: ${growth('fds', 0)}; after its first ${warm}: ${growth('fds', warmUpMs)})`])
  }
  const w = Math.max(...lines.map((l) => l[0]!.length))
  return lines.map(([k, v]) => `  ${k!.padEnd(w)} | ${v}`).join('\n')
}
