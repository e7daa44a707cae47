/**
 * Kumu's two CSV sheets, read and written: the elements sheet (its first row names the columns,
 * starting with Label or ID) and the connections sheet (starting with From and To). Column names
 * are matched without regard to case; `|` separates several values in a cell. A custom field's
 * cell that reads as a number or as true/false is one, as in Kumu.
 *
 * A sheet is read a slice at a time (csv-rows.ts) and names at most 200 columns; a map with more
 * distinct attribute names is written with the least used in one JSON column (csv-columns.ts).
 *
 * Writing, a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is written
 * after a `'`, and reading takes that `'` off again: a label a peer wrote cannot run in Excel.
 */
import Papa from 'papaparse'
import { MapFormat, type AttributeValue } from '../../schemas/map.ts'
import type { MapSnapshot } from '../contract.ts'
import { putOwn, refuse } from './fields.ts'
import { connectionFields, elementFields, elementFinder, kumuConnection, kumuElement } from './kumu-fields.ts'
import { columnsOf, moreCell, MORE_ATTRIBUTES, withMore } from './csv-columns.ts'
import { rowsSteps, type Row } from './csv-rows.ts'
import type { ParsedGraph, Skipped } from './parsed.ts'
import { eachOf, runSteps, type Steps } from './steps.ts'

const FORMULA = /^'(?=[=+\-@\t\r])/

/** A custom field's cell: a list when it holds `|`, a number or yes/no when it reads as one, else text. */
function cellValue(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw
  const cell = raw.trim()
  if (cell.includes('|')) return cell.split('|').map((v) => v.trim()).filter((v) => v !== '')
  // `NaN` and `Infinity` read as numbers to JavaScript, but no attribute may hold them: text.
  if (cell !== '' && Number.isFinite(Number(cell)) && String(Number(cell)) === cell) return Number(cell)
  if (cell === 'true' || cell === 'false') return cell === 'true'
  return raw
}

/** Each row after the header as its fields by column name; empty rows are reported and passed by. */
function* records(rows: Row[], sheet: string, at: (line: number) => string, skipped: Skipped[]): Steps<Array<{ at: string; fields: Record<string, string> }>> {
  const header = rows[0]!.cells.map((c) => c.replace(FORMULA, '').trim())
  const out: Array<{ at: string; fields: Record<string, string> }> = []
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!
    yield
    if (row.cells.every((c) => c.trim() === '')) {
      skipped.push({ at: at(row.line), reason: 'an empty row' })
      continue
    }
    if (row.cells.slice(header.length).some((c) => c.trim() !== '')) refuse(`${at(row.line)}: the row has more cells than the ${sheet}'s first row names columns`)
    const fields: Record<string, string> = {}
    header.forEach((name, i) => {
      const cell = (row.cells[i] ?? '').replace(FORMULA, '')
      if (name !== '' && cell.trim() !== '') putOwn(fields, name, cell)
    })
    out.push({ at: at(row.line), fields })
  }
  return out
}

const first = (rows: Row[], n: number): string => (rows[0]?.cells[n] ?? '').trim().toLowerCase()
const isConnectionsSheet = (rows: Row[]): boolean => ['from', 'to'].includes(first(rows, 0)) && ['from', 'to'].includes(first(rows, 1)) && first(rows, 0) !== first(rows, 1)

/**
 * Kumu's sheets as a graph of the file: the elements sheet, and the connections sheet when
 * given. A single sheet whose first row starts with From and To is read as connections alone.
 */
export function parseKumuCsv(text: string, connectionsText?: string): ParsedGraph {
  return runSteps(kumuCsvSteps(text, connectionsText))
}

