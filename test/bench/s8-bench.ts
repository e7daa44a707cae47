/**
 * S8: a space of N resources, as a user drives it: add one, list the first 50 with a filter
 * (tools only), show one, each a request to the peer's local HTTP API (what the CLI and the UI
 * send), in a fresh process with a real peer on disk. The baseline is the stock layout, one
 * Automerge map grown key by key (the same peer, with the resources collection declared as a
 * single document), measured the same way in the same run. The peer's own time for each call
 * (without HTTP) is given beside it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPeer } from '../../electron/peer/create-peer.ts'
import { startApiServer } from '../../electron/peer/api/http-server.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import { byFill, type Collection } from '../../shared/collections/define.ts'
import { COLLECTIONS, CollectionRegistry } from '../../shared/collections/registry.ts'
import { resources } from '../../shared/collections/resources.ts'
import type { SpaceId } from '../../shared/ids.ts'

const KINDS = ['tool', 'offer', 'need', 'facility', 'skill'] as const
const SEED_BATCH = 250
const ROUNDS = 41

export interface S8Row {
  items: number
  layout: 'sharded' | 'one-map'
  /** Medians over ROUNDS, ms: through HTTP, and the peer's own call. */
  add: number
  list: number
  show: number
  addPeer: number
  listPeer: number
  showPeer: number
  /** The slowest HTTP add of the rounds. */
  addMax: number
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now()
  const r = await fn()
  return [r, performance.now() - t0]
}

/** The registry with resources kept in one document that grows without bound (the stock layout). */
function oneMapRegistry(): CollectionRegistry {
  return new CollectionRegistry(COLLECTIONS.map((c) => (c.name === resources.name ? { ...c, shard: byFill(10_000_000) } as Collection : c)))
}

const input = (i: number) => ({
  kind: KINDS[i % KINDS.length]!, title: `Item ${i}: a ladder, four metres`,
  description: `Item ${i}, kept in the shed behind the hall; ask before taking it out for a weekend.`, tags: ['garden', `tag${i % 50}`], quantity: 1,
})

/** Seeds a space of `items` resources, then measures add, list and show. */
export async function s8(items: number, layout: S8Row['layout']): Promise<S8Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cw-bench-s8-'))
  const peer = await createPeer({ listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false }, {
    dataDir, log: createLogger(LogLevel.Error), ...(layout === 'one-map' ? { collections: oneMapRegistry() } : {}),
  })
  const token = 'b'.repeat(64)
  const server = await startApiServer({ api: peer.api, events: peer.events, token })
  try {
    const http: PeerApi = createHttpClient({ url: server.url, token })
    const { spaceId } = await peer.api.createSpace({ name: 'S8' })
    const ids: string[] = []
    for (let i = 0; i < items; i += SEED_BATCH) {
      // Concurrent adds: the write queue takes each batch as one change per shard.
      const batch = await Promise.all(Array.from({ length: Math.min(SEED_BATCH, items - i) }, (_, j) => peer.api.addResource({ spaceId, ...input(i + j) })))
      ids.push(...batch.map((r) => r.id))
    }
    const add: number[] = []
    const list: number[] = []
    const show: number[] = []
    const addPeer: number[] = []
    const listPeer: number[] = []
    const showPeer: number[] = []
    const api = (round: number): PeerApi => (round % 2 === 0 ? http : peer.api)
    for (let round = 0; round < ROUNDS * 2; round++) {
      const via = api(round)
      const [added, a] = await timed(() => via.addResource({ spaceId: spaceId as SpaceId, ...input(items + round) }))
      const [page, l] = await timed(() => via.listResources({ spaceId: spaceId as SpaceId, kind: 'tool', limit: 50 }))
      if (page.items.length !== Math.min(50, page.total) || page.total < items / KINDS.length) throw new Error(`a page of ${page.items.length} of ${page.total} tools`)
      const id = ids[(round * 7919) % ids.length] ?? added.id
      const [one, s] = await timed(() => via.getResource({ spaceId: spaceId as SpaceId, resourceId: id }))
      if (one.id !== id) throw new Error('showed the wrong resource')
      ;(round % 2 === 0 ? add : addPeer).push(a)
      ;(round % 2 === 0 ? list : listPeer).push(l)
      ;(round % 2 === 0 ? show : showPeer).push(s)
    }
    return {
      items, layout, add: median(add), list: median(list), show: median(show),
      addPeer: median(addPeer), listPeer: median(listPeer), showPeer: median(showPeer), addMax: Math.max(...add),
    }
  } finally {
    await server.close()
    await peer.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
