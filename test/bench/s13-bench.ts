/**
 * S13: the Resources board in Debian's Chromium with 10,000 resources, against real daemons
 * (`commonweave start`, each its own process and data directory, on loopback).
 * - First paint: from navigation start to the frame that paints the list's first resource
 *   rows, in a fresh browser context each time. Baselines: Node fetching the same 10,000 over
 *   the same HTTP API, page by page as the page does (what the page cannot beat), and
 *   Chromium painting a plain static list of 50 rows.
 * - Filter: from the input event of the search field to the frame whose rows reflect the
 *   query. Baseline: the same query filtering the same items in Node.
 * - Edit: peer B (a member of A's space, by invite) has the board open; a title edited through
 *   A's API, from just before the call to the frame where B's page shows it (both wall clock,
 *   one machine). Baseline: the same edit seen through B's API (S2 through HTTP).
 * Timings inside the page come from the page (s13-page.ts); Node only compares them.
 *
 * Run alone: `BENCH_ONLY=s13 npm run bench`. BENCH_S13_RESOURCES (10000) sizes the space,
 * BENCH_S13_EDITS (30) the edits; BENCH_S13_PROFILE=1 adds CPU profiles of the page
 * (s13-profile.ts). Needs /usr/bin/chromium; builds dist/renderer when it is stale.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { ResourceView } from '../../shared/schemas/resource.ts'
import { launchChromium } from '../e2e/browser.ts'
import { ensureRendererBuilt } from '../e2e/renderer-build.ts'
import { startUiPeer, type UiPeer } from '../e2e/ui-peer.ts'
import { editedTitle, itemNumber, nodeFilter, nodeFilterMs, queryWords, s13Input, S13_QUERIES } from './s13-data.ts'
import { profiling, startProfile, type ProfileSummary } from './s13-profile.ts'
import { armFilter, installProbe, rowShows, staticListPage, type FilterTiming, type PaintTiming, type SeenTiming } from './s13-page.ts'

const SEED_BATCH = 250
const PAGE = 1000
const PAINT_REPS = 5
const FILTER_REPS = 3
const EDITS = Number(process.env['BENCH_S13_EDITS'] ?? 30)
/** Between edits: longer than automerge-repo's 100 ms sync throttle, so each edit is isolated (as S2's are). */
const EDIT_GAP_MS = 150

export interface EditSample {
  /** Call on A to the frame on B's page that shows it. */
  ms: number
  /** The call on A to the first API request of B's page after it, and to the last one's end (where the time goes). */
  toRequest: number
  toResponse: number
  requests: number
  paths: string[]
}

export interface S13Result {
  resources: number
  seedMs: number
  joinMs: number
  paints: PaintTiming[]
  /** Node fetching every resource over the HTTP API, a page of 1,000 at a time, ms. */
  fetchAll: number[]
  /** Chromium painting a static list of 50 rows, navigation start to the frame that paints them, ms. */
  staticList: number[]
  filters: Array<FilterTiming & { query: string; expected: number; nodeMs: number }>
  /** Rows in the DOM with the whole list shown (virtualised: far fewer than the resources). */
  domRows: number
  /** B's page, opened right after B joined: the peer reads the space from disk for the first time. */
  coldPaint: PaintTiming
  /** Requests B's page (opened again for the edits) made before it was quiet, and before its first paint. */
  settleRequests: number
  paintRequests: number
  edits: EditSample[]
  /** The same edits seen by polling B's API instead of its page, ms. */
  apiEdits: number[]
  /** With BENCH_S13_PROFILE=1: CPU profiles of one more first paint, filter pass and a few more edits, unmeasured. */
  profiles: Record<string, ProfileSummary>
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now()
  const r = await fn()
  return [r, performance.now() - t0]
}

/** Every resource of the space, as the board's slice fetches them. */
async function fetchAll(api: PeerApi, spaceId: SpaceId): Promise<ResourceView[]> {
  const out: ResourceView[] = []
  for (;;) {
    const page = await api.listResources({ spaceId, all: true, limit: PAGE, offset: out.length })
    out.push(...page.items)
    if (page.items.length < PAGE || out.length >= page.total) return out
  }
}

