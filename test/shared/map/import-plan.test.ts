/**
 * Planning an import: what a file adds to a map, merged by url or by label and type, with the
 * merge report a weaver reads; importing the same file again plans nothing; a map exported in
 * each format and read into an empty map gives the same nodes and edges.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did } from '../../../shared/ids.ts'
import type { MapSnapshot, MapWrite } from '../../../shared/map/contract.ts'
import { parseMapFile, type MapFileInput } from '../../../shared/map/formats/detect.ts'
import { writeKumuCsv } from '../../../shared/map/formats/kumu-csv.ts'
import { writeKumuJson } from '../../../shared/map/formats/kumu-json.ts'
import { writeMurmurations } from '../../../shared/map/formats/murmurations-export.ts'
import { planImport, type ImportPlan } from '../../../shared/map/import-plan.ts'
import type { MapEdge, MapNode } from '../../../shared/schemas/map.ts'
import { thrownBy } from '../../helpers/thrown-by.ts'

const FIXTURES = join(import.meta.dirname, '../../fixtures/map')
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8')
const ME = 'did:key:z6MkWeaver' as Did
const NOW = '2026-03-01T10:00:00.000Z'
const EMPTY: MapSnapshot = { nodes: [], edges: [] }

let counter = 0
const deps = { newId: () => `n${String(++counter).padStart(4, '0')}`, now: () => NOW, by: ME }
const plan = (input: MapFileInput, snapshot: MapSnapshot = EMPTY): ImportPlan => planImport(parseMapFile(input), snapshot, deps)

/** The map after a write, as the store would hold it (updates applied, attributes merged). */
function applied(map: MapSnapshot, w: MapWrite): MapSnapshot {
  const nodes = map.nodes.map((n) => {
    const u = w.updates.find((x) => x.id === n.id)
    if (!u) return n
    const { attributes, ...set } = u.set
    return { ...n, ...set, attributes: { ...n.attributes, ...(attributes as MapNode['attributes']) } }
  })
  return { nodes: [...nodes, ...w.nodes], edges: [...map.edges, ...w.edges] }
}

