/**
 * The map on one peer, through its API and its store: nodes and edges added, edited and
 * deleted; a node named by id, start of its id, or label, and the words when a name fits none
 * or several; deleting a node deletes its edges; an import's write is all or nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../shared/errors.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { MapWrite } from '../../shared/map/contract.ts'
import type { MapEdge, MapItem, MapNode } from '../../shared/schemas/map.ts'
import { MapService } from '../../electron/peer/domain/map-service.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import type { DocId } from '../../shared/ids.ts'
import { headsOf, Peers, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

const failure = async (p: Promise<unknown>): Promise<{ code?: string; message: string }> =>
  p.then(() => ({ message: 'it did not fail' }), (e: unknown) => e as { code?: string; message: string })

describe('the map on one peer', () => {
  const peers = new Peers()
  let a: TestPeer
  let spaceId: SpaceId
  let maps: MapService
  const api = () => a.peer.api

  beforeAll(async () => {
    a = await peers.start('Weaver')
    ;({ spaceId } = await a.peer.api.createSpace({ name: 'Bioregion' }))
    maps = new MapService({
      store: a.peer.collections, consent: a.peer.consent, me: a.peer.identity.did, now: Date.now, nameOf: () => null,
      log: createLogger(LogLevel.Error, 'map-test', () => {}), follow: (l) => a.peer.events.on('collection:changed', l),
    })
  }, 30_000)
  afterAll(async () => {
    await maps.stop()
    await peers.close()
  })

  it('adds nodes and an edge, and shows them with names instead of keys', async () => {
    const coop = await api().addMapNode({ spaceId, type: 'Organisation' as 'organisation', label: 'Seed Co-op', tags: ['seeds', 'seeds'], url: 'https://seed.example', attributes: { founded: 2009 } })
    const farm = await api().addMapNode({ spaceId, type: 'initiative', label: 'Commons  Farm' })
    expect(coop).toMatchObject({ type: 'organisation', label: 'Seed Co-op', tags: ['seeds'], url: 'https://seed.example', attributes: { founded: 2009 }, createdByName: 'Weaver' })
    expect(farm.url).toBeNull()
    const edge = await api().addMapEdge({ spaceId, from: 'seed co-op', to: 'COMMONS FARM', type: 'supplies' })
    expect(edge).toMatchObject({ from: coop.id, to: farm.id, fromLabel: 'Seed Co-op', toLabel: 'Commons  Farm', direction: 'directed', label: null })
    const m = await api().getMap({ spaceId })
    expect(m.nodes.map((n) => n.label)).toEqual(['Seed Co-op', 'Commons  Farm'])
    expect(m.edges.map((e) => `${e.fromLabel} → ${e.toLabel}`)).toEqual(['Seed Co-op → Commons  Farm'])
    expect(m.may).toEqual({ write: true })
    const detail = await api().getMapNode({ spaceId, nodeId: farm.id.slice(0, 6) })
    expect(detail).toMatchObject({ label: 'Commons  Farm', spaceId, metrics: null, linkedResources: [], may: { edit: true, delete: true } })
    expect(detail.edges.map((e) => e.type)).toEqual(['supplies'])
    // The same link again is refused in words (it would count twice in every figure); the other way round is another link.
    expect(await failure(api().addMapEdge({ spaceId, from: 'Seed Co-op', to: 'Commons Farm', type: 'Supplies' })))
      .toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringMatching(/already linked as "supplies" \(edge [0-9a-f]{8}\)/) })
    const back = await api().addMapEdge({ spaceId, from: 'Commons Farm', to: 'Seed Co-op', type: 'supplies' })
    await api().deleteMapEdge({ spaceId, edgeId: back.id })
  })

  it('gives the map to draw, and says when it has not changed since a version', async () => {
    const whole = await api().getMap({ spaceId })
    const drawn = await api().getMapGraph({ spaceId })
    expect(drawn.nodes).toEqual(whole.nodes.map((n) => ({ id: n.id, type: n.type, label: n.label, tags: n.tags })))
    expect(drawn.edges).toEqual(whole.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, type: e.type, direction: e.direction })))
    expect(await api().getMapGraph({ spaceId, since: drawn.version })).toEqual({ ...drawn, unchanged: true, nodes: [], edges: [] })
    await api().addMapNode({ spaceId, type: 'place', label: 'Old Mill' })
    const after = await api().getMapGraph({ spaceId, since: drawn.version })
    expect(after.unchanged).toBeUndefined()
    expect(after.version).not.toBe(drawn.version)
    expect(after.nodes.map((n) => n.label)).toContain('Old Mill')
  })

  it('edits only the fields given, merging attributes key by key', async () => {
    const n = await api().addMapNode({ spaceId, type: 'person', label: 'Ada', description: 'Weaver', attributes: { role: 'host', city: 'Ghent' } })
    const edited = await api().editMapNode({ spaceId, nodeId: 'ada', attributes: { city: null, languages: ['nl', 'en'] }, url: 'https://ada.example' })
    expect(edited).toMatchObject({ label: 'Ada', description: 'Weaver', url: 'https://ada.example', attributes: { role: 'host', languages: ['nl', 'en'] } })
    expect(edited.attributes).not.toHaveProperty('city')
    const cleared = await api().editMapNode({ spaceId, nodeId: n.id, url: null })
    expect(cleared.url).toBeNull()
    expect(await failure(api().editMapNode({ spaceId, nodeId: n.id }))).toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringMatching(/Nothing to change/) })
  })

  it('names a node by id, id prefix or label, and says which when a name fits several or none', async () => {
    const river = await api().addMapNode({ spaceId, type: 'place', label: 'River Valley' })
    await api().addMapNode({ spaceId, type: 'initiative', label: 'river valley' })
    expect((await api().getMapNode({ spaceId, nodeId: river.id })).id).toBe(river.id)
    expect((await api().getMapNode({ spaceId, nodeId: river.id.slice(0, 8).toUpperCase() })).id).toBe(river.id)
    const twice = await failure(api().getMapNode({ spaceId, nodeId: ' River   VALLEY ' }))
    expect(twice.code).toBe(ErrorCode.ValidationFailed)
    expect(twice.message).toMatch(/is the label of 2 nodes: "River Valley" \(place, .{8}\), "river valley" \(initiative, .{8}\)\. Name one by its id/)
    const none = await failure(api().getMapNode({ spaceId, nodeId: 'Valley' }))
    expect(none.code).toBe(ErrorCode.NotFound)
    expect(none.message).toMatch(/no node "Valley" in this space's map.*Nodes whose label holds "Valley": "River Valley"/)
    const nfc = await api().addMapNode({ spaceId, type: 'place', label: 'Cafe\u0301 Nord' })
    expect((await api().getMapNode({ spaceId, nodeId: 'café nord' })).id).toBe(nfc.id)
  })

  it('names a node by its label without its accents, as an import matched it, and prefers the label spelt as given', async () => {
    const accented = await api().addMapNode({ spaceId, type: 'person', label: 'Maria López' })
    const hub = await api().addMapNode({ spaceId, type: 'organisation', label: 'Weavers Hub' })
    expect(await api().addMapEdge({ spaceId, from: 'Maria Lopez', to: 'Weavers Hub', type: 'hosts' })).toMatchObject({ from: accented.id, to: hub.id })
    const plain = await api().addMapNode({ spaceId, type: 'person', label: 'Maria Lopez' })
    expect((await api().getMapNode({ spaceId, nodeId: 'Maria Lopez' })).id).toBe(plain.id)
    expect((await api().getMapNode({ spaceId, nodeId: 'MARIA LOPEZ' })).id).toBe(plain.id)
    expect((await api().getMapNode({ spaceId, nodeId: 'maria  lópez' })).id).toBe(accented.id)
    const both = await failure(api().getMapNode({ spaceId, nodeId: 'Maria Lòpez' }))
    expect(both).toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringContaining('is the label of 2 nodes') })
  })

  it('refuses an edge from a node to itself, or to a node that is not there, in words', async () => {
    expect(await failure(api().addMapEdge({ spaceId, from: 'Ada', to: 'ada', type: 'knows' })))
      .toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringMatching(/An edge links two different nodes: from and to both name "Ada"/) })
    expect(await failure(api().addMapEdge({ spaceId, from: 'Ada', to: 'Nobody', type: 'knows' })))
      .toMatchObject({ code: ErrorCode.NotFound, message: expect.stringMatching(/^to: no node "Nobody"/) })
  })

  it('deleting a node deletes every edge touching it, as tombstones', async () => {
    const hub = await api().addMapNode({ spaceId, type: 'organisation', label: 'Hub' })
    const x = await api().addMapNode({ spaceId, type: 'person', label: 'Xu' })
    const y = await api().addMapNode({ spaceId, type: 'person', label: 'Yan' })
    await api().addMapEdge({ spaceId, from: 'Hub', to: 'Xu', type: 'employs' })
    await api().addMapEdge({ spaceId, from: 'Yan', to: 'Hub', type: 'funds', direction: 'mutual' })
    const kept = await api().addMapEdge({ spaceId, from: 'Xu', to: 'Yan', type: 'knows', direction: 'undirected' })
    expect(await api().deleteMapNode({ spaceId, nodeId: 'hub' })).toEqual({ deleted: true, id: hub.id, edges: 2 })
    const m = await api().getMap({ spaceId })
    expect(m.nodes.some((n) => n.id === hub.id)).toBe(false)
    expect(m.edges.filter((e) => [x.id, y.id].includes(e.from)).map((e) => e.id)).toEqual([kept.id])
    const stored = await a.peer.collections.list<MapItem>(spaceId, 'map', { includeDeleted: true, where: (i) => i.deleted === true })
    expect(stored.items.filter((i) => i.kind === 'edge' && (i.from === hub.id || i.to === hub.id))).toHaveLength(2)
    expect(await failure(api().getMapNode({ spaceId, nodeId: hub.id }))).toMatchObject({ code: ErrorCode.NotFound, message: expect.stringMatching(/"Hub" \(organisation, .{8}\) was deleted/) })
    expect(await api().deleteMapEdge({ spaceId, edgeId: kept.id.slice(0, 8) })).toEqual({ deleted: true, id: kept.id })
    expect(await failure(api().deleteMapEdge({ spaceId, edgeId: x.id }))).toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringMatching(/is a node \("Xu"/) })
  })

  it('a write is all or nothing: one bad item and nothing is written, the shards\' heads unchanged', async () => {
    const access = await maps.store.access(spaceId)
    const at = access.now()
    const node = (label: string): MapNode => ({ id: access.newId(), kind: 'node', type: 'initiative', label, description: '', tags: [], attributes: {}, createdAt: at, updatedAt: at, createdBy: access.by })
    const ada = access.snapshot().nodes.find((n) => n.label === 'Ada')!
    const fresh = [node('Food hub'), node('Tool library')]
    const edge = (from: string, to: string): MapEdge => ({ id: access.newId(), kind: 'edge', from, to, type: 'partners', direction: 'undirected', description: '', tags: [], attributes: {}, createdAt: at, updatedAt: at })
    const shards = a.peer.consent.spaces.docsIn(spaceId, 'map') as DocId[]
    const heads = shards.map((d) => headsOf(a, d))
    const before = (await api().getMap({ spaceId }))
    const bad: MapWrite[] = [
      { nodes: [...fresh, { ...node(''), label: '' }], edges: [], updates: [] },
      { nodes: fresh, edges: [edge(fresh[0]!.id, 'no-such-node')], updates: [] },
      { nodes: fresh, edges: [], updates: [{ id: ada.id, set: { attributes: { ['x'.repeat(61)]: 1 } } }] },
      { nodes: [fresh[0]!, { ...fresh[1]!, id: fresh[0]!.id }], edges: [], updates: [] },
    ]
    for (const w of bad) expect(await failure(access.write(w))).toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringMatching(/^Nothing was written to the map: 1 problem/) })
    expect(shards.map((d) => headsOf(a, d))).toEqual(heads)
    expect(await api().getMap({ spaceId })).toEqual(before)

    await access.write({ nodes: fresh, edges: [edge(fresh[0]!.id, ada.id)], updates: [{ id: ada.id, set: { description: 'Weaver, host', attributes: { role: null } } }] })
    const after = await api().getMap({ spaceId })
    expect(after.nodes).toHaveLength(before.nodes.length + 2)
    expect(after.edges).toHaveLength(before.edges.length + 1)
    expect(after.nodes.find((n) => n.id === ada.id)).toMatchObject({ description: 'Weaver, host', attributes: { languages: ['nl', 'en'] } })
    expect(access.snapshot().nodes).toHaveLength(after.nodes.length)
  })

  it('finds a node by its label, description, tags and attribute texts, and no longer once deleted', async () => {
    const n = await api().addMapNode({ spaceId, type: 'organisation', label: 'Mycelium Network', description: 'Fungi for soil.', tags: ['compost'], attributes: { focus: 'regenerative grazing', languages: ['Occitan'] } })
    const found = async (q: string): Promise<string[]> => (await api().search({ spaceId, query: q })).hits.filter((h) => h.kind === 'node').map((h) => h.title)
    await waitFor('the node is found by an attribute text', async () => (await found('occitan')).includes('Mycelium Network'))
    for (const q of ['mycelium', 'fungi', 'compost', 'grazing']) expect(await found(q)).toEqual(['Mycelium Network'])
    await api().deleteMapNode({ spaceId, nodeId: n.id })
    await waitFor('the deleted node is no longer found', async () => (await found('mycelium')).length === 0)
  })

  it('shows a node\'s linked resources that this peer holds, and leaves out the rest', async () => {
    const drill = await api().addResource({ spaceId, kind: 'tool', title: 'Hammer drill' })
    const van = await api().addResource({ spaceId, kind: 'tool', title: 'Van' })
    const n = await api().addMapNode({ spaceId, type: 'initiative', label: 'Repair Café', resources: [drill.id, van.id, 'not-here-at-all'] })
    expect(n.resources).toEqual([drill.id, van.id, 'not-here-at-all'])
    await api().deleteResource({ spaceId, resourceId: van.id })
    expect((await api().getMapNode({ spaceId, nodeId: 'Repair Café' })).linkedResources).toEqual([{ id: drill.id, kind: 'tool', title: 'Hammer drill', status: 'open' }])
  })

  it('reads the map once per change, and its version moves on with every change', async () => {
    const v = maps.store.version(spaceId)
    const first = await maps.store.state(spaceId)
    expect(await maps.store.state(spaceId)).toBe(first)
    await api().addMapNode({ spaceId, type: 'resource', label: 'Seed bank' })
    expect(maps.store.version(spaceId)).not.toBe(v)
    expect(await maps.store.state(spaceId)).not.toBe(first)
  })
})
