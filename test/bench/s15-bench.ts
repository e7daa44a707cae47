/**
 * S15: partition and heal of three peers writing 500 items each (DESIGN.md, Performance): the
 * harness of must-show 3 (test/faults/partition-heal.ts), in network namespaces, on a fixed
 * seed. Each peer's pause between writes spreads its 500 writes over the cycles. Targets:
 * 0 acknowledged writes lost; convergence after a heal p99 ≤ 5 s.
 * BENCH_S15_CYCLES (default 10) and BENCH_S15_SEED change the run.
 */
import { clusterUnavailableReason } from '../faults/cluster.ts'
import { partitionHealTable, runPartitionHeal } from '../faults/partition-heal.ts'
import { fmt, row } from './report.ts'

export async function runS15(): Promise<void> {
  const reason = clusterUnavailableReason()
  if (reason) {
    console.log(`S15: not measured (${reason})`)
    return
  }
  const cycles = Number(process.env['BENCH_S15_CYCLES'] ?? 10)
  const seed = Number(process.env['BENCH_S15_SEED'] ?? 15)
  const writes = 500
  // A cycle lasts about 20 s apart and 2 s healed; a write's acknowledgement takes some tens of ms.
  const pause = Math.round((cycles * 22_000) / writes)
  const r = await runPartitionHeal({ cycles, seed, writesPerPeer: writes, writePauseMs: [Math.round(pause * 0.5), Math.round(pause * 1.5)] })
  console.log(`S15: ${cycles} cycles of {A} | {B, C} (10–30 s each), three peers writing ${writes} items each, seed ${seed}\n${partitionHealTable(r)}`)
  const { p99 } = r.history.convergenceSummary()
  const lost = r.history.lost().length
  row(`S15 acknowledged writes lost, 3 peers × ${writes} items, ${cycles} partitions`, String(lost), '0 target', lost, '0')
  row('S15 convergence after heal, p99', fmt(p99, 'ms'), '5 s target', p99 / 5000, '≤ 1.0× (≤ 5 s)')
}
