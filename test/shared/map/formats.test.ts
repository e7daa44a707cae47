/**
 * Reading the three map formats into a graph of the file: Kumu's JSON blueprint, Kumu's two CSV
 * sheets, Murmurations profiles. What a weaver's file holds comes over (types read from Kumu's
 * words, custom fields as attributes, ends by id or label), and a malformed file is refused with
 * an error naming its place.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { detectFormat, parseMapFile } from '../../../shared/map/formats/detect.ts'
import { readNodeType } from '../../../shared/map/formats/node-types.ts'
import type { ParsedGraph } from '../../../shared/map/formats/parsed.ts'
import { labelKey, urlKey } from '../../../shared/map/normalise.ts'
import { thrownBy } from '../../helpers/thrown-by.ts'

const FIXTURES = join(import.meta.dirname, '../../fixtures/map')
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8')

/** The graph as a weaver reads it: each node by label, each edge by the labels of its ends. */
function shown(g: ParsedGraph) {
  const end = (e: { node: number } | { ref: string }): string => ('node' in e ? g.nodes[e.node]!.label : `?${e.ref}`)
  return {
    nodes: g.nodes.map((n) => [n.type, n.label, n.url ?? null, n.tags, n.attributes]),
    edges: g.edges.map((e) => [end(e.from), end(e.to), e.type, e.direction, e.attributes]),
  }
}

const KUMU_NODES = [
  ['organisation', 'Green Valley Co-op', 'https://www.greenvalley.coop/', ['food', 'local food'], { 'element type': 'Co-op', Founded: 2009 }],
  ['person', 'Maria López', null, [], { Skills: ['facilitation', 'mapping'] }],
  ['initiative', 'Seed Library', null, [], { 'element type': 'Project', Budget: 1200 }],
  ['organisation', 'Green Valley Cooperative', 'http://greenvalley.coop', [], { 'element type': 'Organization', Founded: 2010, Members: 340 }],
  ['initiative', 'seed library', null, ['seeds'], { 'element type': 'Programme' }],
  ['place', 'Riverside', null, [], {}],
  ['resource', 'Tool Library', null, [], { image: 'https://example.org/tools.png' }],
]
const KUMU_EDGES = [
  ['Green Valley Co-op', 'Maria López', 'employs', 'directed', {}],
  ['Maria López', 'Seed Library', 'coordinates', 'mutual', {}],
  ['Green Valley Cooperative', 'seed library', 'funds', 'directed', { Amount: 500 }],
  ['Green Valley Co-op', 'Seed Library', 'funds', 'directed', {}],
  ['Seed Library', 'Riverside', 'related', 'undirected', {}],
  ['Tool Library', 'Riverside', 'located in', 'directed', {}],
]

describe('Kumu blueprint (JSON)', () => {
  const g = parseMapFile({ text: fixture('kumu-blueprint.json'), fileName: 'kumu-blueprint.json' })

  it('reads elements with their types, urls, tags and custom fields, and connections by id or by label', () => {
    expect(g.format).toBe('kumu')
    expect(shown(g)).toEqual({ nodes: KUMU_NODES, edges: KUMU_EDGES })
    expect(g.nodes.map((n) => n.at)).toEqual(['elements[0]', 'elements[1]', 'elements[2]', 'elements[3]', 'elements[4]', 'elements[5]', 'elements[6]'])
    expect(g.nodes[1]!.description).toBe('Network weaver')
  })

  it('reports Kumu\'s loops as left out', () => {
    expect(g.skipped).toEqual([{ at: 'loops[0]', reason: expect.stringContaining('loop') }])
  })

  it('reads Kumu\'s own export, its fields under attributes and its ids as _id', () => {
    const text = JSON.stringify({
      elements: [{ _id: 'a1', attributes: { label: 'Hub', 'element type': 'Network', Reach: 'wide' } }, { _id: 'a2', attributes: { label: 'Spoke' } }],
      connections: [{ _id: 'c1', from: 'a1', to: 'a2', attributes: { 'connection type': 'supports' } }],
    })
    expect(shown(parseMapFile({ text }))).toEqual({
      nodes: [['organisation', 'Hub', null, [], { 'element type': 'Network', Reach: 'wide' }], ['organisation', 'Spoke', null, [], {}]],
      edges: [['Hub', 'Spoke', 'supports', 'directed', {}]],
    })
  })

  it('keeps custom fields named as Object\'s own (constructor, toString) as attributes', () => {
    const text = JSON.stringify({ elements: [{ label: 'A', constructor: 'kept', toString: 'too', hasOwnProperty: 1 }] })
    expect(parseMapFile({ text }).nodes[0]!.attributes).toEqual({ constructor: 'kept', toString: 'too', hasOwnProperty: 1 })
    expect(parseMapFile({ text: 'Label,Constructor\nA,kept\n' }).nodes[0]!.attributes).toEqual({ Constructor: 'kept' })
  })

  it('leaves an end the file does not have for the map to answer', () => {
    const g2 = parseMapFile({ text: JSON.stringify({ elements: [{ label: 'A' }], connections: [{ from: 'A', to: 'Someone in the map' }] }) })
    expect(g2.edges[0]!.to).toEqual({ ref: 'Someone in the map' })
  })
})