export function* kumuCsvSteps(text: string, connectionsText?: string): Steps<ParsedGraph> {
  const graph: ParsedGraph = { format: MapFormat.KumuCsv, nodes: [], edges: [], skipped: [] }
  let elementRows = yield* rowsSteps(text, 'the elements sheet')
  let connectionRows = connectionsText === undefined ? [] : yield* rowsSteps(connectionsText, 'the connections sheet')
  if (connectionsText === undefined && isConnectionsSheet(elementRows)) [elementRows, connectionRows] = [[], elementRows]
  else {
    if (elementRows.length === 0) refuse('the elements sheet is empty: its first row names the columns, starting with Label (or ID)')
    if (!['label', 'id'].includes(first(elementRows, 0))) refuse(`the elements sheet's first row must name its columns, starting with Label (or ID); it starts with "${elementRows[0]!.cells[0]?.slice(0, 40) ?? ''}"`)
    if (!elementRows[0]!.cells.some((c) => c.trim().toLowerCase() === 'label')) refuse('the elements sheet\'s first row has no Label column')
  }
  const elementsAt = (line: number): string => `line ${line}`
  const connectionsAt = (line: number): string => (connectionsText === undefined ? `line ${line}` : `connections sheet line ${line}`)
  if (elementRows.length > 0) {
    graph.nodes = yield* eachOf(yield* records(elementRows, 'elements sheet', elementsAt, graph.skipped), (r) => withMore(r.fields, r.at, (f) => kumuElement(f, r.at, cellValue)))
  }
  if (connectionRows.length > 0) {
    if (!isConnectionsSheet(connectionRows)) refuse(`the connections sheet's first row must name From and To (its first two columns); it starts with "${connectionRows[0]!.cells.slice(0, 2).join(',').slice(0, 60)}"`)
    const find = elementFinder(graph.nodes)
    graph.edges = yield* eachOf(yield* records(connectionRows, 'connections sheet', connectionsAt, graph.skipped), (r) => withMore(r.fields, r.at, (f) => kumuConnection(f, r.at, find, cellValue)))
  }
  return graph
}

const HEADERS = new Map(Object.entries({ label: 'Label', type: 'Type', id: 'ID', description: 'Description', tags: 'Tags', url: 'URL', from: 'From', to: 'To', direction: 'Direction' }))

/** A value as a cell: lists joined by `|` (a list of one ends in `|`, so it reads back as a list). */
function cell(name: string, v: AttributeValue | undefined): string | number | boolean {
  if (v === undefined) return ''
  if (!Array.isArray(v)) return v
  return name === 'tags' || v.length !== 1 ? v.join('|') : `${v[0]}|`
}

const ROWS_A_SLICE = 500

/**
 * A sheet of items: the fields Kumu reads first, then the custom fields any of them has, in the
 * order first met; past MAX_COLUMNS, the least used in one JSON column (csv-columns.ts).
 */
function* sheet(items: Array<Record<string, unknown>>, base: string[]): Steps<string> {
  const { own, more } = columnsOf(items, base)
  const owned = new Set(own)
  const options = { escapeFormulae: /^[=+\-@\t\r]/, newline: '\r\n' }
  // The header as a row of its own: unparsing `{fields, data: []}` ends it in a line break, and
  // the join below would then make an empty second row.
  const lines = [Papa.unparse([[...own.map((c) => HEADERS.get(c) ?? c), ...(more ? [MORE_ATTRIBUTES] : [])]], options)]
  yield
  for (let i = 0; i < items.length; i += ROWS_A_SLICE) {
    const data = items.slice(i, i + ROWS_A_SLICE).map((item) => [
      ...own.map((c) => cell(c, Object.hasOwn(item, c) ? item[c] as AttributeValue : undefined)),
      ...(more ? [moreCell(item, owned)] : []),
    ])
    lines.push(Papa.unparse(data, { ...options, header: false }))
    yield
  }
  return `${lines.join('\r\n')}\r\n`
}

/** The map as Kumu's elements sheet (Label first, ID the node id) and connections sheet (ends by node id). */
export function writeKumuCsv(snapshot: MapSnapshot): { elements: string; connections: string } {
  return runSteps(kumuCsvWriting(snapshot))
}

export function* kumuCsvWriting(snapshot: MapSnapshot): Steps<{ elements: string; connections: string }> {
  const elements = yield* sheet(yield* eachOf(snapshot.nodes, elementFields), ['label', 'type', 'id', 'description', 'tags', 'url'])
  const connections = yield* sheet(yield* eachOf(snapshot.edges, connectionFields), ['from', 'to', 'type', 'direction', 'label', 'description', 'tags'])
  return { elements, connections }
}
