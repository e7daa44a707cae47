/**
 * The metrics engine in a real worker thread, and the service that keeps its answers until the
 * map changes.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../shared/errors.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { MetricsGraph } from '../../shared/map/contract.ts'
import { computeMetrics } from '../../shared/map/metrics.ts'
import { WorkerMetricsEngine } from '../../electron/peer/domain/map-metrics-engine.ts'
import { MetricsService, type MetricsProgressEvent } from '../../electron/peer/domain/map-metrics.ts'
import { bridged, directed, edge, node } from '../shared/map/metrics-graphs.ts'

const space = 'space-1' as SpaceId

/** A map of `n` nodes in rings of ten, each ring linked to the next, some links one-way: enough work to watch it run. */
function ringsOf(n: number): MetricsGraph {
  const nodes = Array.from({ length: n }, (_, i) => node(`n${i}`))
  const edges: MetricsGraph['edges'] = []
  for (let i = 0; i < n; i++) {
    const ring = i - (i % 10)
    edges.push(edge(`n${i}`, `n${ring + ((i + 1) % 10)}`, i % 3 === 0 ? 'directed' : 'undirected'))
    if (i % 10 === 0 && i + 10 < n) edges.push(edge(`n${i}`, `n${i + 13 < n ? i + 13 : i + 10}`, 'mutual'))
  }
  return { nodes, edges }
}

const engines: WorkerMetricsEngine[] = []
const engine = (options?: ConstructorParameters<typeof WorkerMetricsEngine>[0]): WorkerMetricsEngine => {
  const e = new WorkerMetricsEngine(options)
  engines.push(e)
  return e
}
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})

describe('the engine, in a worker thread', () => {
  it('gives the same figures as the computation run in this thread', async () => {
    const e = engine()
    for (const g of [bridged, directed, ringsOf(300), { nodes: [], edges: [] }]) {
      expect(await e.compute(g)).toEqual(computeMetrics(g))
    }
  })

  it('reports progress step by step', async () => {
    const seen: string[] = []
    await engine().compute(ringsOf(200), (done, total, step) => seen.push(`${done}/${total} ${step}`))
    expect(seen[0]).toBe('0/7 links')
    expect(seen).toContain('2/7 betweenness')
    expect(seen.at(-1)).toBe('7/7 done')
  })

  it('stops a computation under way when aborted, and computes the next one', async () => {
    const e = engine()
    const stop = new AbortController()
    const big = e.compute(ringsOf(4000), (done) => { if (done >= 2) stop.abort() }, stop.signal)
    await expect(big).rejects.toMatchObject({ code: ErrorCode.Aborted })
    expect(await e.compute(bridged)).toEqual(computeMetrics(bridged))
  })

  it('drops a waiting computation when aborted, leaving the one under way', async () => {
    const e = engine()
    const stop = new AbortController()
    const first = e.compute(ringsOf(500))
    const waiting = e.compute(bridged, undefined, stop.signal)
    stop.abort()
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.Aborted })
    expect((await first).graph.nodes).toBe(500)
  })

  it('a worker that runs out of memory fails that computation in words, and the next call works', async () => {
    const e = engine({ maxHeapMb: 16 })
    const huge = ringsOf(100_000)
    const failed = await e.compute(huge).then(() => null, (err: unknown) => err)
    expect(failed).toMatchObject({ code: ErrorCode.Internal, message: expect.stringMatching(/more memory than the worker's limit of 16 MB.*Ask again/) })
    expect(await e.compute(directed)).toEqual(computeMetrics(directed))
  })

  it('refuses work once closed', async () => {
    const e = engine()
    await e.close()
    await expect(e.compute(bridged)).rejects.toMatchObject({ code: ErrorCode.Unavailable })
  })
})

describe('the metrics service', () => {
  const service = (): { s: MetricsService; events: MetricsProgressEvent[] } => {
    const events: MetricsProgressEvent[] = []
    let t = 0
    const s = new MetricsService(engine(), (e) => events.push(e), () => `2026-01-01T00:00:0${t++}.000Z`)
    return { s, events }
  }

  it('computes once per version, and answers from what it kept until the version changes', async () => {
    const { s, events } = service()
    expect(s.peek(space, 1)).toBeNull()
    const first = await s.get(space, 1, bridged)
    expect(first).toMatchObject({ cached: false, computedAt: '2026-01-01T00:00:00.000Z', graph: { nodes: 9 } })
    expect(events.filter((e) => e.step === 'done')).toEqual([{ spaceId: space, done: 7, total: 7, step: 'done' }])
    const again = await s.get(space, 1, bridged)
    expect(again).toEqual({ ...first, cached: true })
    expect(s.peek(space, 1)).toEqual(again)
    // The map changed: computed anew.
    const changed = await s.get(space, 2, directed)
    expect(changed).toMatchObject({ cached: false, computedAt: '2026-01-01T00:00:01.000Z', graph: { nodes: 4 } })
    expect(s.peek(space, 1)).toBeNull()
    expect(events.filter((e) => e.step === 'done')).toHaveLength(2)
  })

  it('callers asking meanwhile share one computation', async () => {
    const { s, events } = service()
    const [a, b] = await Promise.all([s.get(space, 1, ringsOf(300)), s.get(space, 1, ringsOf(300))])
    expect(a).toEqual(b)
    expect(events.filter((e) => e.step === 'done')).toHaveLength(1)
  })

  it('a computation under way finishes; newer versions asked meanwhile share one computation of the newest', async () => {
    const { s, events } = service()
    const old = s.get(space, 1, ringsOf(300))
    // The map keeps changing while the first runs: versions 2, 3 and 4 wait, and 4 is computed once.
    const later = [s.get(space, 2, bridged), s.get(space, 3, directed), s.get(space, 4, bridged)]
    const [o, ...rest] = await Promise.all([old, ...later])
    expect(o.graph.nodes).toBe(300)
    for (const r of rest) expect(r.graph.nodes).toBe(9)
    expect(s.peek(space, 4)?.graph.nodes).toBe(9)
    expect(s.peek(space, 1)).toBeNull()
    expect(events.filter((e) => e.step === 'done')).toHaveLength(2)
  })
})
