/**
 * Opens every state a power cut could leave as the peer does at start (a fresh store on that
 * directory, recover(), the store's id checked), loads every document from its chunks as
 * automerge-repo does, and checks that every write acknowledged before the crash is in it.
 *
 * Equal states are opened once: what a state holds is kept by its digest, and checked again
 * against the writes acknowledged before each crash point that can leave it.
 */
import { rmSync } from 'node:fs'
import path from 'node:path'
import * as Automerge from '@automerge/automerge'
import type { Chunk } from '@automerge/automerge-repo'
import { JournaledStorage } from '../../../electron/peer/sync/journaled-storage.ts'
import { crashStates, writeState, type CrashState } from './materialise.ts'
import { describeOp } from './recording-fs.ts'
import { JOURNAL, STORE, type Workload } from './workload.ts'

const OPEN_CONCURRENCY = 4

/** What one state holds: the acknowledged writes present in it, or why it does not load. */
interface Opened { present: Set<number>; error?: string; replayed: number }

export interface Failure { point: number; state: CrashState; words: string }

export interface Verdict {
  /** Crash points enumerated: before the first logged change, and after each one. */
  points: number
  /** Distinct states opened. */
  states: number
  /** Crash points where some state loses an acknowledged write or does not load. */
  failing: Failure[]
  /** States in which recover() replayed a journal. */
  replayedStates: number
}

export async function checkAllCrashPoints(w: Workload, scratch: string): Promise<Verdict> {
  const states = [...crashStates(w.ops)]
  const distinct = [...new Map(states.map((s) => [s.digest, s])).values()]
  const opened = new Map<string, Opened>()
  let next = 0
  // Several at a time: opening a state mostly waits on the disk.
  await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, async () => {
    while (next < distinct.length) {
      const s = distinct[next++]!
      opened.set(s.digest, await open(s, path.join(scratch, s.digest), w))
    }
  }))
  const failing: Failure[] = []
  for (const state of states) {
    if (failing.at(-1)?.point === state.point) continue
    const words = judge(state, opened.get(state.digest)!, w)
    if (words !== undefined) failing.push({ point: state.point, state, words })
  }
  return { points: w.ops.length + 1, states: opened.size, failing, replayedStates: [...opened.values()].filter((o) => o.replayed > 0).length }
}

/** Why this state fails at its crash point, in words; undefined when it holds every acknowledged write. */
function judge(state: CrashState, o: Opened, w: Workload): string | undefined {
  const where = state.point === 0 ? 'before the first change to the disk'
    : `after change ${state.point} of ${w.ops.length} (${describeOp(w.ops[state.point - 1]!)})`
  const view = state.dirs === 'fsynced' && state.files === 'fsynced' ? 'only what was fsynced' : `directory entries ${state.dirs}, file contents ${state.files}`
  if (o.error !== undefined) return `a power cut ${where}, leaving ${view}: ${o.error}`
  const lost = w.acks.findIndex((a, i) => a.at <= state.point && !o.present.has(i))
  if (lost === -1) return undefined
  const a = w.acks[lost]!
  return `a power cut ${where}, leaving ${view}, loses ${a.what}, acknowledged after change ${a.at}`
}

async function open(state: CrashState, dir: string, w: Workload): Promise<Opened> {
  writeState(state, dir)
  try {
    const storage = new JournaledStorage(path.join(dir, STORE), path.join(dir, JOURNAL))
    const { replayed } = await storage.recover()
    const idProblem = await storage.checkStorageId()
    if (idProblem) return { present: new Set(), replayed, error: `the store's id in ${idProblem.file} is damaged` }
    const docs = new Map<string, Automerge.Doc<unknown>>()
    for (const id of w.docs) {
      // automerge-repo's order: snapshots, then incremental chunks.
      const chunks = [...await storage.loadRange([id, 'snapshot']), ...await storage.loadRange([id, 'incremental'])]
      if (chunks.length === 0) continue
      try {
        docs.set(id, Automerge.loadIncremental(Automerge.init(), concat(chunks)))
      } catch (err) {
        return { present: new Set(), replayed, error: `document ${id} does not load: ${String(err)}` }
      }
    }
    const present = new Set<number>()
    w.acks.forEach((a, i) => {
      const doc = docs.get(a.doc)
      if (doc !== undefined && Automerge.hasHeads(doc, a.heads)) present.add(i)
    })
    for (const doc of docs.values()) Automerge.free(doc)
    await storage.close()
    return { present, replayed }
  } catch (err) {
    return { present: new Set(), replayed: 0, error: `the store does not open: ${String(err)}` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function concat(chunks: Chunk[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.data!.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c.data!, at)
    at += c.data!.length
  }
  return out
}
