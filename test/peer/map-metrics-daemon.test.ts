/**
 * Map metrics from a real daemon (`commonweave start`, Node running the TypeScript directly):
 * its worker thread starts from the source file, the figures come back through the API and the
 * CLI, and a change to the map computes them anew.
 */
import { describe, expect, it } from 'vitest'
import type { MapMetrics, MapNodeDetail } from '../../shared/api/map-api.ts'
import { cliSpace } from '../helpers/cli-space.ts'

describe('map metrics from the daemon', () => {
  const s = cliSpace('Weavers')

  it('a star: the centre bridges everyone; asked again, the same answer from the cache; a new edge computes anew', async () => {
    for (const label of ['Hub', 'Ada', 'Bea', 'Cy']) await s.json('map', 'add-node', 'Weavers', '--type', 'organisation', '--label', label)
    for (const leaf of ['Ada', 'Bea', 'Cy']) await s.json('map', 'add-edge', 'Weavers', '--from', 'Hub', '--to', leaf, '--type', 'partners', '--direction', 'undirected')

    const first = await s.json<MapMetrics>('map', 'metrics', 'Weavers')
    const hub = first.nodes.find((n) => n.label === 'Hub')!
    // 3 leaves: the 3·2 ordered leaf pairs all pass through Hub, of (4−1)(4−2) = 6.
    expect(hub).toMatchObject({ degree: 3, betweenness: 1, closeness: 1, reach: 1 })
    expect(first).toMatchObject({ cached: false, graph: { nodes: 4, edges: 3, diameter: 2 } })

    const again = await s.json<MapMetrics>('map', 'metrics', 'Weavers')
    expect(again).toEqual({ ...first, cached: true })
    // A node's panel carries its figures once they are computed for the map as it is.
    const shown = await s.json<MapNodeDetail>('map', 'show', 'Weavers', 'Hub')
    expect(shown.metrics).toEqual(hub)

    await s.json('map', 'add-edge', 'Weavers', '--from', 'Ada', '--to', 'Bea', '--type', 'partners', '--direction', 'mutual')
    const changed = await s.json<MapMetrics>('map', 'metrics', 'Weavers')
    expect(changed).toMatchObject({ cached: false, graph: { edges: 4 } })
    // Ada and Bea now reach each other directly: Hub lies on Ada–Cy and Bea–Cy only, 4 of 6.
    expect(changed.nodes.find((n) => n.label === 'Hub')!.betweenness).toBeCloseTo(4 / 6, 10)

    const words = await s.run('map', 'metrics', 'Weavers')
    expect(words.code).toBe(0)
    expect(words.stdout).toMatch(/Bridges \(highest betweenness\):\n {2}Hub/u)
    expect(words.stdout).toMatch(/the map has not changed since/u)
  })
})
