/**
 * S12 (c): the peer's event loop while a real peer matches. A peer from createPeer holds a space
 * of S12's 1,000 needs and 5,000 offers (put into its resources collection as a member's peer
 * holds its community's posts, each under its own member's key), and `match` is called through
 * its API, every open need with reasons. monitorEventLoopDelay watches this process's event
 * loop (the peer's) meanwhile: the first call, when the insight worker starts and reads the
 * space (after 2 s watched with nothing called, to show what the seeding leaves running), and then warm calls, each beside as long a watch with nothing computing (the machine's
 * own noise), as S11 does. Then `gaps` a few times, for context (no target).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createPeer } from '../../electron/peer/create-peer.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import type { InsightResource } from '../../shared/insight/contract.ts'
import type { Resource } from '../../shared/schemas/resource.ts'
import { watched } from './s11-bench.ts'
import { s12Data } from './s12-data.ts'

export interface S12PeerResult {
  items: number
  /** Putting the items into the peer's collection (not measured for stalls). */
  seedMs: number
  /** The first match: the worker started, the space read into it, every need matched. */
  coldMs: number
  coldStallMs: number
  /** Just before the first match, over 2 s with nothing called: what the seeding leaves running (its saves), for comparison. */
  settleStallMs: number
  matchMs: number[]
  stallMs: number[]
  idleStallMs: number[]
  matches: number
  /** `gaps` through the API after the matches (the index warm): every open need's best score, every offer's use, at S12's size. */
  gapsMs: number[]
  /** The peer's longest event-loop stall during each of those. */
  gapsStallMs: number[]
  load: number
}

const SEED_BATCH = 250

/** The stored form of an engine item: the collection's fields only. */
function stored(r: InsightResource): Resource {
  const { spaceId: _space, ownerName: _name, ...rest } = r
  return rest
}

export async function s12Peer(needs = 1000, offers = 5000, runs = 5): Promise<S12PeerResult> {
  const data = s12Data({ needs, offers, now: Date.now() })
  const dataDir = mkdtempSync(join(tmpdir(), 'cw-bench-s12-'))
  const peer = await createPeer({ listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false }, { dataDir, log: createLogger(LogLevel.Error) })
  try {
    const { spaceId } = await peer.api.createSpace({ name: 'S12' })
    const items = [...data.needs, ...data.offers].map(stored)
    let t = performance.now()
    for (let i = 0; i < items.length; i += SEED_BATCH) await Promise.all(items.slice(i, i + SEED_BATCH).map((r) => peer.collections.put(spaceId, 'resources', r)))
    const seedMs = performance.now() - t
    const settle = await watched(() => new Promise((r) => setTimeout(r, 2000)))
    t = performance.now()
    const cold = await watched(() => peer.api.match({ spaceId }))
    const result: S12PeerResult = {
      items: items.length, seedMs, coldMs: performance.now() - t, coldStallMs: cold.stallMs, settleStallMs: settle.stallMs, matchMs: [], stallMs: [], idleStallMs: [], matches: cold.value.matches.length, gapsMs: [], gapsStallMs: [], load: loadavg()[0]!,
    }
    for (let i = 0; i < runs; i++) {
      t = performance.now()
      const { value, stallMs } = await watched(() => peer.api.match({ spaceId }))
      result.matchMs.push(performance.now() - t)
      result.stallMs.push(stallMs)
      if (value.matches.length !== result.matches) throw new Error(`match gave ${value.matches.length} matches, then ${result.matches}`)
      const quiet = result.matchMs.at(-1)!
      result.idleStallMs.push((await watched(() => new Promise((r) => setTimeout(r, quiet)))).stallMs)
    }
    for (let i = 0; i < 3; i++) {
      t = performance.now()
      const { stallMs } = await watched(() => peer.api.gaps({ spaceId }))
      result.gapsMs.push(performance.now() - t)
      result.gapsStallMs.push(stallMs)
    }
    return result
  } finally {
    await peer.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
