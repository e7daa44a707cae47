/**
 * The map across a partition, over real libp2p (must-show 3): two weavers add nodes and edges
 * while apart, and one deletes a node the other linked to meanwhile. After the heal both show
 * the same map, no edge points at a deleted node, and the edge to it is a tombstone in storage
 * on both. A guest granted the map to read sees it and cannot change it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MapView } from '../../shared/api/map-api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { MapItem } from '../../shared/schemas/map.ts'
import { partition } from '../helpers/partition.ts'
import { holdsFor, Peers, twoPeers, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

/** What a map shows, in an order that does not depend on who wrote first. */
function shape(m: MapView): { nodes: string[]; edges: string[] } {
  return {
    nodes: m.nodes.map((n) => `${n.id} ${n.label} ${n.type}`).sort(),
    edges: m.edges.map((e) => `${e.id} ${e.fromLabel} -${e.type}-> ${e.toLabel} (${e.direction})`).sort(),
  }
}

describe('two weavers apart, one deleting a node the other linked to', () => {
  const peers = new Peers()
  let a: TestPeer
  let b: TestPeer
  let g: TestPeer
  let spaceId: SpaceId
  const mapOf = (p: TestPeer): Promise<MapView> => p.peer.api.getMap({ spaceId })
  const stored = async (p: TestPeer, id: string): Promise<MapItem | undefined> =>
    (await p.peer.api.listItems({ spaceId, collection: 'map', includeDeleted: true })).items.find((i) => i.id === id) as MapItem | undefined

  beforeAll(async () => {
    let space
    ;({ a, b, space } = await twoPeers(peers))
    spaceId = space.spaceId
    const farm = await a.peer.api.addMapNode({ spaceId, type: 'initiative', label: 'Commons Farm' })
    await a.peer.api.addMapNode({ spaceId, type: 'organisation', label: 'Seed Co-op', attributes: { Town: 'Riverside' } })
    await a.peer.api.addMapEdge({ spaceId, from: 'Seed Co-op', to: 'Commons Farm', type: 'supplies' })
    await waitFor('B holds both nodes and their edge', async () => {
      const m = await mapOf(b)
      return m.nodes.some((n) => n.id === farm.id) && m.nodes.length === 2 && m.edges.length === 1
    }, 15_000)
    g = await peers.start('G')
    const { code } = await a.peer.api.createGrant({ spaceId, to: g.peer.identity.did, cmd: 'read', docs: ['map'], purpose: 'research' })
    await g.peer.api.acceptGrant({ code })
  }, 60_000)
  afterAll(() => peers.close())

  it('after the heal both maps are equal, and the edge to the deleted node is gone and tombstoned', async () => {
    const cut = await partition([a, g], [b])
    // A, apart: a new person linked to the co-op, and the farm deleted (with the edges A knows of).
    await a.peer.api.addMapNode({ spaceId, type: 'person', label: 'Ada' })
    await a.peer.api.addMapEdge({ spaceId, from: 'Ada', to: 'Seed Co-op', type: 'works at' })
    expect(await a.peer.api.deleteMapNode({ spaceId, nodeId: 'Commons Farm' })).toMatchObject({ edges: 1 })
    // Both weavers set a different attribute of the co-op: both are kept.
    await a.peer.api.editMapNode({ spaceId, nodeId: 'Seed Co-op', attributes: { Founded: 2015 } })
    await b.peer.api.editMapNode({ spaceId, nodeId: 'Seed Co-op', attributes: { Members: 40, Town: 'Riverside East' } })
    // B, apart: a tool library linked to the farm A just deleted, and to the co-op.
    await b.peer.api.addMapNode({ spaceId, type: 'resource', label: 'Tool library' })
    const toFarm = await b.peer.api.addMapEdge({ spaceId, from: 'Tool library', to: 'Commons Farm', type: 'lends to', direction: 'mutual' })
    const toCoop = await b.peer.api.addMapEdge({ spaceId, from: 'Tool library', to: 'Seed Co-op', type: 'lends to', direction: 'undirected' })
    await holdsFor('apart, each shows only its own changes', 300, async () =>
      (await mapOf(a)).nodes.every((n) => n.label !== 'Tool library') && (await mapOf(b)).nodes.some((n) => n.label === 'Commons Farm'))

    await cut.heal()
    const agreed = await waitFor('A and B show the same map, with both weavers\' changes', async () => {
      const [x, y] = await Promise.all([mapOf(a), mapOf(b)])
      const sx = shape(x)
      return JSON.stringify(sx) === JSON.stringify(shape(y)) && sx.nodes.length === 3 && sx.edges.length === 2 ? x : undefined
    }, 20_000)
    expect(agreed.nodes.map((n) => n.label).sort()).toEqual(['Ada', 'Seed Co-op', 'Tool library'])
    // Attributes in a stable order: each peer lists the keys in the order it came to hold them.
    const coopOn = async (p: TestPeer): Promise<string> =>
      JSON.stringify(Object.entries((await mapOf(p)).nodes.find((n) => n.label === 'Seed Co-op')?.attributes ?? {}).sort())
    const both = JSON.stringify(Object.entries({ Founded: 2015, Members: 40, Town: 'Riverside East' }))
    await waitFor('both show the co-op with each weaver\'s attribute', async () => await coopOn(a) === both && await coopOn(b) === both, 15_000)
    expect(agreed.edges.map((e) => e.id)).toContain(toCoop.id)
    const live = new Set(agreed.nodes.map((n) => n.id))
    expect(agreed.edges.every((e) => live.has(e.from) && live.has(e.to))).toBe(true)
    // Both may write the map: the edge to the deleted farm is tombstoned in storage on both.
    await waitFor('the edge to the deleted farm is a tombstone on A and on B', async () =>
      (await stored(a, toFarm.id))?.deleted === true && (await stored(b, toFarm.id))?.deleted === true, 15_000)
    // And the guest, who may not write, shows the same map.
    await waitFor('G shows the same map', async () => JSON.stringify(shape(await mapOf(g))) === JSON.stringify(shape(agreed)), 15_000)
  }, 90_000)

  it('the guest sees the map, may not change it, and is told so', async () => {
    const m = await mapOf(g)
    expect(m.may).toEqual({ write: false })
    expect(m.nodes.length).toBe(3)
    const err = await g.peer.api.addMapNode({ spaceId, type: 'person', label: 'Mallory' }).then(() => undefined, (e: unknown) => e as { code: string; message: string })
    expect(err).toMatchObject({ code: ErrorCode.Forbidden })
    expect(err?.message).toMatch(/You may read this space's map but not change it/)
    const del = await g.peer.api.deleteMapNode({ spaceId, nodeId: 'Ada' }).then(() => undefined, (e: unknown) => e)
    expect(del).toMatchObject({ code: ErrorCode.Forbidden })
    const detail = await g.peer.api.getMapNode({ spaceId, nodeId: 'Seed Co-op' })
    expect(detail.may).toEqual({ edit: false, delete: false })
  })
})
