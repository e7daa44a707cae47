/**
 * Kumu's CSV sheets at the sizes a peer must survive: a sheet of megabytes is read in slices
 * (the peer's event loop is handed back between them) and reads the same rows as one parse of
 * the whole; a sheet too wide is refused in words; a map with more distinct attribute names than
 * a sheet has columns is written with the rest in one JSON column, and read back whole.
 */
import Papa from 'papaparse'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { MapSnapshot } from '../../../shared/map/contract.ts'
import { parseMapFile } from '../../../shared/map/formats/detect.ts'
import { writeKumuCsv } from '../../../shared/map/formats/kumu-csv.ts'
import type { Attributes, MapNode } from '../../../shared/schemas/map.ts'
import { thrownBy } from '../../helpers/thrown-by.ts'

/** A sheet of `rows` elements whose cells hold what CSV makes hard: quotes, commas, line breaks, `""`, a stray `"`. */
function sheet(rows: number, delimiter = ',', newline = '\r\n'): string {
  const lines = [['Label', 'Type', 'Description', 'Notes', 'Size'].join(delimiter)]
  for (let i = 0; i < rows; i++) {
    const description = i % 7 === 0 ? `"Line one of ${i}${newline}line two, ""quoted""${newline}and three"` : `"Plain ${i}${delimiter} with the delimiter"`
    lines.push([`Node ${i}`, 'Person', description, `a 5" screen ${i}`, String(i % 100)].join(delimiter))
  }
  return lines.join(newline) + newline
}

describe('a large Kumu CSV sheet', () => {
  afterEach(() => { vi.restoreAllMocks() })

  it.each([[',', '\r\n'], [';', '\n']])('is parsed in slices of at most 64 KB, and reads what one parse of the whole reads (delimiter %j)', (delimiter, newline) => {
    const text = sheet(20_000, delimiter, newline)
    expect(text.length).toBeGreaterThan(1_400_000)
    const whole = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data
    const parse = vi.spyOn(Papa, 'parse')
    const g = parseMapFile({ text, format: 'kumu-csv' })
    const sizes = parse.mock.calls.map(([input]) => (input as unknown as string).length)
    expect(sizes.length).toBeGreaterThan(20)
    expect(Math.max(...sizes)).toBeLessThan(70_000)
    expect(g.skipped).toEqual([])
    expect(g.nodes.map((n) => [n.label, n.description, n.attributes.Notes, n.attributes.Size]))
      .toEqual(whole.slice(1).map(([label, , description, notes, size]) => [label, description!.replace(/\r\n/g, '\n'), notes, Number(size)]))
    // Each row is named by the line it starts on, a description over three lines counting three.
    expect(g.nodes.slice(0, 2).map((n) => n.at)).toEqual(['line 2', 'line 5'])
    expect(g.nodes.at(-1)!.at).toBe(`line ${text.slice(0, text.lastIndexOf('Node 19999')).split(newline).length}`)
  })

  it('refuses a sheet that names more than 200 columns, in words', () => {
    const header = ['Label', ...Array.from({ length: 200 }, (_, i) => `Field ${i}`)].join(',')
    const err = thrownBy(() => parseMapFile({ text: `${header}\nA\n` }))
    expect(err).toBeInstanceOf(CommonweaveError)
    expect((err as CommonweaveError).code).toBe(ErrorCode.ValidationFailed)
    expect((err as CommonweaveError).message).toBe('the elements sheet\'s first row names 201 columns; a sheet is read with at most 200: leave out the columns no element or connection uses')
  })
})

describe('writing a map with more attribute names than a sheet has columns', () => {
  const NOW = '2026-03-01T10:00:00.000Z'
  const node = (i: number, attributes: Attributes): MapNode => ({
    id: `n${i}`, kind: 'node', schemaVersion: 1, type: 'person', label: `Person ${i}`, description: '', tags: [], attributes, createdAt: NOW, updatedAt: NOW,
  })
  /** 2,000 nodes, each with 49 attribute names of its own and one (Town) they all have. */
  const wide: MapSnapshot = {
    nodes: Array.from({ length: 2000 }, (_, i) => node(i, { ...Object.fromEntries(Array.from({ length: 49 }, (_, j) => [`Field ${i}.${j}`, j % 2 === 0 ? j : `text ${j}`])), Town: i % 2 === 0 ? 'Ghent' : 'Bruges' })),
    edges: [],
  }
  const read = (m: MapSnapshot) => {
    const s = writeKumuCsv(m)
    return { header: Papa.parse<string[]>(s.elements, { preview: 1 }).data[0]!, graph: parseMapFile({ text: s.elements, connectionsText: s.connections }) }
  }

  it('writes 200 columns, the most used kept as columns and the rest of each row as JSON in the last, and reads every attribute back', () => {
    const { header, graph } = read(wide)
    expect(header).toHaveLength(200)
    expect(header.slice(0, 7)).toEqual(['Label', 'Type', 'ID', 'Description', 'Tags', 'URL', 'Field 0.0'])
    expect(header).toContain('Town')
    expect(header.at(-1)).toBe('More attributes (JSON)')
    expect(graph.skipped).toEqual([])
    expect(graph.nodes.map((n) => [n.key, n.label, n.attributes])).toEqual(wide.nodes.map((n) => [n.id, n.label, n.attributes]))
  })

  it('writes an attribute named as the JSON column inside it, so it reads back as it was', () => {
    const odd: MapSnapshot = { nodes: [node(1, { 'More attributes (JSON)': 'a note', Budget: 5 })], edges: [] }
    const { header, graph } = read(odd)
    expect(header).toEqual(['Label', 'Type', 'ID', 'Description', 'Tags', 'URL', 'Budget', 'More attributes (JSON)'])
    expect(graph.nodes[0]!.attributes).toEqual({ Budget: 5, 'More attributes (JSON)': 'a note' })
  })

  it('refuses a JSON column that holds no JSON object, naming the line', () => {
    const err = thrownBy(() => parseMapFile({ text: 'Label,More attributes (JSON)\nA,{"Budget": 5}\nB,not json\n' }))
    expect((err as CommonweaveError).message).toMatch(/^line 3, More attributes \(JSON\) must be a JSON object of attributes/)
    expect(parseMapFile({ text: 'Label,More attributes (JSON)\nA,"{""Budget"": 5, ""Area"": ""12""}"\n' }).nodes[0]!.attributes).toEqual({ Budget: 5, Area: '12' })
  })
})