describe('Kumu CSV sheets', () => {
  const g = parseMapFile({ text: fixture('kumu-elements.csv'), connectionsText: fixture('kumu-connections.csv'), fileName: 'kumu-elements.csv' })

  it('read the same map as the blueprint: `|` between values, numbers as numbers, quoted cells over two lines', () => {
    expect(g.format).toBe('kumu-csv')
    const nodes = KUMU_NODES.map((n) => (n[1] === 'Tool Library' ? [...n.slice(0, 4), { Image: 'https://example.org/tools.png' }] : n))
    expect(shown(g)).toEqual({ nodes, edges: KUMU_EDGES })
    expect(g.nodes[3]!.description).toBe('A food co-op\nin the valley')
  })

  it('name each row by its line (a quoted cell over two lines counts both), and report an empty row', () => {
    expect(g.nodes.map((n) => n.at)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 7', 'line 9', 'line 10'])
    expect(g.edges[0]!.at).toBe('connections sheet line 2')
    expect(g.skipped).toEqual([{ at: 'line 8', reason: 'an empty row' }])
  })

  it('keep a cell that reads as no finite number (NaN, Infinity) as text', () => {
    const sheet = parseMapFile({ text: 'Label,Score,Limit,Floor,Count\nA,NaN,Infinity,-Infinity,12\n' })
    expect(sheet.nodes[0]!.attributes).toEqual({ Score: 'NaN', Limit: 'Infinity', Floor: '-Infinity', Count: 12 })
  })

  it('find the header without regard to case, and read a sheet of connections alone', () => {
    const alone = parseMapFile({ text: 'from,TO,type\nA,B,knows\n', format: 'kumu-csv' })
    expect(shown(alone).edges).toEqual([['?A', '?B', 'knows', 'directed', {}]])
    expect(shown(parseMapFile({ text: 'ID,LABEL\nx1,Solo\n' })).nodes).toEqual([['organisation', 'Solo', null, [], {}]])
  })
})

describe('Murmurations profiles', () => {
  const g = parseMapFile({ text: fixture('murmurations-profiles.json') })

  it('read each profile as an organisation, its other schema fields as attributes', () => {
    expect(g.format).toBe('murmurations')
    expect(shown(g).nodes.slice(0, 4)).toEqual([
      ['organisation', 'Green Valley Co-op', 'https://greenvalley.coop', ['food', 'co-op'], { mission: 'Feed the valley', country_iso_3166: 'GB', 'geolocation.lat': 51.5, 'geolocation.lon': -0.12 }],
      ['organisation', 'Seed Library', 'https://seedlibrary.org', [], { urls: ['{"name":"Blog","url":"https://blog.seedlibrary.org"}'] }],
      ['organisation', 'Green Valley Cooperative', 'http://www.GreenValley.coop/', [], { mission: 'Feed everyone', status: 'active' }],
      ['organisation', 'seed library', null, ['seeds'], {}],
    ])
  })

  it('make relationships edges: to the profile with that url, or to one node made for an unknown url', () => {
    expect(g.nodes).toHaveLength(5)
    expect(g.nodes[4]).toMatchObject({ label: 'unknown.example.net/about', url: 'https://unknown.example.net/about/', placeholder: true })
    expect(shown(g).edges).toEqual([
      ['Green Valley Co-op', 'Seed Library', 'member', 'directed', { predicate_url: 'https://schema.org/member' }],
      ['Green Valley Co-op', 'unknown.example.net/about', 'knows', 'directed', { predicate_url: 'https://schema.org/knows' }],
      ['seed library', 'unknown.example.net/about', 'knows', 'directed', { predicate_url: 'https://schema.org/knows' }],
    ])
  })

  it('read one profile with a field named elements or connections as a profile, the fields kept', () => {
    const one = parseMapFile({ text: JSON.stringify({ name: 'Solo', primary_url: 'https://solo.org', elements: ['fire'], connections: 'many' }) })
    expect(one.format).toBe('murmurations')
    expect(shown(one).nodes).toEqual([['organisation', 'Solo', 'https://solo.org', [], { elements: ['fire'], connections: 'many' }]])
  })

  it('read a bare host as a web address, in a profile and in a relationship', () => {
    const file = parseMapFile({ text: JSON.stringify([
      { name: 'Open Co-op', primary_url: 'open.coop', relationships: [{ predicate_url: 'https://schema.org/member', object_url: 'harbourmakers.example/about' }] },
      { name: 'Harbour Makers', primary_url: 'https://harbourmakers.example/about' },
      { name: 'Not a host', primary_url: 'just words' },
    ]) })
    expect(file.nodes.map((n) => [n.label, n.url])).toEqual([['Open Co-op', 'https://open.coop'], ['Harbour Makers', 'https://harbourmakers.example/about'], ['Not a host', undefined]])
    expect(file.skipped).toEqual([])
    expect(file.edges).toHaveLength(1)
  })

  it('read one profile alone as well as a list', () => {
    const one = parseMapFile({ text: JSON.stringify({ linked_schemas: ['organizations_schema-v1.0.0'], name: 'Solo', primary_url: 'https://solo.org' }) })
    expect(one.format).toBe('murmurations')
    expect(one.nodes.map((n) => [n.at, n.label])).toEqual([['profile', 'Solo']])
  })
})

describe('formats, types and keys', () => {
  it.each([
    ['{"elements": []}', undefined, 'kumu'],
    ['  {"connections": [], "elements": []}', 'x.txt', 'kumu'],
    ['[{"name": "A"}]', undefined, 'murmurations'],
    ['{"linked_schemas": ["organizations_schema-v1.0.0"], "name": "A"}', undefined, 'murmurations'],
    ['{"elements": [ {"label": "A",} ]}', undefined, 'kumu'],
    ['Label,Type\nA,Person', 'map.csv', 'kumu-csv'],
    ['\uFEFFFrom,To\nA,B', undefined, 'kumu-csv'],
    ['{"name": "A", "primary_url": "https://a.org", "elements": ["fire"]}', undefined, 'murmurations'],
    ['{"linked_schemas": ["organizations_schema-v1.0.0"], "name": "A", "connections": [{"label": "x"}]}', undefined, 'murmurations'],
    ['{"name": "A", "elements": ["fire", "water"]}', undefined, 'murmurations'],
    ['{"elements": [{"label": "A", "name": "x", "primary_url": "https://a.org"}]}', undefined, 'kumu'],
  ] as const)('%j (named %s) is %s', (text, fileName, format) => {
    expect(detectFormat(text, fileName)).toBe(format)
  })

  it.each([
    ['Organization', 'organisation', 'Organization'], ['organisation', 'organisation', undefined], ['Co-ops', 'organisation', 'Co-ops'],
    ['People', 'person', 'People'], ['Person', 'person', undefined], ['Programme', 'initiative', 'Programme'], ['Campaigns', 'initiative', 'Campaigns'],
    ['City', 'place', 'City'], ['Tools', 'resource', 'Tools'], ['Funder', 'organisation', 'Funder'], ['Wizard', 'organisation', 'Wizard'],
    ['', 'organisation', undefined],
  ])('Kumu type %j is %s (kept as %s)', (word, type, kept) => {
    expect(readNodeType(word)).toEqual(kept === undefined ? { type } : { type, kept })
  })

  it.each([
    ['https://www.Example.org/about/', 'http://example.org/about'],
    ['https://example.org:443/a#team', 'http://example.org/a'],
    ['http://example.org:80/', 'https://EXAMPLE.org'],
  ])('%s and %s are one url', (a, b) => {
    expect(urlKey(a)).toBe(urlKey(b))
  })

  it('tells urls apart by path case, query and other ports', () => {
    expect(urlKey('https://example.org/About')).not.toBe(urlKey('https://example.org/about'))
    expect(urlKey('https://example.org/?id=1')).not.toBe(urlKey('https://example.org/?id=2'))
    expect(urlKey('https://example.org:8080/')).not.toBe(urlKey('https://example.org/'))
    expect(urlKey('mailto:a@example.org')).toBeNull()
  })

  it('reads names as one without regard to case, accents, compatibility forms and runs of spaces', () => {
    expect(labelKey('Café  Ünity')).toBe(labelKey('cafe unity'))
    expect(labelKey('ＡＢＣ Co-op')).toBe(labelKey('abc co-op'))
    expect(labelKey('Seed Library')).not.toBe(labelKey('Seed Libraries'))
  })
})

describe('a malformed file is refused, naming the place', () => {
  const refused = (input: Parameters<typeof parseMapFile>[0]): string => {
    const err = thrownBy(() => parseMapFile(input))
    expect(err).toBeInstanceOf(CommonweaveError)
    expect((err as CommonweaveError).code).toBe(ErrorCode.ValidationFailed)
    return (err as CommonweaveError).message
  }
  const long = 'x'.repeat(2001)
  const nested = (levels: number, open: string, close: string): string => `${open.repeat(levels)}1${close.repeat(levels)}`

  it.each([
    ['bad JSON, by line and column', { text: fixture('bad-json.json') }, 'the file is not valid JSON: line 4, column 32'],
    ['a CSV connections sheet without From', { text: fixture('kumu-elements.csv'), connectionsText: fixture('no-from-connections.csv') }, 'the connections sheet\'s first row must name From and To'],
    ['a profile without a name', { text: fixture('murmurations-no-name.json') }, '[1].name is required'],
    ['a blueprint that is a list of nothing known', { text: '"elements"', format: 'kumu' as const }, 'the file\'s top level must be an object'],
    ['a blueprint without elements or connections', { text: '{"nodes": []}', format: 'kumu' as const }, 'the file has neither "elements" nor "connections"'],
    ['elements that are not a list', { text: '{"elements": {"label": "A"}}' }, 'elements must be a list'],
    ['an element with an empty label', { text: '{"elements": [{"label": "A"}, {"label": "   "}]}' }, 'elements[1].label is required'],
    ['an element that is not an object', { text: '{"elements": ["A"]}' }, 'elements[0] must be an object'],
    ['a connection without from', { text: '{"elements": [{"label": "A"}], "connections": [{"to": "A"}]}' }, 'connections[0].from is required'],
    ['a connection going some other way', { text: '{"elements": [{"label": "A"}, {"label": "B"}], "connections": [{"from": "A", "to": "B", "direction": "sideways"}]}' }, 'connections[0].direction must be directed, undirected or mutual'],
    ['a custom field too long', { text: JSON.stringify({ elements: [{ label: 'A', Notes: long }] }) }, 'elements[0].Notes: an attribute\'s text is at most 2000 characters'],
    ['a label too long', { text: JSON.stringify({ elements: [{ label: 'L'.repeat(201) }] }) }, 'elements[0].label is at most 200 characters'],
    ['too many tags', { text: JSON.stringify({ elements: [{ label: 'A', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }] }) }, 'elements[0].tags: at most 20 tags'],
    ['a CSV elements sheet without a header', { text: 'Green Valley,Organization\n', format: 'kumu-csv' as const }, 'the elements sheet\'s first row must name its columns, starting with Label (or ID)'],
    ['a CSV cell with a missing label', { text: 'Label,Type\nA,Person\n,Person\n' }, 'line 3, label is required'],
    ['a CSV row longer than its header', { text: 'Label,Type\nA,Person,extra\n' }, 'line 2: the row has more cells than the elements sheet\'s first row names columns'],
    ['a CSV with an unclosed quote', { text: 'Label\nA\n"B\n' }, 'the elements sheet, line 3: Quoted field unterminated'],
    ['profiles that are not objects', { text: '[{"name": "A"}, 3]' }, '[1] must be an object'],
    ['a relationship without object_url', { text: '[{"name": "A", "relationships": [{"predicate_url": "https://schema.org/knows"}]}]' }, '[0].relationships[0].object_url is required'],
    ['a custom field named __proto__', { text: '{"elements": [{"label": "A", "__proto__": "x"}]}' }, 'elements[0].__proto__: an attribute cannot be named "__proto__"'],
    ['a CSV column named __proto__', { text: 'Label,__proto__\nA,x\n' }, 'line 2, __proto__: an attribute cannot be named "__proto__"'],
    ['a Murmurations attribute named __proto__', { text: '[{"name": "A", "map_attributes": {"__proto__": "x"}}]' }, '[0].__proto__: an attribute cannot be named "__proto__"'],
    ['a custom field nested 20,000 objects deep', { text: `{"elements": [{"label": "A", "Deep": ${nested(20_000, '{"a":', '}')}}]}` }, 'elements[0].Deep: its objects or lists nest more than 8 deep'],
    ['a custom field of lists nested 20,000 deep', { text: `{"elements": [{"label": "A", "Deep": ${nested(20_000, '[', ']')}}]}` }, 'elements[0].Deep: its objects or lists nest more than 8 deep'],
    ['a relationship\'s attribute nested 20,000 deep', { text: `[{"name": "A", "relationships": [{"object_url": "https://b.org", "attributes": {"Deep": ${nested(20_000, '{"a":', '}')}}}]}]` }, '[0].relationships[0].Deep: its objects or lists nest more than 8 deep'],
    ['a connections sheet with a Murmurations file', { text: '[{"name": "A"}]', connectionsText: 'From,To\n' }, 'a connections sheet goes with Kumu\'s CSV elements sheet'],
  ])('%s', (_, input, message) => {
    expect(refused(input)).toContain(message)
  })
})
