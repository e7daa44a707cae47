/**
 * Where a page's main thread spends a stretch of S13, for when a figure misses its target:
 * a V8 CPU profile taken over the Chrome DevTools Protocol, summed by function (self time).
 * Only with BENCH_S13_PROFILE=1; profiling slows the page a little, so figures taken under it
 * are not the scenario's figures. The bundle's source map names each place in the renderer's
 * own sources (the build always writes one).
 */
import type { CDPSession, Page } from 'playwright-core'
import { sourceMapLookup, type Origin, type RawSourceMap } from './s13-sourcemap.ts'

export interface HotSpot {
  /** The function's name and where it is (file, line). */
  fn: string
  selfMs: number
}

export interface ProfileSummary {
  /** Sampled time in all, and the part the page was busy (not idle). */
  totalMs: number
  busyMs: number
  /** By self time; and the renderer's own functions (not its libraries') by time with the functions they called. */
  top: HotSpot[]
  inclusive: HotSpot[]
}

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
type Resolve = (url: string, line: number, column: number) => Origin | null
interface CpuProfile { nodes: Array<{ id: number; callFrame: CallFrame; children?: number[] }>; samples: number[]; timeDeltas: number[] }

export const profiling = process.env['BENCH_S13_PROFILE'] === '1'

/** Starts profiling `page`'s main thread (before a navigation, too); the stop returns the summary. */
export async function startProfile(page: Page): Promise<() => Promise<ProfileSummary>> {
  const cdp: CDPSession = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
  await cdp.send('Profiler.start')
  return async () => {
    const { profile } = await cdp.send('Profiler.stop') as unknown as { profile: CpuProfile }
    await cdp.detach()
    return summarise(profile, await sourceMaps(profile))
  }
}

/** The source maps of the scripts the profile ran (from the server that sent them); places without one stay as they are. */
async function sourceMaps(profile: CpuProfile): Promise<Resolve> {
  const urls = new Set(profile.nodes.map((n) => n.callFrame.url).filter((u) => /^https?:.*\.js$/.test(u)))
  const maps = new Map<string, ReturnType<typeof sourceMapLookup>>()
  for (const url of urls) {
    try {
      const res = await fetch(`${url}.map`)
      if (res.ok) maps.set(url, sourceMapLookup(await res.json() as RawSourceMap))
    } catch {
      // no map: the generated names are shown
    }
  }
  return (url, line, column) => maps.get(url)?.(line, column) ?? null
}

/** A function as a reader knows it: its name and where it is written, and whether it is the renderer's own. */
function place(f: CallFrame, resolve: Resolve): { label: string; own: boolean } {
  const o = f.url ? resolve(f.url, f.lineNumber, f.columnNumber) : null
  if (!o) return { label: `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}` : ''}`, own: false }
  const source = o.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '')
  return { label: `${f.functionName || o.name || '(anonymous)'} ${source}:${o.line}`, own: !o.source.includes('node_modules') }
}

/** Time by function, the largest first (each sample counts until the next one). */
export function summarise(profile: CpuProfile, resolve: Resolve, n = 12): ProfileSummary {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const places = new Map(profile.nodes.map((node) => [node.id, place(node.callFrame, resolve)]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id)
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let total = 0
  let idle = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    const frame = byNode.get(profile.samples[i]!)!
    total += ms
    if (frame.functionName === '(idle)') {
      idle += ms
      continue
    }
    const key = places.get(profile.samples[i]!)!.label
    self.set(key, (self.get(key) ?? 0) + ms)
    const onStack = new Set<string>()
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const p = places.get(id)!
      if (p.own) onStack.add(p.label)
    }
    for (const k of onStack) inclusive.set(k, (inclusive.get(k) ?? 0) + ms)
  }
  const largest = (m: Map<string, number>): HotSpot[] => [...m].map(([fn, selfMs]) => ({ fn, selfMs })).sort((a, b) => b.selfMs - a.selfMs).slice(0, n)
  return { totalMs: total, busyMs: total - idle, top: largest(self), inclusive: largest(inclusive) }
}