async function seed(api: PeerApi, spaceId: SpaceId, n: number): Promise<void> {
  for (let i = 0; i < n; i += SEED_BATCH) {
    // Concurrent adds: the peer's write queue takes each batch as one change per shard.
    await Promise.all(Array.from({ length: Math.min(SEED_BATCH, n - i) }, (_, j) => api.addResource(s13Input(spaceId, i + j))))
  }
}

async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(installProbe)
  return { context, page: await context.newPage() }
}

/** Opens `url` and waits for the probe's first paint of resource rows. */
async function firstPaint(page: Page, url: string, timeoutMs = 60_000): Promise<PaintTiming> {
  await page.goto(url)
  const handle = await page.waitForFunction(() => window.__s13.paint ?? false, undefined, { timeout: timeoutMs })
  return await handle.jsonValue() as PaintTiming
}

async function filterOnce(page: Page, query: string, expected: number, allRows: number): Promise<FilterTiming> {
  const search = page.getByLabel('Search resources')
  await page.evaluate(armFilter, { query, words: queryWords(query), expected })
  await search.fill(query)
  const timing = await page.evaluate(() => window.__s13.filter!)
  await search.fill('')
  // Back to the whole list before the next query (not measured).
  await page.waitForFunction((n) => window.__s13.rows().length === n, allRows, { polling: 'raf', timeout: 30_000 })
  return timing
}

async function filterPass(page: Page, items: ResourceView[], allRows: number): Promise<S13Result['filters']> {
  const out: S13Result['filters'] = []
  for (const query of S13_QUERIES) {
    const expected = nodeFilter(items, query).length
    const t = await filterOnce(page, query, expected, allRows)
    out.push({ ...t, query, expected, nodeMs: nodeFilterMs(items, query) })
  }
  return out
}

/** Edits the titles of the resources numbered `onScreen`, in turn, on A; each timed until B's page shows it. */
async function editsSeen(page: Page, a: PeerApi, spaceId: SpaceId, idOf: Map<number, string>, onScreen: number[], from: number, count: number): Promise<EditSample[]> {
  const edits: EditSample[] = []
  for (let k = from; k < from + count; k++) {
    const n = onScreen[k % onScreen.length]!
    const title = editedTitle(n, k)
    await page.evaluate(() => performance.clearResourceTimings())
    const seen = page.waitForFunction(rowShows, title, { polling: 'raf', timeout: 30_000 })
    const t0 = Date.now()
    await a.editResource({ spaceId, resourceId: idOf.get(n)!, title })
    const s = await (await seen).jsonValue() as SeenTiming
    edits.push({ ms: s.seenAt - t0, toRequest: s.apiStart - t0, toResponse: s.apiEnd - t0, requests: s.apiRequests, paths: s.paths })
    await wait(EDIT_GAP_MS)
  }
  return edits
}

/**
 * Waits until the page has made no request to its peer for a second, and says how many it made
 * since navigation: a page that relists everything after its first paint is still busy.
 */
async function settle(page: Page): Promise<number> {
  const count = (): Promise<number> => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/')).length)
  let before = -1
  let now = await count()
  for (let i = 0; i < 120 && now !== before; i++) {
    before = now
    await wait(1000)
    now = await count()
  }
  return now
}

/** Rows wholly inside B's window, as the `Item i` numbers they show. */
async function visibleItems(page: Page): Promise<number[]> {
  const texts = await page.evaluate(() => window.__s13.rows()
    .filter((r) => { const b = r.getBoundingClientRect(); return b.height > 0 && b.top >= 0 && b.bottom <= window.innerHeight })
    .map((r) => r.textContent ?? ''))
  return texts.map(itemNumber).filter((n): n is number => n !== null)
}

