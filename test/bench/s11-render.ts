/**
 * S11, Chromium's half: a map of 2,000 nodes and 5,000 edges on a real daemon (`commonweave
 * start`, on loopback), opened in Debian's Chromium at `#/map` in a fresh browser context each
 * time (nothing cached, no positions kept). Measured: from navigation start to the frame that
 * first shows the whole map (the view's `map:first-render` performance mark). Baseline in the
 * same run: sigma drawing the same graph (same nodes, edges and positions) on a bare page served
 * over HTTP on loopback, from navigation start to its first frame, marked the same way.
 *
 * Run alone: `BENCH_ONLY=s11-render npm run bench`. BENCH_S11_NODES / BENCH_S11_EDGES size the
 * map (2000 / 5000). Needs /usr/bin/chromium; builds dist/renderer when it is stale.
 */
import { createServer, type Server } from 'node:http'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { MapView } from '../../shared/api/map-api.ts'
import { seededPlace } from '../../renderer/features/map/graph-model.ts'
import { FIRST_RENDER_MARK } from '../../renderer/features/map/render-marks.ts'
import { ROOT } from '../helpers/cli-peer.ts'
import { launchChromium } from '../e2e/browser.ts'
import { ensureRendererBuilt } from '../e2e/renderer-build.ts'
import { startUiPeer, type UiPeer } from '../e2e/ui-peer.ts'
import { s11Map, seedMap } from './s11-render-data.ts'

const REPS = 5
/** How long after the first frame the page's long tasks are watched (the layout of 2,000 nodes settles in about that). */
const AFTER_MS = 3000
const VIEWPORT = { width: 1280, height: 800 }

export interface S11RenderResult {
  nodes: number
  edges: number
  seededBy: string
  seedMs: number
  /** Navigation start to the frame showing the whole map in the Map view, ms, one per fresh context. */
  view: number[]
  /** The same on a bare page: sigma drawing the same graph. */
  bare: number[]
  /** The Map view in a page that has shown the space before (it remembers which). */
  returning: number[]
  /** The page's longest task in the 3 s after the first frame (the layout settling off the thread), ms, per opening. */
  longestAfter: number[]
  /** The same on the bare page (sigma alone: no layout, no figures, no app). */
  bareLongestAfter: number[]
  /** Where the view's time goes (medians): the map's answer ends, the view's code is in. */
  mapAnswered: number[]
  /** Nodes and edges the view's canvas held when marked. */
  drawn: { nodes: number; edges: number }
}

/** The bare page: graphology and sigma (their browser builds) and the graph as JSON, from a loopback server. */
async function bareServer(view: MapView): Promise<{ url: string; server: Server }> {
  const place = seededPlace(view.nodes.length)
  const graph = JSON.stringify({
    nodes: view.nodes.map((n) => ({ id: n.id, label: n.label, ...place(n.id) })),
    edges: view.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, directed: e.direction === 'directed' })),
  })
  const files: Record<string, [string, string]> = {
    '/graphology.js': ['text/javascript', readFileSync(join(ROOT, 'node_modules/graphology/dist/graphology.umd.min.js'), 'utf8')],
    '/sigma.js': ['text/javascript', readFileSync(join(ROOT, 'node_modules/sigma/dist/sigma.min.js'), 'utf8')],
    '/graph.json': ['application/json', graph],
    '/': ['text/html', `<!doctype html><meta charset="utf-8"><title>sigma</title><body style="margin:0">
<div id="c" style="width:100vw;height:100vh"></div>
<script src="/graphology.js"></script><script src="/sigma.js"></script>
<script>
fetch('/graph.json').then((r) => r.json()).then((d) => {
  const g = new graphology.MultiGraph({ type: 'mixed', allowSelfLoops: true })
  for (const n of d.nodes) g.addNode(n.id, { x: n.x, y: n.y, label: n.label, size: 5, color: '#4263eb' })
  for (const e of d.edges) {
    if (e.directed) g.addDirectedEdgeWithKey(e.id, e.from, e.to, { type: 'arrow', size: 1, color: '#ced4da' })
    else g.addUndirectedEdgeWithKey(e.id, e.from, e.to, { type: 'line', size: 1, color: '#ced4da' })
  }
  new Sigma(g, document.getElementById('c'), { labelRenderedSizeThreshold: 7, hideEdgesOnMove: true })
  // Marked as the view marks it: in the frame after the first one, once that was presented.
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark(${JSON.stringify(FIRST_RENDER_MARK)})))
})
</script>`],
  }
  const server = createServer((req, res) => {
    const f = files[req.url ?? '/']
    if (!f) { res.writeHead(404).end(); return }
    res.writeHead(200, { 'content-type': `${f[0]}; charset=utf-8`, 'cache-control': 'no-store' }).end(f[1])
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server }
}

