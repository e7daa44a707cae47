/**
 * Partition and heal (must-show 3, bench S15): three peers A, B, C in one space on a namespace
 * cluster, all writing throughout; a seeded schedule of cycles `{A} | {B, C}`, each partition
 * lasting 10–30 s. Just before each heal every peer's heads are taken; convergence after the
 * heal is the time until every peer holds all of them (each side has everything the other
 * wrote while apart; the writes after the heal keep coming and are not waited for). At the end
 * the writers stop and every peer's final read and heads go into the History.
 */
import { rng } from '../shared/grants/fuzz-values.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { Fleet } from './fleet.ts'
import { canonicalHeads, type History } from './history.ts'

export interface PartitionHealOptions {
  cycles: number
  seed: number
  /** How long each partition lasts, drawn per cycle. */
  partitionMs?: [number, number]
  /** How long the peers stay healed after converging, before the next cut. */
  healedMs?: [number, number]
  /** Each peer's pause between writes, and how many acknowledged writes it stops at. */
  writePauseMs?: [number, number]
  writesPerPeer?: number
  /** Longest wait for convergence after a heal before the cycle counts as not converged. */
  convergeTimeoutMs?: number
}

export interface PartitionHealResult {
  history: History
  names: string[]
  cycles: number
  partitionMs: number[]
  /** Cycles at whose heal A's heads and B's differed: the cut really kept them apart. */
  diverged: number
}

export async function runPartitionHeal(opts: PartitionHealOptions): Promise<PartitionHealResult> {
  const random = rng(opts.seed)
  const [pMin, pMax] = opts.partitionMs ?? [10_000, 30_000]
  const [hMin, hMax] = opts.healedMs ?? [1_000, 3_000]
  const names = ['A', 'B', 'C']
  const fleet = await Fleet.start(names)
  const partitionMs: number[] = []
  let diverged = 0
  try {
    fleet.startWriting(random, opts.writePauseMs, opts.writesPerPeer)
    for (let c = 1; c <= opts.cycles; c++) {
      const length = pMin + random.int(pMax - pMin + 1)
      partitionMs.push(length)
      fleet.cluster.cut(0)
      await scheduled(length)
      const before = await fleet.heads()
      const [headsA, headsB] = [fleet.byName('A'), fleet.byName('B')].map((d) => canonicalHeads(before.get(d)!))
      if (headsA !== headsB) diverged++
      fleet.cluster.heal(0)
      const heal = fleet.history.healed(`cycle ${c}`)
      await waitFor(`after heal ${c}, every peer to hold what each side wrote while apart`, () => fleet.holdAll(before), opts.convergeTimeoutMs ?? 60_000, 100)
        .then(() => { heal.convergedAt = Date.now() }, () => {})
      heal.links = await linksAfter(fleet, heal.at)
      await scheduled(hMin + random.int(hMax - hMin + 1))
    }
    await fleet.settle()
    return { history: fleet.history, names, cycles: opts.cycles, partitionMs, diverged }
  } finally {
    await fleet.destroy()
  }
}

/** The run's figures as a table (what must-show 3 prints). */
export function partitionHealTable(r: PartitionHealResult): string {
  const h = r.history
  const { p50, p99, max } = h.convergenceSummary()
  const s = (ms: number): string => (Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(2)} s`)
  const lines = [
    ['cycles ({A} | {B, C})', `${r.cycles} (partitions ${r.partitionMs.map((m) => Math.round(m / 1000)).join(', ')} s)`],
    ['cycles where A and B had diverged by the heal', String(r.diverged)],
    ...r.names.map((n) => [`writes acknowledged by ${n}`, String(h.acksBy(n))]),
    ['writes sent but not answered', String(h.unacknowledged)],
    ['acknowledged writes lost', String(h.lost().length)],
    ['converged at the end (identical heads)', h.converged() ? 'yes' : 'NO'],
    ['heals that did not converge within the timeout', String(h.unconverged())],
    ['convergence after heal p50 / p99 / max', `${s(p50)} / ${s(p99)} / ${s(max)}`],
    ['each heal → converged', h.heals.map((x) => (x.convergedAt === undefined ? '–' : s(x.convergedAt - x.at))).join(', ')],
    ['A → B, C at each convergence (kept through the cut, or opened after the heal)', h.heals.map((x) => x.links ?? '–').join('; ')],
  ]
  const w = Math.max(...lines.map((l) => l[0]!.length))
  return lines.map(([k, v]) => `  ${k!.padEnd(w)} | ${v}`).join('\n')
}

/** A's newest connection to B and to C: "kept" if it is older than the heal, else when after the heal it opened. */
async function linksAfter(fleet: Fleet, healAt: number): Promise<string> {
  const { links } = await fleet.byName('A').call<{ links: Array<{ peer: string; opened: number }> }>('links')
  return ['B', 'C'].map((n) => {
    const opened = Math.max(...links.filter((l) => l.peer === fleet.byName(n).peerId).map((l) => l.opened))
    return opened === -Infinity ? 'none' : opened < healAt ? 'kept' : `new +${((opened - healAt) / 1000).toFixed(1)} s`
  }).join('/')
}

/** Time the schedule puts between two faults (the schedule, not a wait for a condition). */
export function scheduled(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