export async function s13(resources: number): Promise<S13Result> {
  await ensureRendererBuilt()
  const dirs = [mkdtempSync(join(tmpdir(), 'cw-bench-s13-a-')), mkdtempSync(join(tmpdir(), 'cw-bench-s13-b-'))]
  const peers: UiPeer[] = []
  let browser: Browser | undefined
  try {
    const a = await startUiPeer(dirs[0]!)
    peers.push(a)
    const { spaceId } = await a.api.createSpace({ name: 'S13' })
    const [, seedMs] = await timed(() => seed(a.api, spaceId, resources))
    const items = await fetchAll(a.api, spaceId)
    if (items.length !== resources) throw new Error(`seeded ${resources} resources, the API lists ${items.length}`)
    const idOf = new Map(items.map((r) => [itemNumber(r.title)!, r.id]))
    browser = await launchChromium()

    // First paint, each in a fresh context; each beside the baselines, so all see the same machine.
    const paints: PaintTiming[] = []
    const fetchAllMs: number[] = []
    const staticList: number[] = []
    let board: { context: BrowserContext; page: Page } | undefined
    for (let i = 0; i < PAINT_REPS; i++) {
      fetchAllMs.push((await timed(() => fetchAll(a.api, spaceId)))[1])
      const plain = await freshPage(browser)
      staticList.push((await firstPaint(plain.page, staticListPage(50))).paintedAt)
      await plain.context.close()
      await board?.context.close()
      board = await freshPage(browser)
      paints.push(await firstPaint(board.page, a.ready.ui))
    }

    // The filter, on the last board opened, once the whole list is in place.
    const page = board!.page
    const allRows = await page.evaluate(() => window.__s13.rows().length)
    const filters: S13Result['filters'] = []
    for (let rep = 0; rep < FILTER_REPS; rep++) filters.push(...await filterPass(page, items, allRows))
    const profiles: Record<string, ProfileSummary> = {}
    if (profiling) {
      let stop = await startProfile(page)
      await filterPass(page, items, allRows)
      profiles['filter, one pass of the queries'] = await stop()
      const again = await freshPage(browser)
      stop = await startProfile(again.page)
      await firstPaint(again.page, a.ready.ui)
      profiles['first paint'] = await stop()
      await again.context.close()
    }
    await board!.context.close()

    // B joins, and opens its board once: its peer reads the space from disk for the first time.
    const b = await startUiPeer(dirs[1]!)
    peers.push(b)
    const { code } = await a.api.createInvite({ spaceId })
    const [, joinMs] = await timed(() => b.api.joinSpace({ code, timeoutMs: 120_000 }))
    const first = await freshPage(browser)
    const coldPaint = await firstPaint(first.page, b.ready.ui, 120_000)
    await first.context.close()
    // The baseline edits, through B's API with no page open.
    const apiEdits: number[] = []
    for (let k = 0; k < EDITS; k++) {
      const n = (k * 7919) % resources
      const title = editedTitle(n, k)
      const t0 = Date.now()
      await a.api.editResource({ spaceId, resourceId: idOf.get(n)!, title })
      // Polls as fast as B answers: each request is the resolution.
      while ((await b.api.getResource({ spaceId, resourceId: idOf.get(n)! })).title !== title) { /* poll */ }
      apiEdits.push(Date.now() - t0)
      await wait(EDIT_GAP_MS)
    }

    // B's page: the rows in its window are the ones edited, in turn.
    const viewer = await freshPage(browser)
    const paintRequests = (await firstPaint(viewer.page, b.ready.ui, 120_000)).apiRequests
    // Edits are timed on a quiet page (its first listing may set off more).
    const settleRequests = await settle(viewer.page)
    const onScreen = await visibleItems(viewer.page)
    if (onScreen.length === 0) throw new Error('no resource row is inside the window of B\'s page')
    const edits = await editsSeen(viewer.page, a.api, spaceId, idOf, onScreen, EDITS, EDITS)
    if (profiling) {
      const stop = await startProfile(viewer.page)
      await editsSeen(viewer.page, a.api, spaceId, idOf, onScreen, 2 * EDITS, 10)
      profiles['10 edits seen in B\'s page'] = await stop()
    }
    await viewer.context.close()
    const domRows = Math.max(...paints.map((p) => p.rows), allRows)
    return { resources, seedMs, joinMs, paints, fetchAll: fetchAllMs, staticList, filters, domRows, coldPaint, settleRequests, paintRequests, edits, apiEdits, profiles }
  } finally {
    await browser?.close()
    await Promise.all(peers.map((p) => p.stop()))
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  }
}
