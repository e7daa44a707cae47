/**
 * S12: matching 1,000 needs against 5,000 offers (tools, facilities, skills), every match with
 * its reasons (s12-data.ts: a seeded community's posts), in one fresh process:
 *   (a) the engine: the match index built from the items, then every open need matched through
 *       it (createMatchIndex, matchesFor);
 *   (b) the baseline: every need scored against every offer (naiveMatches), by the same scoring;
 * and the two answers compared need by need (matches, scores, order, reasons). Each contender
 * gets its own copies of the items, so each works out every item's words (the profiles are
 * cached per item object) and neither profits from the other. Runs alternate, so the machine's
 * load falls on both alike; medians are reported.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import type { InsightResource, MatchOptions, ScoredMatch } from '../../shared/insight/contract.ts'
import { createMatchIndex, DEFAULT_MIN_SCORE, DEFAULT_PER_NEED, naiveMatches } from '../../shared/insight/match.ts'
import { s12Data } from './s12-data.ts'

export interface S12Result {
  needs: number
  offers: number
  /** Open, unexpired needs matched. */
  openNeeds: number
  matches: number
  vocabulary: number
  /** Per run: the index built from nothing, and every need matched with reasons. */
  indexMs: number[]
  /** Per run, of indexMs: the build alone. */
  buildMs: number[]
  /** Per run: the CPU time of indexMs (this process's user + system), which a loaded machine moves less than the wall clock. */
  indexCpuMs: number[]
  naiveMs: number[]
  /** Needs whose answer differed between the index and all pairs (0 expected), over all runs. */
  differing: number
  load: number
}

const copies = (xs: readonly InsightResource[]): InsightResource[] => structuredClone(xs) as InsightResource[]

function byIndex(needs: InsightResource[], offers: InsightResource[], opts: MatchOptions): { answer: Map<string, ScoredMatch[]>; buildMs: number } {
  const t = performance.now()
  const index = createMatchIndex()
  for (const x of needs) index.upsert(x)
  for (const x of offers) index.upsert(x)
  const buildMs = performance.now() - t
  const answer = new Map<string, ScoredMatch[]>()
  for (const need of index.openNeeds(opts.now)) answer.set(need.id, index.matchesFor(need, opts))
  return { answer, buildMs }
}

export function s12(needCount = 1000, offerCount = 5000, runs = 3): S12Result {
  const now = Date.parse('2026-03-01T12:00:00.000Z')
  const { needs, offers, vocabulary } = s12Data({ needs: needCount, offers: offerCount, now })
  const opts: MatchOptions = { now, perNeed: DEFAULT_PER_NEED, minScore: DEFAULT_MIN_SCORE }
  const result: S12Result = {
    needs: needCount, offers: offerCount, openNeeds: 0, matches: 0, vocabulary, indexMs: [], buildMs: [], indexCpuMs: [], naiveMs: [], differing: 0, load: loadavg()[0]!,
  }
  // One unmeasured pass of each, so both run as compiled code.
  byIndex(copies(needs.slice(0, 100)), copies(offers.slice(0, 500)), opts)
  naiveMatches(copies(needs.slice(0, 100)), copies(offers.slice(0, 500)), opts)
  for (let i = 0; i < runs; i++) {
    const [n1, o1, n2, o2] = [copies(needs), copies(offers), copies(needs), copies(offers)]
    let t = performance.now()
    const cpu = process.cpuUsage()
    const { answer, buildMs } = byIndex(n1, o1, opts)
    result.indexMs.push(performance.now() - t)
    const used = process.cpuUsage(cpu)
    result.indexCpuMs.push((used.user + used.system) / 1000)
    result.buildMs.push(buildMs)
    t = performance.now()
    const naive = naiveMatches(n2, o2, opts)
    result.naiveMs.push(performance.now() - t)
    result.openNeeds = answer.size
    result.matches = [...answer.values()].reduce((s, m) => s + m.length, 0)
    if (answer.size !== naive.size) result.differing += Math.abs(answer.size - naive.size)
    for (const [id, got] of answer) if (JSON.stringify(got) !== JSON.stringify(naive.get(id))) result.differing++
  }
  return result
}

