/**
 * Power loss (must-show 4): every state a power cut could leave while the store acknowledges
 * writes (only what was fsynced, in order; see test/faults/crash/) opens, and holds every write
 * acknowledged before the cut: over the journal, the per-document files and compaction. The
 * same check against the store with its directory fsyncs turned into no-ops must find a cut
 * that loses an acknowledged write, or the check could not fail.
 *
 * The data directory's own fsync is made slow, as on a busy disk: that is how this check found
 * two concurrent batches, the second acknowledged before the journal directory the first had
 * just made was durable (a power cut then took the directory, and the batch, away).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runWorkload, type Workload } from './crash/workload.ts'
import { checkAllCrashPoints } from './crash/check.ts'
import type { RecordingOptions } from './crash/recording-fs.ts'

const WRITES = Number(process.env['CRASH_WRITES'] ?? 40)
// Memory, where there is: the states are thousands of small files, and the model, not the disk, says what survives.
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
const SLOW_DATA_DIR: RecordingOptions = { slowDirSync: { dir: '', ms: 100 } }

describe('crash consistency of the document store', () => {
  const dirs: string[] = []
  const temp = (name: string): string => {
    const d = mkdtempSync(path.join(SCRATCH, `cw-crash-${name}-`))
    dirs.push(d)
    return d
  }
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

  it('every crash point loads with every acknowledged write; without the directory fsync one loses a write', { timeout: 120_000 }, async () => {
    const t0 = performance.now()
    const run = await runWorkload(temp('run'), WRITES, SLOW_DATA_DIR)
    expect(run.backgroundErrors).toEqual([])
    const verdict = await checkAllCrashPoints(run, temp('states'))
    console.log(`${describeRun(run)}; ${verdict.states} distinct states opened, a journal replayed in ${verdict.replayedStates}; ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    // What the check covers: the journal replayed, per-document files, compaction unlinking chunks.
    expect(verdict.replayedStates).toBeGreaterThan(0)
    expect(count(run, (o) => o.kind === 'unlink' && o.path.includes('/incremental/'))).toBeGreaterThan(0)
    expect(verdict.failing.map((f) => f.words)).toEqual([])

    const broken = await runWorkload(temp('nodirsync'), WRITES, { ...SLOW_DATA_DIR, dirSync: false })
    const without = await checkAllCrashPoints(broken, temp('nodirsync-states'))
    console.log(`crash-consistency: ${verdict.points} crash points, all load with every acknowledged write; `
      + `without the directory fsync: ${without.failing.length} of its ${without.points} lose one (first: ${without.failing[0]?.words ?? 'none'})`)
    expect(without.failing.length).toBeGreaterThan(0)
  })
})

function count(w: Workload, pred: (op: Workload['ops'][number]) => boolean): number {
  return w.ops.filter(pred).length
}

function describeRun(w: Workload): string {
  const kinds = (k: string): number => count(w, (o) => o.kind === k)
  const compactions = count(w, (o) => o.kind === 'rename' && o.to.includes('/snapshot/'))
  return `${WRITES} writes and 4 documents by journal, ${w.acks.length} acknowledged; ${w.ops.length} disk changes `
    + `(${kinds('fsync')} file fsyncs, ${kinds('fsyncDir')} directory fsyncs, ${kinds('rename')} renames, ${kinds('unlink')} unlinks; `
    + `${compactions} snapshots written, ${count(w, (o) => o.kind === 'unlink' && /\/(incremental|snapshot)\//.test(o.path))} chunks compacted away)`
}
