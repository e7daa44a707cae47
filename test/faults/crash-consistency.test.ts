/**
 * Power loss (must-show 4): every state a power cut could leave while the store acknowledges
 * writes (only what was fsynced, in order; see test/faults/crash/) opens, and holds every write
 * acknowledged before the cut: over the journal, the per-document files and compaction. The
 * same check against the store with its directory fsyncs turned into no-ops must find a cut
 * that loses an acknowledged write, or the check could not fail.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runWorkload } from './crash/workload.ts'
import { checkAllCrashPoints, type Verdict } from './crash/check.ts'

const WRITES = Number(process.env['CRASH_WRITES'] ?? 40)
// Memory, where there is: the states are thousands of small files, and the model, not the disk, says what survives.
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()

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
    const run = await runWorkload(temp('run'), WRITES)
    expect(run.backgroundErrors).toEqual([])
    const kinds = (k: string): number => run.ops.filter((o) => o.kind === k).length
    const t1 = performance.now()
    const verdict = await checkAllCrashPoints(run, temp('states'))
    const t2 = performance.now()
    console.log(`workload: ${WRITES} writes + 4 documents by journal, ${run.acks.length} acknowledged, ${run.ops.length} disk changes `
      + `(${kinds('fsync')} file fsyncs, ${kinds('fsyncDir')} directory fsyncs, ${kinds('rename')} renames, ${kinds('unlink')} unlinks) in ${(t1 - t0).toFixed(0)} ms; `
      + `${verdict.states} distinct states opened in ${(t2 - t1).toFixed(0)} ms, a journal replayed in ${verdict.replayedStates}`)
    report(verdict)

    const broken = await runWorkload(temp('nodirsync'), WRITES, { dirSync: false })
    const without = await checkAllCrashPoints(broken, temp('nodirsync-states'))
    report(without)
    console.log(`crash-consistency: ${verdict.points} crash points, all load with every acknowledged write; `
      + `without the directory fsync: ${without.failing.length} of ${without.points} lose one (first: ${without.failing[0]?.words ?? 'none'})`)
    expect(verdict.failing.map((f) => f.words)).toEqual([])
    expect(without.failing.length).toBeGreaterThan(0)
  })
})

function report(v: Verdict): void {
  console.log(`${v.points} points, ${v.states} states, ${v.failing.length} failing${v.failing[0] ? `: ${v.failing[0].words}` : ''}`)
}
