/**
 * The bench's scenarios in Chromium, as run.ts runs them: S13 (the Resources board) and S11's
 * first render of the map. Each prints its figures and adds its rows to the table.
 */
import { chromiumMissingReason } from '../e2e/browser.ts'
import { fmt, median, pct, row } from './report.ts'
import { s13 } from './s13-bench.ts'
import { s11Render } from './s11-render.ts'

/** S13: the Resources board in Chromium with 10,000 resources; peers are daemons of their own (s13-bench.ts). */
export async function runS13(): Promise<void> {
  const n = Number(process.env['BENCH_S13_RESOURCES'] ?? 10_000)
  if (chromiumMissingReason) {
    console.log(`S13: skipped, ${chromiumMissingReason}`)
    return
  }
  console.log(`S13: the Resources board in Chromium with ${n} resources: first paint, filter, an edit on A seen in B's page (daemons on loopback, times taken in the page)`)
  const r = await s13(n)
  console.log(`  seeded ${n} resources through A's HTTP API in ${fmt(r.seedMs / 1000, 's')}; B joined in ${fmt(r.joinMs / 1000, 's')}`)
  const paint = median(r.paints.map((p) => p.paintedAt))
  const at = (key: 'domReady' | 'apiStart' | 'apiEnd' | 'rowsAt'): string => fmt(median(r.paints.map((p) => p[key])), 'ms')
  console.log(`  first paint, ${r.paints.length} fresh contexts: ${r.paints.map((p) => fmt(p.paintedAt, 'ms')).join(', ')}`)
  console.log(`  where it goes (medians, from navigation start): script ready ${at('domReady')}; the API requests (${r.paints[0]!.apiRequests}) from ${at('apiStart')} to ${at('apiEnd')}; rows in the DOM ${at('rowsAt')}; painted ${fmt(paint, 'ms')}`)
  console.log(`  baselines: Node fetches all ${n} over HTTP in ${r.fetchAll.map((m) => fmt(m, 'ms')).join(', ')}; Chromium paints a static list of 50 in ${r.staticList.map((m) => fmt(m, 'ms')).join(', ')}`)
  console.log(`  B's page right after B joined (its peer reads the space from disk the first time): painted ${fmt(r.coldPaint.paintedAt, 'ms')}, API requests from ${fmt(r.coldPaint.apiStart, 'ms')} to ${fmt(r.coldPaint.apiEnd, 'ms')}`)
  const answered = r.filters.filter((f) => Number.isFinite(f.ms))
  for (const f of r.filters) {
    if (!Number.isFinite(f.ms)) console.log(`  filter "${f.query}" did not show its ${f.expected} matches within 5 s: ${f.rows} rows, e.g. ${JSON.stringify(f.sample)}`)
  }
  const byQuery = [...new Set(r.filters.map((f) => f.query))].map((q) => {
    const fs = r.filters.filter((f) => f.query === q)
    return `"${q}" (${fs[0]!.expected}) ${fmt(median(fs.map((f) => f.ms)), 'ms')} [Node ${fmt(fs[0]!.nodeMs, 'ms')}]`
  })
  console.log(`  filter, median per query (matches): ${byQuery.join('; ')}`)
  const edit = r.edits.map((e) => e.ms)
  console.log(`  B's page for the edits: ${r.paintRequests} requests to its peer until its first paint, ${r.settleRequests} until it was quiet for a second`)
  console.log(`  edits seen in B's page, ms (requests, answer at ms): ${r.edits.map((e) => `${Math.round(e.ms)} (${e.requests}, ${Math.round(e.toResponse)})`).join(', ')}`)
  const paths = new Map<string, number>()
  for (const e of r.edits) for (const p of e.paths) paths.set(p, (paths.get(p) ?? 0) + 1)
  console.log(`  B's page asked its peer, over the ${r.edits.length} edits: ${[...paths].map(([p, c]) => `${p} ×${c}`).join(', ')}`)
  console.log(`  where an edit's time goes (medians from the call on A): B's page asks its peer at ${fmt(median(r.edits.map((e) => e.toRequest)), 'ms')}, has the answer at ${fmt(median(r.edits.map((e) => e.toResponse)), 'ms')} (${median(r.edits.map((e) => e.requests))} requests), shows it at ${fmt(median(edit), 'ms')}`)
  for (const [what, p] of Object.entries(r.profiles)) {
    console.log(`  CPU profile, ${what}: ${fmt(p.busyMs, 'ms')} busy of ${fmt(p.totalMs, 'ms')}; self time: ${p.top.map((h) => `${h.fn} ${fmt(h.selfMs, 'ms')}`).join('; ')}`)
    console.log(`    with callees: ${p.inclusive.map((h) => `${h.fn} ${fmt(h.selfMs, 'ms')}`).join('; ')}`)
  }
  const filterMs = median(answered.map((f) => f.ms))
  const nodeMs = median(r.filters.map((f) => f.nodeMs))
  row(`S13 first paint of the board, ${n} resources`, fmt(paint, 'ms'), '1 s target', paint / 1000, '≤ 1.0× (≤ 1 s)')
  row(`S13 first paint, against Node fetching the ${n} over HTTP`, fmt(paint, 'ms'), `fetch ${fmt(median(r.fetchAll), 'ms')}`, paint / median(r.fetchAll), '(context)')
  row('S13 first paint, against Chromium painting a static list of 50', fmt(paint, 'ms'), `static ${fmt(median(r.staticList), 'ms')}`, paint / median(r.staticList), '(context)')
  row(`S13 filter response, median of ${answered.length} of ${r.filters.length} (${byQuery.length} queries)`, fmt(filterMs, 'ms'), '100 ms target', filterMs / 100, '≤ 1.0× (≤ 100 ms)')
  row('S13 filter response, against the same filtering in Node', fmt(filterMs, 'ms'), `Node ${fmt(nodeMs, 'ms')}`, filterMs / nodeMs, '(context)')
  row(`S13 list rows in the DOM, ${n} resources`, `${r.domRows} rows`, `${n} resources`, r.domRows / n, '< 200 rows (virtualised)')
  row(`S13 edit on A visible in B's page, p50 of ${edit.length}`, fmt(pct(edit, 50), 'ms'), '100 ms target', pct(edit, 50) / 100, '≤ 1.0× (≤ 100 ms)')
  row('S13 edit visible, p50 against B\'s API (polled)', fmt(pct(edit, 50), 'ms'), `API ${fmt(pct(r.apiEdits, 50), 'ms')}`, pct(edit, 50) / pct(r.apiEdits, 50), '(context)')
  row('S13 edit visible, p95 against B\'s API (polled)', fmt(pct(edit, 95), 'ms'), `API ${fmt(pct(r.apiEdits, 95), 'ms')}`, pct(edit, 95) / pct(r.apiEdits, 95), '(context)')
}

