/**
 * Import and export of the map on a real peer, through its API: a Kumu blueprint read from a
 * file or sent as text, with its merge report; importing it again leaves the map's documents as
 * they were; a malformed file, a missing file and a dry run change nothing; the map exported in
 * each format and imported into an empty space gives the same map.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MapView } from '../../shared/api/map-api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { DocId, SpaceId } from '../../shared/ids.ts'
import { headsOf, Peers, type TestPeer } from '../helpers/peers.ts'

const FIXTURES = join(import.meta.dirname, '../fixtures/map')
const failure = async (p: Promise<unknown>): Promise<{ code?: string; message: string }> =>
  p.then(() => ({ message: 'it did not fail' }), (e: unknown) => e as { code?: string; message: string })

const sorted = <T>(items: T[]): T[] => items.map((i) => [JSON.stringify(i), i] as const).sort(([a], [b]) => a.localeCompare(b)).map(([, i]) => i)

/** A map as a weaver compares two: nodes by their fields, edges by the labels of their ends. */
function seen(m: MapView) {
  return {
    nodes: sorted(m.nodes.map((n) => ({ type: n.type, label: n.label, url: n.url, description: n.description, tags: n.tags, attributes: n.attributes }))),
    edges: sorted(m.edges.map((e) => ({ from: e.fromLabel, to: e.toLabel, type: e.type, direction: e.direction, label: e.label, description: e.description, tags: e.tags, attributes: e.attributes }))),
  }
}

