/**
 * Two peers of one space holding the same documents give the same match, gap and suggestion
 * answers (everything but `computedAt`), each as the OpenAPI document describes it, over real
 * libp2p on 127.0.0.1: what one member's
 * assistant tells them is what another's tells them. The space is made by hand: needs and
 * offers that match and one that matches nothing, a van booked twice over, a small map with
 * one node on its own and two nodes that share a neighbour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INSIGHT_COMPONENTS } from '../../electron/peer/api/openapi-insight.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { foundSpace, Peers, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

const strip = <T extends { computedAt: string }>(r: T): Omit<T, 'computedAt'> => {
  const { computedAt: _, ...rest } = r
  return rest
}

/**
 * Where `value` departs from the OpenAPI component `schema` (objects' required and listed keys,
 * arrays, references, one of some shapes, null where allowed): what the API document says must be what comes back.
 */
function departures(value: unknown, schema: Record<string, unknown>, at = '$'): string[] {
  const ref = schema['$ref'] as string | undefined
  if (ref) return departures(value, INSIGHT_COMPONENTS[ref.split('/').pop()!]!, at)
  if (schema['oneOf']) {
    const options = schema['oneOf'] as Array<Record<string, unknown>>
    return options.some((s) => departures(value, s, at).length === 0) ? [] : [`${at}: matches none of its ${options.length} shapes`]
  }
  const types = ([] as unknown[]).concat(schema['type'] ?? [])
  if (value === null) return types.includes('null') ? [] : [`${at}: null`]
  if (types.includes('array')) return Array.isArray(value) ? value.flatMap((v, i) => departures(v, schema['items'] as Record<string, unknown>, `${at}[${i}]`)) : [`${at}: not an array`]
  if (!types.includes('object') || schema['properties'] === undefined) return []
  const props = schema['properties'] as Record<string, Record<string, unknown>>
  const v = value as Record<string, unknown>
  return [
    ...((schema['required'] as string[] | undefined) ?? []).filter((k) => !(k in v)).map((k) => `${at}.${k}: missing`),
    ...Object.keys(v).filter((k) => !(k in props)).map((k) => `${at}.${k}: not in the schema`),
    ...Object.entries(props).filter(([k]) => k in v).flatMap(([k, s]) => departures(v[k], s, `${at}.${k}`)),
  ]
}

