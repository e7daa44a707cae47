/**
 * S10: one search over a space of 10,000 resources and 500 pages of 2–5 KB, on a member's peer
 * (B) that received the space from the founder (A), two real peers over libp2p on 127.0.0.1 in
 * this fresh process (run with --expose-gc, so heap figures are read after a full collection).
 *
 * Measured:
 * - queries through B's own API (its index, the owner's read check, snippets), a few hundred,
 *   varied: prefixes, typos, several words, whole words; p50 and p99;
 * - the same queries answered by a linear scan of the same entries (s10-scan.ts: tokenised,
 *   prefix and edit distance, term-frequency scores; the target's baseline), and by a naive
 *   `includes` scan (a reference only); the scans take long, so they run on every SCAN_EVERY-th
 *   query, and their p50 is set against the index's p50 over those same queries;
 * - a second index over B's data built from nothing: its build time, the longest event-loop
 *   stall meanwhile, and the heap it holds;
 * - that index brought up to date by changes A makes, from the `collection:changed` event on B
 *   (or the page catalog's change) to a search that finds the new word.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createPeer, type Peer } from '../../electron/peer/create-peer.ts'
import { readerOf } from '../../electron/peer/api/handlers/search.ts'
import { PageCatalog } from '../../electron/peer/domain/page-catalog.ts'
import { SearchIndex } from '../../electron/peer/domain/search-index.ts'
import type { ItemChange } from '../../electron/peer/domain/live-collection.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { Resource } from '../../shared/schemas/resource.ts'
import { pageEntry, resourceEntry, type SearchEntry } from '../../shared/search/entries.ts'
import { DEFAULT_LIMIT } from '../../shared/search/space-search.ts'
import { includesScanner, linearScan } from './s10-scan.ts'
import { s10Data, type QueryKind } from './s10-data.ts'

const SCAN_EVERY = 4
const UPDATES = 20
const PAGE_UPDATES = 5

export interface S10Result {
  items: number
  pages: number
  vocabulary: number
  seedMs: number
  joinMs: number
  queries: number
  p50: number
  p99: number
  byKind: Record<QueryKind, { p50: number; p99: number; hitShare: number }>
  scanned: number
  scanP50: number
  scanIndexP50: number
  includesP50: number
  buildMs: number
  buildStallMs: number
  heapBytes: number | null
  textBytes: number
  update: number[]
  pageUpdate: number[]
  /** The machine's load average (1 min) when the build began and when the queries ran: wall-clock figures on shared cores move with it. */
  load: { queries: number; build: number }
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}
const gc = (globalThis as { gc?: () => void }).gc
const heap = (): number => { gc?.(); gc?.(); return process.memoryUsage().heapUsed }

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`S10: timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

export async function s10(items: number, pageCount: number, queryCount: number): Promise<S10Result> {
  const data = s10Data({ items, pages: pageCount, queries: queryCount })
  const dirs = [mkdtempSync(join(tmpdir(), 'cw-bench-s10a-')), mkdtempSync(join(tmpdir(), 'cw-bench-s10b-'))]
  const log = createLogger(LogLevel.Error)
  const start = (dataDir: string): Promise<Peer> => createPeer({ listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false }, { dataDir, log })
  const a = await start(dirs[0]!)
  const b = await start(dirs[1]!)
  const offs: Array<() => void> = []
  try {
    const t0 = performance.now()
    const { spaceId } = await a.api.createSpace({ name: 'S10' })
    for (let i = 0; i < items; i += 250) await Promise.all(data.resources.slice(i, i + 250).map((r) => a.api.addResource({ spaceId, ...r })))
    for (let i = 0; i < pageCount; i += 10) await Promise.all(data.pages.slice(i, i + 10).map((p) => a.api.createPage({ spaceId, ...p })))
    const seedMs = performance.now() - t0
    const t1 = performance.now()
    await b.api.joinSpace({ code: (await a.api.createInvite({ spaceId })).code })
    await until('B holds every resource and page', async () =>
      (await b.api.listResources({ spaceId, limit: 1 })).total === items && (await b.api.listPages({ spaceId })).pages.length === pageCount)
    const joinMs = performance.now() - t1
    await b.api.search({ spaceId, query: 'warm' })

    // Queries through B's API.
    const queryLoad = loadavg()[0]!
    const times: Array<{ kind: QueryKind; ms: number; hits: number }> = []
    for (const q of data.queries) {
      const s = performance.now()
      const r = await b.api.search({ spaceId, query: q.text })
      times.push({ kind: q.kind, ms: performance.now() - s, hits: r.hits.length })
    }
    const byKind = Object.fromEntries((['prefix', 'typo', 'multiword', 'word'] as const).map((k) => {
      const ts = times.filter((t) => t.kind === k)
      return [k, { p50: pct(ts.map((t) => t.ms), 50), p99: pct(ts.map((t) => t.ms), 99), hitShare: ts.filter((t) => t.hits > 0).length / ts.length }]
    })) as S10Result['byKind']

    // A second index over B's data, built from nothing; its pages from a catalog of its own, so
    // it reads a page's change before it hears of it.
    const pageListeners = new Set<(c: ItemChange) => void>()
    const catalog = new PageCatalog({
      repo: b.repo, log, listed: (s) => b.consent.spaces.docsIn(s, 'pages'), holds: (s) => b.consent.spaces.has(s), lists: (s, d) => b.consent.spaces.collectionOf(s, d) === 'pages',
      onChange: (s, ids) => { for (const l of pageListeners) l({ spaceId: s, collection: 'pages', ids }) },
    })
    await catalog.open(spaceId)
    const index = new SearchIndex({ store: b.collections, spaces: b.consent.spaces, pages: catalog, log })
    const mayRead = readerOf({ kind: 'owner' }, { consent: b.consent, peerId: b.identity.peerIdString, now: Date.now }, spaceId, 'search')
    const before = heap()
    const buildLoad = loadavg()[0]!
    const stalls = monitorEventLoopDelay({ resolution: 1 })
    stalls.enable()
    const tb = performance.now()
    index.start({
      collections: (l) => {
        pageListeners.add(l)
        const off = b.events.on('collection:changed', (c) => { if (c.collection !== 'pages') l(c) })
        return () => { off(); pageListeners.delete(l) }
      },
      spaces: (l) => b.consent.onChange(l),
    })
    offs.push(() => index.stop(), () => catalog.stop())
    await index.search(spaceId as SpaceId, 'warm', { mayRead })
    const buildMs = performance.now() - tb
    stalls.disable()
    const heapBytes = gc ? heap() - before : null

    // The scans, over the same entries the index holds.
    const entries: SearchEntry[] = [
      ...(await b.collections.located<Resource>(spaceId, 'resources')).map(({ item, shard }) => resourceEntry(item, shard)),
      ...catalog.entries(spaceId).map(pageEntry),
    ].filter((e): e is SearchEntry => e !== null)
    const textBytes = entries.reduce((n, e) => n + e.title.length + e.body.length + e.tags.join(' ').length, 0)
    const includes = includesScanner(entries)
    const scan: number[] = []
    const naive: number[] = []
    const indexed: number[] = []
    for (let i = 0; i < data.queries.length; i += SCAN_EVERY) {
      const q = data.queries[i]!.text
      indexed.push(times[i]!.ms)
      let s = performance.now()
      linearScan(entries, q, DEFAULT_LIMIT, mayRead)
      scan.push(performance.now() - s)
      s = performance.now()
      includes(q, DEFAULT_LIMIT, mayRead)
      naive.push(performance.now() - s)
    }

    // Changes from A, seen by the second index on B.
    const found = async (word: string): Promise<void> => {
      while ((await index.search(spaceId as SpaceId, word, { mayRead })).hits.length === 0) await new Promise((r) => setImmediate(r))
    }
    const seenAfterEvent = async (ids: (c: ItemChange) => boolean, make: () => Promise<unknown>, word: string, pages: boolean): Promise<number> => {
      let at = 0
      const arrived = new Promise<void>((resolve) => {
        const hear = (c: ItemChange): void => { if (at === 0 && ids(c)) { at = performance.now(); resolve() } }
        if (pages) { pageListeners.add(hear); offs.push(() => pageListeners.delete(hear)) } else offs.push(b.events.on('collection:changed', hear))
      })
      await make()
      await arrived
      await found(word)
      return performance.now() - at
    }
    const update: number[] = []
    const targets = (await a.api.listResources({ spaceId, limit: UPDATES, offset: Math.floor(items / 2) })).items
    for (const [i, r] of targets.entries()) {
      const word = `zyxquorn${i}`
      update.push(await seenAfterEvent((c) => c.ids.includes(r.id), () => a.api.editResource({ spaceId, resourceId: r.id, title: `${r.title} ${word}` }), word, false))
    }
    const pageUpdate: number[] = []
    const pageTargets = (await a.api.listPages({ spaceId })).pages.slice(0, PAGE_UPDATES)
    for (const [i, p] of pageTargets.entries()) {
      const word = `pagequorn${i}`
      pageUpdate.push(await seenAfterEvent((c) => c.ids.includes(p.id), () => a.api.editPage({ spaceId, pageId: p.id, append: `And ${word} too.` }), word, true))
    }

    return {
      items, pages: pageCount, vocabulary: data.vocabulary, seedMs, joinMs, queries: times.length,
      p50: pct(times.map((t) => t.ms), 50), p99: pct(times.map((t) => t.ms), 99), byKind,
      scanned: scan.length, scanP50: pct(scan, 50), scanIndexP50: pct(indexed, 50), includesP50: pct(naive, 50),
      buildMs, buildStallMs: stalls.max / 1e6, heapBytes, textBytes, update, pageUpdate, load: { queries: queryLoad, build: buildLoad },
    }
  } finally {
    for (const off of offs) off()
    await Promise.allSettled([a.stop(), b.stop()])
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  }
}