describe('map import and export on a peer', () => {
  const peers = new Peers()
  let a: TestPeer
  let spaceId: SpaceId
  let dir: string
  const api = () => a.peer.api
  /** The heads of every document of the space's map: a write of any of it changes them. */
  const mapHeads = (space: SpaceId) => (a.peer.consent.spaces.docsIn(space, 'map') as DocId[]).map((d) => [d, headsOf(a, d)])
  const newSpace = async (name: string): Promise<SpaceId> => (await api().createSpace({ name })).spaceId

  beforeAll(async () => {
    a = await peers.start('Weaver')
    spaceId = await newSpace('Valley network')
    dir = await mkdtemp(join(tmpdir(), 'cw-map-export-'))
  }, 30_000)
  afterAll(async () => {
    await peers.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('imports a Kumu blueprint from a file, merging its duplicates, and reports each merge', async () => {
    const report = await api().importMap({ spaceId, file: join(FIXTURES, 'kumu-blueprint.json') })
    expect(report).toMatchObject({ format: 'kumu', added: 5, updated: 0, dryRun: false, edges: { added: 5, existing: 1 } })
    expect(report.merged.map((m) => [m.label, m.at, m.into.label, m.by])).toEqual([
      ['Green Valley Cooperative', 'elements[3]', 'Green Valley Co-op', 'url'],
      ['seed library', 'elements[4]', 'Seed Library', 'label+type'],
    ])
    const m = await api().getMap({ spaceId })
    expect(m.nodes.map((n) => n.label).sort()).toEqual(['Green Valley Co-op', 'Maria López', 'Riverside', 'Seed Library', 'Tool Library'])
    expect(m.edges.map((e) => `${e.fromLabel} ${e.type} ${e.toLabel}`).sort()).toEqual([
      'Green Valley Co-op employs Maria López', 'Green Valley Co-op funds Seed Library', 'Maria López coordinates Seed Library',
      'Seed Library related Riverside', 'Tool Library located in Riverside',
    ])
    expect(m.nodes.find((n) => n.label === 'Green Valley Co-op')).toMatchObject({ createdByName: 'Weaver', attributes: { Founded: 2009, Members: 340 } })
  })

  it('imports the same file again, as text, and leaves the map\'s documents as they were', async () => {
    const heads = mapHeads(spaceId)
    expect(heads.length).toBeGreaterThan(0)
    const report = await api().importMap({ spaceId, text: await readFile(join(FIXTURES, 'kumu-blueprint.json'), 'utf8'), fileName: 'kumu-blueprint.json' })
    expect(report).toMatchObject({ added: 0, updated: 0, edges: { added: 0, existing: 6 }, dryRun: false })
    expect(mapHeads(spaceId)).toEqual(heads)
  })

  it('refuses a malformed file naming the place, and leaves the map as it was', async () => {
    const heads = mapHeads(spaceId)
    const before = seen(await api().getMap({ spaceId }))
    const cases: Array<[{ file: string; connectionsFile?: string }, string]> = [
      [{ file: join(FIXTURES, 'missing-element.json') }, 'missing-element.json cannot be imported: connections[1].to: "Nobody Known" is no element of the file or the map'],
      [{ file: join(FIXTURES, 'bad-json.json') }, 'line 4, column 32'],
      [{ file: join(FIXTURES, 'murmurations-no-name.json') }, '[1].name is required'],
      [{ file: join(FIXTURES, 'kumu-elements.csv'), connectionsFile: join(FIXTURES, 'no-from-connections.csv') }, 'the connections sheet\'s first row must name From and To'],
    ]
    for (const [input, message] of cases) {
      const err = await failure(api().importMap({ spaceId, ...input }))
      expect(err.code).toBe(ErrorCode.ValidationFailed)
      expect(err.message).toContain(message)
      expect(err.message).toContain('Nothing was imported')
    }
    expect(mapHeads(spaceId)).toEqual(heads)
    expect(seen(await api().getMap({ spaceId }))).toEqual(before)
  })

  it('says in words when the file is not there or is a folder', async () => {
    expect(await failure(api().importMap({ spaceId, file: join(FIXTURES, 'no-such-map.json') }))).toMatchObject({ code: ErrorCode.NotFound, message: expect.stringContaining('There is no file') })
    expect(await failure(api().importMap({ spaceId, file: FIXTURES }))).toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringContaining('is a folder') })
  })

  it('a dry run reports what it would do and writes nothing', async () => {
    const heads = mapHeads(spaceId)
    const report = await api().importMap({ spaceId, file: join(FIXTURES, 'murmurations-profiles.json'), dryRun: true })
    // Seed Library is an organisation in Murmurations and an initiative in the map: two nodes.
    expect(report).toMatchObject({ format: 'murmurations', added: 2, updated: 1, dryRun: true, edges: { added: 3, existing: 0 } })
    expect(report.merged.map((m) => [m.at, m.into, m.by])).toEqual([
      ['[0]', { id: expect.any(String), label: 'Green Valley Co-op' }, 'url'], ['[2]', { id: expect.any(String), label: 'Green Valley Co-op' }, 'url'],
      ['[3]', { id: null, label: 'Seed Library' }, 'label+type'],
    ])
    expect(mapHeads(spaceId)).toEqual(heads)
  })

  it('imports Murmurations profiles into the map, completing the nodes it already has', async () => {
    const report = await api().importMap({ spaceId, file: join(FIXTURES, 'murmurations-profiles.json') })
    expect(report).toMatchObject({ added: 2, updated: 1, dryRun: false, edges: { added: 3, existing: 0 } })
    const coop = (await api().getMap({ spaceId })).nodes.find((n) => n.label === 'Green Valley Co-op')!
    expect(coop.tags).toEqual(['food', 'local food', 'co-op'])
    expect(coop.attributes).toMatchObject({ mission: 'Feed the valley', 'geolocation.lat': 51.5, Founded: 2009 })
  })

  it.each(['kumu', 'kumu-csv', 'murmurations'] as const)('exports as %s, as text and to a file, and imports into an empty space as the same map', async (format) => {
    const map = seen(await api().getMap({ spaceId }))
    const asText = await api().exportMap({ spaceId, format })
    expect(asText).toMatchObject({ format, nodes: map.nodes.length, edges: map.edges.length })
    const [main, connections] = asText.files
    const fromText = await newSpace(`From ${format} text`)
    const report = await api().importMap({ spaceId: fromText, text: main!.text!, ...(connections ? { connectionsText: connections.text! } : {}) })
    expect(report.skipped).toEqual([])
    expect(seen(await api().getMap({ spaceId: fromText }))).toEqual(map)

    const file = join(dir, format === 'kumu-csv' ? 'valley.csv' : `valley-${format}.json`)
    const written = await api().exportMap({ spaceId, format, file })
    expect(written.files.map((f) => f.path)).toEqual(format === 'kumu-csv' ? [file, join(dir, 'valley-connections.csv')] : [file])
    expect(written.files.every((f) => f.text === undefined)).toBe(true)
    const fromFile = await newSpace(`From ${format} file`)
    await api().importMap({ spaceId: fromFile, file, ...(format === 'kumu-csv' ? { connectionsFile: join(dir, 'valley-connections.csv') } : {}) })
    expect(seen(await api().getMap({ spaceId: fromFile }))).toEqual(map)
  })

  it.each(['kumu', 'kumu-csv', 'murmurations'] as const)('a map with two people of one name: its %s export re-imported changes nothing, and copies both', async (format) => {
    const twins = await newSpace(`Two Alexes ${format}`)
    await api().addMapNode({ spaceId: twins, type: 'person', label: 'Alex', attributes: { Town: 'Ghent' } })
    const host = await api().addMapNode({ spaceId: twins, type: 'person', label: 'Alex', attributes: { Role: 'host' } })
    await api().addMapNode({ spaceId: twins, type: 'organisation', label: 'Hub' })
    await api().addMapEdge({ spaceId: twins, from: host.id, to: 'Hub', type: 'hosts' })
    const map = seen(await api().getMap({ spaceId: twins }))
    const [main, connections] = (await api().exportMap({ spaceId: twins, format })).files
    const file = { text: main!.text!, ...(connections ? { connectionsText: connections.text! } : {}) }
    const heads = mapHeads(twins)
    expect(await api().importMap({ spaceId: twins, ...file })).toMatchObject({ added: 0, updated: 0, merged: [], skipped: [], edges: { added: 0, existing: 1 } })
    expect(mapHeads(twins)).toEqual(heads)

    const copy = await newSpace(`Copy of two Alexes ${format}`)
    await api().importMap({ spaceId: copy, ...file })
    const copied = await api().getMap({ spaceId: copy })
    expect(seen(copied)).toEqual(map)
    expect(copied.nodes.find((n) => n.id === copied.edges[0]!.from)!.attributes).toEqual({ Role: 'host' })
  })
})