/**
 * Opens `url` in a fresh context; the mark's time (ms from navigation start), and the map
 * answer's end where there is one. With `token`, the page has its peer's token before it loads
 * (as a page opened from the link keeps it), so its address can name the Map (`#/map`).
 */
async function firstFrame(browser: Browser, url: string, token?: string, space?: string): Promise<{ ms: number; mapAnswered: number; counts: { nodes: number; edges: number } | null; longestAfter: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  // Long tasks of the page's thread, to see how busy it is once the map shows (the layout settling, the figures coming).
  await context.addInitScript(() => {
    const seen: Array<{ start: number; ms: number }> = []
    ;(window as unknown as { __longTasks: typeof seen }).__longTasks = seen
    new PerformanceObserver((list) => { for (const e of list.getEntries()) seen.push({ start: e.startTime, ms: e.duration }) }).observe({ type: 'longtask', buffered: true })
  })
  if (token) await context.addInitScript((t) => sessionStorage.setItem('commonweave.token', t), token)
  // A page that has shown the space before remembers it, and asks for the map beside the list of spaces.
  if (space) await context.addInitScript((id) => localStorage.setItem('commonweave.selectedSpace', id), space)
  try {
    const page: Page = await context.newPage()
    await page.goto(url)
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, FIRST_RENDER_MARK, { timeout: 120_000, polling: 50 })
    // A window to measure, not a wait for something: the seconds after the first frame, while the layout settles.
    await new Promise((r) => setTimeout(r, AFTER_MS))
    return await page.evaluate((name) => {
      const at = performance.getEntriesByName(name)[0]!.startTime
      const after = (window as unknown as { __longTasks: Array<{ start: number; ms: number }> }).__longTasks.filter((t) => t.start >= at)
      const map = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => /\/map\/graph(\?|$)|graph\.json$/.test(e.name))
      return {
        ms: performance.getEntriesByName(name)[0]!.startTime,
        mapAnswered: map?.responseEnd ?? NaN,
        counts: window.__commonweaveMap?.counts() ?? null,
        longestAfter: Math.max(0, ...after.map((t) => t.ms)),
      }
    }, FIRST_RENDER_MARK)
  } finally {
    await context.close()
  }
}

export async function s11Render(): Promise<S11RenderResult> {
  const nodes = Number(process.env['BENCH_S11_NODES'] ?? 2000)
  const edges = Number(process.env['BENCH_S11_EDGES'] ?? 5000)
  await ensureRendererBuilt()
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-s11-'))
  let peer: UiPeer | undefined
  let browser: Browser | undefined
  let bare: Server | undefined
  try {
    peer = await startUiPeer(dir, { timeoutMs: 40_000 })
    const { spaceId } = await peer.api.createSpace({ name: 'S11' })
    const t0 = performance.now()
    const seededBy = await seedMap(peer.api, spaceId, s11Map(nodes, edges))
    const seedMs = performance.now() - t0
    const view = await peer.api.getMap({ spaceId })
    if (view.nodes.length !== nodes || view.edges.length !== edges) throw new Error(`seeded ${nodes} nodes and ${edges} edges, the map holds ${view.nodes.length} and ${view.edges.length}`)
    const served = await bareServer(view)
    bare = served.server
    const link = new URL(peer.ready.ui)
    const token = /token=([0-9a-f]{64})/.exec(link.hash)?.[1]
    if (!token) throw new Error(`no token in the peer's link ${peer.ready.ui}`)
    const mapUrl = `${link.origin}/#/map`
    browser = await launchChromium()
    const result: S11RenderResult = { nodes, edges, seededBy, seedMs, view: [], bare: [], returning: [], longestAfter: [], bareLongestAfter: [], mapAnswered: [], drawn: { nodes: 0, edges: 0 } }
    // One unmeasured opening each first: Chromium's own caches (shaders, fonts) are warm for every measured one alike.
    await firstFrame(browser, served.url)
    await firstFrame(browser, mapUrl, token)
    for (let i = 0; i < REPS; i++) {
      const b = await firstFrame(browser, served.url)
      result.bare.push(b.ms)
      result.bareLongestAfter.push(b.longestAfter)
      const v = await firstFrame(browser, mapUrl, token)
      result.view.push(v.ms)
      result.mapAnswered.push(v.mapAnswered)
      result.longestAfter.push(v.longestAfter)
      if (v.counts) result.drawn = v.counts
      result.returning.push((await firstFrame(browser, mapUrl, token, spaceId)).ms)
    }
    return result
  } finally {
    await browser?.close()
    bare?.close()
    await peer?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