/** S11, Chromium's half: the Map view's first frame of a 2,000-node, 5,000-edge map, against sigma alone on a bare page (s11-render.ts). */
export async function runS11Render(): Promise<void> {
  if (chromiumMissingReason) {
    console.log(`S11 render: skipped, ${chromiumMissingReason}`)
    return
  }
  console.log('S11 render: the Map view in Chromium, from navigation to the frame that first shows the whole map (fresh contexts, daemon on loopback)')
  const r = await s11Render()
  const view = median(r.view)
  const bare = median(r.bare)
  console.log(`  seeded ${r.nodes} nodes and ${r.edges} edges (${r.seededBy}) in ${fmt(r.seedMs / 1000, 's')}; the canvas held ${r.drawn.nodes} nodes and ${r.drawn.edges} edges`)
  console.log(`  the Map view: ${r.view.map((m) => fmt(m, 'ms')).join(', ')}; the map's answer had come at ${fmt(median(r.mapAnswered), 'ms')} (median)`)
  console.log(`  sigma alone on a bare page, the same graph: ${r.bare.map((m) => fmt(m, 'ms')).join(', ')}`)
  console.log(`  the page's longest task in the 3 s after the first frame (the layout settling in its worker, the figures coming): ${r.longestAfter.map((m) => fmt(m, 'ms')).join(', ')}; on the bare page: ${r.bareLongestAfter.map((m) => fmt(m, 'ms')).join(', ')}`)
  console.log(`  the Map view in a page that has shown the space before (the map asked for beside the list of spaces): ${r.returning.map((m) => fmt(m, 'ms')).join(', ')}`)
  row(`S11 first render of the map in Chromium, ${r.nodes} nodes / ${r.edges} edges`, fmt(view, 'ms'), '1.5 s target', view / 1500, '≤ 1.0× (≤ 1.5 s)')
  row('S11 first render, against sigma alone on a bare page', fmt(view, 'ms'), `bare ${fmt(bare, 'ms')}`, view / bare, '(context)')
  row('S11 longest task on the page in the 3 s after the first frame (layout settling)', fmt(median(r.longestAfter), 'ms'), `50 ms (the bare page ${fmt(median(r.bareLongestAfter), 'ms')})`, median(r.longestAfter) / 50, '(context)')
  row('S11 first render, a page that has shown the space before', fmt(median(r.returning), 'ms'), '1.5 s target', median(r.returning) / 1500, '(context)')
}