/** A map as a weaver compares two: nodes by their fields, edges by the labels of their ends. */
function seen(map: MapSnapshot) {
  const label = new Map(map.nodes.map((n) => [n.id, n.label]))
  return {
    nodes: map.nodes.map((n) => ({ type: n.type, label: n.label, url: n.url ?? null, description: n.description, tags: n.tags, attributes: n.attributes }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    edges: map.edges.map((e) => ({ from: label.get(e.from), to: label.get(e.to), type: e.type, direction: e.direction, label: e.label ?? null, description: e.description, tags: e.tags, attributes: e.attributes }))
      .sort((a, b) => `${a.from}${a.to}${a.type}`.localeCompare(`${b.from}${b.to}${b.type}`)),
  }
}

const node = (id: string, label: string, more: Partial<MapNode> = {}): MapNode => ({
  id, kind: 'node', schemaVersion: 1, type: 'organisation', label, description: '', tags: [], attributes: {}, createdAt: NOW, updatedAt: NOW, ...more,
})
const edge = (id: string, from: string, to: string, type: string, direction: MapEdge['direction'] = 'directed'): MapEdge => ({
  id, kind: 'edge', schemaVersion: 1, from, to, type, direction, description: '', tags: [], attributes: {}, createdAt: NOW, updatedAt: NOW,
})

const EXPORTS = [
  ['Kumu JSON', (m: MapSnapshot): MapFileInput => ({ text: writeKumuJson(m) })],
  ['Kumu CSV', (m: MapSnapshot): MapFileInput => { const s = writeKumuCsv(m); return { text: s.elements, connectionsText: s.connections } }],
  ['Murmurations', (m: MapSnapshot): MapFileInput => ({ text: writeMurmurations(m) })],
] as const

const KUMU = { text: fixture('kumu-blueprint.json'), fileName: 'kumu-blueprint.json' }
const CSV = { text: fixture('kumu-elements.csv'), connectionsText: fixture('kumu-connections.csv') }
const MURMURATIONS = { text: fixture('murmurations-profiles.json') }

describe('a Kumu blueprint into an empty map', () => {
  const { write, report } = plan(KUMU)
  const map = applied(EMPTY, write)

  it('makes one node of each pair of duplicates (by url, by label and type), keeping the first\'s values', () => {
    expect(seen(map).nodes).toEqual([
      { type: 'organisation', label: 'Green Valley Co-op', url: 'https://www.greenvalley.coop/', description: 'A food co-op in the valley', tags: ['food', 'local food'], attributes: { 'element type': 'Co-op', Founded: 2009, Members: 340 } },
      { type: 'person', label: 'Maria López', url: null, description: 'Network weaver', tags: [], attributes: { Skills: ['facilitation', 'mapping'] } },
      { type: 'place', label: 'Riverside', url: null, description: '', tags: [], attributes: {} },
      { type: 'initiative', label: 'Seed Library', url: null, description: 'Seeds lent and returned', tags: ['seeds'], attributes: { 'element type': 'Project', Budget: 1200 } },
      { type: 'resource', label: 'Tool Library', url: null, description: '', tags: [], attributes: { image: 'https://example.org/tools.png' } },
    ])
    expect(write.nodes.every((n) => n.kind === 'node' && n.schemaVersion === 1 && n.createdBy === ME && n.createdAt === NOW)).toBe(true)
  })

  it('runs an edge between two duplicates between the nodes they became, once', () => {
    expect(seen(map).edges.map((e) => [e.from, e.to, e.type, e.direction, e.attributes])).toEqual([
      ['Green Valley Co-op', 'Maria López', 'employs', 'directed', {}],
      ['Green Valley Co-op', 'Seed Library', 'funds', 'directed', { Amount: 500 }],
      ['Maria López', 'Seed Library', 'coordinates', 'mutual', {}],
      ['Seed Library', 'Riverside', 'related', 'undirected', {}],
      ['Tool Library', 'Riverside', 'located in', 'directed', {}],
    ])
    expect(report.edges).toEqual({ added: 5, existing: 1 })
  })

  it('reports every merge: where, into what, why, and what it brought or could not bring', () => {
    expect(report).toEqual({
      format: 'kumu', added: 5, updated: 0, dryRun: false, edges: { added: 5, existing: 1 },
      skipped: [{ at: 'loops[0]', reason: expect.any(String) }],
      merged: [
        {
          label: 'Green Valley Cooperative', at: 'elements[3]', into: { id: null, label: 'Green Valley Co-op' }, by: 'url',
          fields: ['label (kept elements[0]\'s value)', 'description', 'element type (kept elements[0]\'s value)', 'Founded (kept elements[0]\'s value)', 'Members'],
        },
        { label: 'seed library', at: 'elements[4]', into: { id: null, label: 'Seed Library' }, by: 'label+type', fields: ['tags', 'element type (kept elements[2]\'s value)'] },
      ],
    })
  })

  it.each([['Kumu JSON', KUMU], ['Kumu CSV', CSV], ['Murmurations', MURMURATIONS]] as const)('%s imported again plans nothing, and says so', (_, input) => {
    const first = plan(input)
    const again = plan(input, applied(EMPTY, first.write))
    expect(again.write).toEqual({ nodes: [], edges: [], updates: [] })
    expect(again.report).toMatchObject({ added: 0, updated: 0, edges: { added: 0, existing: first.report.edges.added + first.report.edges.existing } })
    expect(again.report.merged.length).toBeGreaterThanOrEqual(first.report.merged.length)
  })
})

describe('Kumu CSV sheets and Murmurations profiles into an empty map', () => {
  it('the CSV sheets give the blueprint\'s map (the multi-line description aside)', () => {
    const fromCsv = seen(applied(EMPTY, plan(CSV).write))
    const fromJson = seen(applied(EMPTY, plan(KUMU).write))
    const tidy = (s: typeof fromCsv) => ({ ...s, nodes: s.nodes.map((n) => ({ ...n, description: n.description.replace(/\n/g, ' '), attributes: Object.fromEntries(Object.entries(n.attributes).map(([k, v]) => [k.toLowerCase(), v])) })) })
    expect(tidy(fromCsv)).toEqual(tidy(fromJson))
    expect(plan(CSV).report.merged.map((m) => [m.at, m.by])).toEqual([['line 5', 'url'], ['line 7', 'label+type']])
  })

  it('Murmurations profiles merge by url and by name, and relationships reach the profile or a node for the url', () => {
    const { write, report } = plan(MURMURATIONS)
    const map = seen(applied(EMPTY, write))
    expect(map.nodes.map((n) => [n.label, n.url, n.tags])).toEqual([
      ['Green Valley Co-op', 'https://greenvalley.coop', ['food', 'co-op']],
      ['Seed Library', 'https://seedlibrary.org', ['seeds']],
      ['unknown.example.net/about', 'https://unknown.example.net/about/', []],
    ])
    expect(map.nodes[0]!.attributes).toEqual({ mission: 'Feed the valley', country_iso_3166: 'GB', 'geolocation.lat': 51.5, 'geolocation.lon': -0.12, status: 'active' })
    expect(map.edges.map((e) => [e.from, e.to, e.type])).toEqual([
      ['Green Valley Co-op', 'Seed Library', 'member'],
      ['Green Valley Co-op', 'unknown.example.net/about', 'knows'],
      ['Seed Library', 'unknown.example.net/about', 'knows'],
    ])
    expect(report.merged).toEqual([
      { label: 'Green Valley Cooperative', at: '[2]', into: { id: null, label: 'Green Valley Co-op' }, by: 'url', fields: ['label (kept [0]\'s value)', 'description', 'mission (kept [0]\'s value)', 'status'] },
      { label: 'seed library', at: '[3]', into: { id: null, label: 'Seed Library' }, by: 'label+type', fields: ['tags'] },
    ])
  })
})

describe('a file into a map that has some of it', () => {
  const map: MapSnapshot = {
    nodes: [
      node('m1', 'GreenValley', { url: 'https://greenvalley.coop', attributes: { Founded: 2008 } }),
      node('m2', 'Maria Lopez', { type: 'person', tags: ['weaver'] }),
      node('m3', 'Seed Library', { type: 'initiative', url: 'https://seeds.example.org' }),
    ],
    edges: [edge('x1', 'm2', 'm1', 'employs', 'undirected')],
  }
  const { write, report } = plan(KUMU, map)

  it('completes the map\'s nodes with what they lack, keeps their values, and names what it could not take', () => {
    expect(write.updates).toEqual([
      { id: 'm1', set: { description: 'A food co-op in the valley', tags: ['food', 'local food'], attributes: { 'element type': 'Co-op', Members: 340 } } },
      { id: 'm2', set: { description: 'Network weaver', attributes: { Skills: ['facilitation', 'mapping'] } } },
      { id: 'm3', set: { description: 'Seeds lent and returned', tags: ['seeds'], attributes: { 'element type': 'Project', Budget: 1200 } } },
    ])
    expect(report.merged.slice(0, 2)).toEqual([
      { label: 'Green Valley Co-op', at: 'elements[0]', into: { id: 'm1', label: 'GreenValley' }, by: 'url', fields: ['label (kept the map\'s value)', 'tags', 'element type', 'Founded (kept the map\'s value)'] },
      { label: 'Maria López', at: 'elements[1]', into: { id: 'm2', label: 'Maria Lopez' }, by: 'label+type', fields: ['description', 'Skills'] },
    ])
    expect(report.updated).toBe(3)
  })

  it('makes only the nodes the map lacks, and keeps a node apart whose name and type are the same but whose url is another', () => {
    expect(write.nodes.map((n) => n.label)).toEqual(['Riverside', 'Tool Library'])
    const other = plan({ text: JSON.stringify({ elements: [{ label: 'seed library', type: 'Project', url: 'https://other-seeds.org' }] }) }, map)
    expect(other.write.nodes.map((n) => [n.label, n.url])).toEqual([['seed library', 'https://other-seeds.org']])
    expect(other.report.merged).toEqual([])
  })

  it('counts an edge the map already has (either way round when undirected) as existing', () => {
    expect(report.edges).toEqual({ added: 4, existing: 2 })
    expect(write.edges.some((e) => e.type === 'employs')).toBe(false)
  })

  it('resolves an end the file does not have to a node of the map, by id or by a label only it has', () => {
    const linked = plan({ text: JSON.stringify({ elements: [{ label: 'Newcomer' }], connections: [{ from: 'Newcomer', to: 'm3', type: 'joins' }, { from: 'Newcomer', to: 'maria lópez', type: 'knows' }] }) }, map)
    expect(linked.write.edges.map((e) => [e.to, e.type])).toEqual([['m3', 'joins'], ['m2', 'knows']])
  })

  it('adds an attribute named as one of Object\'s own (constructor) to a node of the map', () => {
    const named = plan({ text: JSON.stringify({ elements: [{ label: 'GreenValley', url: 'https://greenvalley.coop', constructor: 'Ana' }] }) }, map)
    expect(named.write.updates).toEqual([{ id: 'm1', set: { attributes: { constructor: 'Ana' } } }])
    expect(named.report.merged[0]!.fields).toEqual(['constructor'])
  })

  it('takes an end named by a label several nodes share without accents to the one spelt as named', () => {
    const twins: MapSnapshot = { nodes: [...map.nodes, node('m4', 'María Lopez', { type: 'person' })], edges: [] }
    const linked = plan({ text: JSON.stringify({ elements: [{ label: 'Newcomer' }], connections: [{ from: 'Newcomer', to: 'María Lopez' }, { from: 'Newcomer', to: 'maria lopez' }] }) }, twins)
    expect(linked.write.edges.map((e) => e.to)).toEqual(['m4', 'm2'])
    const err = thrownBy(() => plan({ text: JSON.stringify({ elements: [{ label: 'Newcomer' }], connections: [{ from: 'Newcomer', to: 'Maria Lópes' }] }) }, twins))
    expect((err as CommonweaveError).message).toContain('"Maria Lópes" is no element')
    const both = thrownBy(() => plan({ text: JSON.stringify({ elements: [{ label: 'Newcomer' }], connections: [{ from: 'Newcomer', to: 'MARÍA LÓPEZ' }] }) }, twins))
    expect((both as CommonweaveError).message).toBe('connections[0].to: "MARÍA LÓPEZ" names 2 nodes of the map; name the one meant by its id')
  })

  it('refuses a file whose connection names an element neither it nor the map has', () => {
    const err = thrownBy(() => plan({ text: fixture('missing-element.json') }, map))
    expect(err).toBeInstanceOf(CommonweaveError)
    expect((err as CommonweaveError).code).toBe(ErrorCode.ValidationFailed)
    expect((err as CommonweaveError).message).toBe('connections[1].to: "Nobody Known" is no element of the file or the map')
  })

  it('leaves out an edge whose two ends became one node, and says why', () => {
    const loop = plan({ text: JSON.stringify({ elements: [{ label: 'A', url: 'https://a.org' }, { label: 'A2', url: 'https://www.a.org/' }], connections: [{ from: 'A', to: 'A2' }] }) })
    expect(loop.write.edges).toEqual([])
    expect(loop.report.skipped).toEqual([{ at: 'connections[0]', reason: expect.stringContaining('two ends are one node') }])
  })
})

describe('export, then import into an empty map', () => {
  // A map with what each format must carry: five types, urls and none, tags, lists, numbers,
  // yes/no, an edge of each direction, edge labels and attributes, a Murmurations predicate.
  const base = applied(EMPTY, plan(KUMU).write)
  const merged = applied(base, plan(MURMURATIONS, base).write)
  const source: MapSnapshot = {
    nodes: [...merged.nodes, { ...merged.nodes[1]!, id: 'p2', label: 'Ana', type: 'person', url: undefined, attributes: { 'element type': 'People', Notes: 'line one\nline two, "quoted"', '+1 votes': 3, constructor: 'Ana\'s own' } }],
    edges: [...merged.edges, { ...merged.edges[0]!, id: 'extra', label: 'since 2020', description: 'Two days a week', tags: ['paid'], attributes: { Verified: true, Hours: 16 }, type: 'advises', direction: 'undirected' }],
  }

  it.each(EXPORTS)('%s gives the same nodes and edges, and read back into the same map plans nothing', (_, exported) => {
    const file = exported(source)
    const read = plan(file)
    expect(read.report.skipped).toEqual([])
    expect(seen(applied(EMPTY, read.write))).toEqual(seen(source))
    expect(plan(file, source).write).toEqual({ nodes: [], edges: [], updates: [] })
  })

  it('writes an attribute named __proto__ that a map holds, rather than dropping it', () => {
    const odd: MapSnapshot = { nodes: [{ ...source.nodes[0]!, id: 'odd', attributes: { ['__proto__']: 'kept' } }], edges: [] }
    expect(Object.hasOwn((JSON.parse(writeKumuJson(odd)) as { elements: object[] }).elements[0]!, '__proto__')).toBe(true)
    expect(Object.hasOwn((JSON.parse(writeMurmurations(odd)) as Array<{ map_attributes: object }>)[0]!.map_attributes, '__proto__')).toBe(true)
    expect(writeKumuCsv(odd).elements.split('\r\n')[0]).toBe('Label,Type,ID,Description,Tags,URL,__proto__')
  })

  it('writes what Kumu and Murmurations read: element ids and types, Murmurations\' schema and predicates', () => {
    const kumu = JSON.parse(writeKumuJson(source)) as { elements: Array<Record<string, unknown>>; connections: Array<Record<string, unknown>> }
    expect(kumu.elements[0]).toMatchObject({ id: source.nodes[0]!.id, label: 'Green Valley Co-op', type: 'Co-op', url: 'https://www.greenvalley.coop/', Founded: 2009 })
    expect(kumu.connections[0]).toMatchObject({ from: source.nodes[0]!.id, to: source.nodes[1]!.id, type: 'employs', direction: 'directed' })
    expect(writeKumuCsv(source).elements.split('\r\n')[0]).toBe(`Label,Type,ID,Description,Tags,URL,Founded,Members,mission,country_iso_3166,geolocation.lat,geolocation.lon,status,Skills,Budget,image,urls,Notes,"'+1 votes",constructor`)
    const profiles = JSON.parse(writeMurmurations(source)) as Array<Record<string, unknown>>
    expect(profiles[0]).toMatchObject({ linked_schemas: ['organizations_schema-v1.0.0'], name: 'Green Valley Co-op', primary_url: 'https://www.greenvalley.coop/', map_type: 'Co-op', geolocation: { lat: 51.5, lon: -0.12 } })
    expect(profiles.find((p) => p.name === 'Seed Library' && p.primary_url)).toMatchObject({ urls: [{ name: 'Blog', url: 'https://blog.seedlibrary.org' }] })
  })
})

describe('a map with two nodes of the same label and type', () => {
  // add-node allows it: two people called Alex, one of them hosting the Hub.
  const twins: MapSnapshot = {
    nodes: [node('n1', 'Alex', { type: 'person', attributes: { Town: 'Ghent' } }), node('n2', 'Alex', { type: 'person', attributes: { Role: 'host' } }), node('n3', 'Hub')],
    edges: [edge('x1', 'n2', 'n3', 'hosts')],
  }
  const hostOf = (m: MapSnapshot) => m.nodes.find((n) => n.id === m.edges[0]?.from)?.attributes

  it.each(EXPORTS)('%s: its export read back into it plans nothing (each element is its node by id)', (_, exported) => {
    const again = plan(exported(twins), twins)
    expect(again.write).toEqual({ nodes: [], edges: [], updates: [] })
    expect(again.report).toMatchObject({ added: 0, updated: 0, merged: [], skipped: [], edges: { added: 0, existing: 1 } })
  })

  it.each(EXPORTS)('%s: its export read into an empty map gives both Alexes, the host still hosting', (_, exported) => {
    const copy = applied(EMPTY, plan(exported(twins)).write)
    expect(seen(copy)).toEqual(seen(twins))
    expect(hostOf(copy)).toEqual({ Role: 'host' })
  })

  it('keeps two elements of a file apart when their ids differ, and merges one without an id into the first', () => {
    const file = { text: JSON.stringify({ elements: [{ id: 'a', label: 'Alex', type: 'Person' }, { id: 'b', label: 'alex', type: 'Person' }, { label: 'ALEX', type: 'Person', Town: 'Ghent' }] }) }
    const { write, report } = plan(file)
    expect(write.nodes.map((n) => [n.label, n.attributes])).toEqual([['Alex', { Town: 'Ghent' }], ['alex', {}]])
    expect(report.merged.map((m) => [m.at, m.into.label, m.by])).toEqual([['elements[2]', 'Alex', 'label+type']])
  })

  it('merges an element of another map into a node with its label, but never two elements with different ids into one', () => {
    const map: MapSnapshot = { nodes: [node('m1', 'Alex', { type: 'person' })], edges: [] }
    const { write, report } = plan({ text: JSON.stringify({ elements: [{ id: 'a', label: 'Alex', type: 'Person' }, { id: 'b', label: 'Alex', type: 'Person' }] }) }, map)
    expect(report.merged.map((m) => [m.at, m.into])).toEqual([['elements[0]', { id: 'm1', label: 'Alex' }]])
    expect(write.nodes.map((n) => n.label)).toEqual(['Alex'])
  })
})