describe('insight on two peers holding the same documents', () => {
  const peers = new Peers()
  // Both peers read the same clock, held still while they are compared: ages and expiries are then the same.
  let held: number | undefined
  const now = (): number => held ?? Date.now()
  let a: TestPeer
  let b: TestPeer
  let spaceId: SpaceId

  beforeAll(async () => {
    a = await peers.start('Ana', { now })
    b = await peers.start('Ben', { now })
    spaceId = (await foundSpace(a, [b], 'Commons Test Space')).spaceId
    const add = (p: TestPeer, kind: 'need' | 'offer' | 'tool' | 'skill', title: string, tags: string[], extra: Record<string, unknown> = {}) =>
      p.peer.api.addResource({ spaceId, kind, title, tags, ...extra })
    await add(a, 'need', 'Seeds for the community garden', ['seeds', 'garden'], { description: 'Tomato and bean seeds for spring', location: 'Lisbon' })
    await add(b, 'offer', 'Heirloom seed packets', ['seeds', 'garden'], { description: 'Tomato and bean seeds saved last autumn', location: 'Lisbon' })
    await add(a, 'need', 'A van to take produce to market', ['transport'], { description: 'Saturday mornings', location: 'Lisbon' })
    const van = await add(b, 'tool', 'Cargo van', ['transport', 'van'], { description: 'Seats two, carries crates', location: 'Lisbon' })
    await add(b, 'skill', 'Bookkeeping for small co-ops', ['accounts'])
    await add(a, 'need', 'Someone to tune the piano', ['music'])
    await waitFor('Ana to hold Ben\'s van', async () => (await a.peer.api.listResources({ spaceId })).items.some((r) => r.id === van.id), 15_000)
    await a.peer.api.book({ spaceId, resource: van.id, from: '2030-03-02T08:00:00Z', to: '2030-03-02T12:00:00Z' })
    await b.peer.api.book({ spaceId, resource: van.id, from: '2030-03-02T10:00:00Z', to: '2030-03-02T14:00:00Z' })
    const farm = await a.peer.api.addMapNode({ spaceId, type: 'initiative', label: 'Commons Farm', tags: ['food'] })
    const coop = await a.peer.api.addMapNode({ spaceId, type: 'organisation', label: 'Seed Co-op', tags: ['seeds', 'food'] })
    const bakery = await a.peer.api.addMapNode({ spaceId, type: 'organisation', label: 'Village Bakery', tags: ['food'] })
    await a.peer.api.addMapNode({ spaceId, type: 'place', label: 'Old Mill' })
    await a.peer.api.addMapEdge({ spaceId, from: coop.id, to: farm.id, type: 'supplies' })
    await a.peer.api.addMapEdge({ spaceId, from: bakery.id, to: farm.id, type: 'buys from' })
    const same = async (): Promise<boolean> => {
      const [ra, rb, ba, bb, ma, mb] = await Promise.all([
        a.peer.api.listResources({ spaceId }), b.peer.api.listResources({ spaceId }),
        a.peer.api.listBookings({ spaceId }), b.peer.api.listBookings({ spaceId }),
        a.peer.api.getMap({ spaceId }), b.peer.api.getMap({ spaceId }),
      ])
      return ra.items.length === 6 && rb.items.length === 6 && ba.items.length === 2 && bb.items.length === 2 &&
        ma.nodes.length === 4 && mb.nodes.length === 4 && ma.edges.length === 2 && mb.edges.length === 2
    }
    await waitFor('both peers to hold every resource, booking, node and edge', same, 20_000)
  }, 90_000)
  afterAll(() => peers.close())

  it('gives the same matches, gaps and suggestions on both peers', async () => {
    held = Date.now()
    const [matchA, matchB] = await Promise.all([a.peer.api.match({ spaceId }), b.peer.api.match({ spaceId })])
    expect(strip(matchB)).toEqual(strip(matchA))
    const seeds = matchA.matches.find((m) => m.need.title === 'Seeds for the community garden' && m.offer.title === 'Heirloom seed packets')
    expect(seeds?.offer.ownerName).toBe('Ben')
    expect(seeds?.reasons.map((r) => r.kind)).toContain('tags')
    expect(matchA.matches.some((m) => m.need.title === 'Someone to tune the piano')).toBe(false)

    const [gapsA, gapsB] = await Promise.all([a.peer.api.gaps({ spaceId, unmetAfterDays: 0 }), b.peer.api.gaps({ spaceId, unmetAfterDays: 0 })])
    expect(strip(gapsB)).toEqual(strip(gapsA))
    expect(gapsA.unmetNeeds.map((u) => u.need.title)).toContain('Someone to tune the piano')
    expect(gapsA.bookingConflicts.map((c) => c.resource.title)).toEqual(['Cargo van'])
    expect(gapsA.bookingConflicts[0]!.bookings.map((x) => x.byName).sort()).toEqual(['Ana', 'Ben'])
    expect(gapsA.isolatedNodes.map((n) => n.label)).toEqual(['Old Mill'])

    const [sugA, sugB] = await Promise.all([a.peer.api.suggest({ spaceId }), b.peer.api.suggest({ spaceId })])
    expect(strip(sugB)).toEqual(strip(sugA))
    const pair = sugA.suggestions.find((s) => [s.a.label, s.b.label].sort().join(' + ') === 'Seed Co-op + Village Bakery')
    expect(pair?.reasons.length).toBeGreaterThan(0)
    const health = await a.peer.api.health({ spaceId })
    held = undefined
    const answers = { MatchResult: matchA, GapsResult: gapsA, SuggestResult: sugA, HealthResult: health }
    for (const [name, answer] of Object.entries(answers)) expect(departures(answer, INSIGHT_COMPONENTS[name]!), name).toEqual([])
  }, 30_000)

  it('keeps up as items change: a new offer is matched, a closed one no longer', async () => {
    const tuner = await b.peer.api.addResource({ spaceId, kind: 'skill', title: 'Piano tuning', description: 'I tune pianos', tags: ['music', 'piano'] })
    await waitFor('Ana\'s piano need to match Ben\'s new skill', async () =>
      (await a.peer.api.match({ spaceId })).matches.some((m) => m.offer.id === tuner.id), 15_000)
    await b.peer.api.editResource({ spaceId, resourceId: tuner.id, status: 'closed' })
    await waitFor('the closed skill to leave Ana\'s matches', async () =>
      !(await a.peer.api.match({ spaceId })).matches.some((m) => m.offer.id === tuner.id), 15_000)
    const one = await a.peer.api.match({ spaceId, needId: (await a.peer.api.listResources({ spaceId, kind: 'need' })).items.find((r) => r.title.startsWith('Seeds'))!.id.slice(0, 8) })
    expect(new Set(one.matches.map((m) => m.need.title))).toEqual(new Set(['Seeds for the community garden']))
    expect(one.needs).toBe(1)
  }, 60_000)
})
