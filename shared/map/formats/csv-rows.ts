/**
 * The rows of a CSV sheet, read a slice at a time: a 12 MB sheet parsed in one call held the
 * peer's event loop for most of a second. The text is cut at line breaks that end a row (not
 * those inside a quoted cell), each slice is parsed with the delimiter and line break the start
 * of the sheet showed, and the reader yields between slices (steps.ts).
 *
 * A sheet names at most MAX_COLUMNS columns: a wider one is refused in words before its rows
 * are read.
 */
import Papa from 'papaparse'
import { refuse } from './fields.ts'
import type { Steps } from './steps.ts'

export interface Row { line: number; cells: string[] }

/** The most columns a sheet may name (Kumu's fields and the custom fields together). */
export const MAX_COLUMNS = 200
/** About how much text is parsed between two yields. */
const SLICE_CHARS = 64 * 1024

const QUOTE = 34
const NEW_LINE = 10

/**
 * Where the slice that starts at `pos` ends: the first line break at or after `pos + size` that
 * is outside quotes, or the end of the text. A quote opens a quoted cell only at the start of a
 * cell, and `""` inside one is a quote, as Papa reads them.
 */
export function sliceEnd(text: string, pos: number, delimiter: string, size = SLICE_CHARS): number {
  if (pos + size >= text.length) return text.length
  const delim = delimiter.charCodeAt(0)
  let quoted = false
  let cellStart = true
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (quoted) {
      if (c !== QUOTE) continue
      if (text.charCodeAt(i + 1) === QUOTE) i++
      else quoted = false
    } else if (c === QUOTE && cellStart) quoted = true
    else if (c === NEW_LINE && i >= pos + size) return i
    else {
      cellStart = c === delim || c === NEW_LINE
      continue
    }
    cellStart = false
  }
  return text.length
}

/** The rows of a sheet, each with the line it starts on; the first is the header. Empty rows at the end are left out. */
export function* rowsSteps(text: string, sheet: string): Steps<Row[]> {
  const body = text.replace(/^\uFEFF/, '')
  // The delimiter and line break, as Papa guesses them from the first rows.
  const { meta } = Papa.parse<string[]>(body.slice(0, SLICE_CHARS), { preview: 10 })
  const config = { skipEmptyLines: false, delimiter: meta.delimiter, newline: meta.linebreak as Papa.ParseConfig['newline'] }
  const rows: Row[] = []
  let line = 1
  for (let pos = 0; pos < body.length;) {
    const end = sliceEnd(body, pos, meta.delimiter)
    // The slice ends before its line break (and a carriage return before that), so Papa sees no empty row after it.
    const slice = body.slice(pos, end > pos && body.charCodeAt(end - 1) === 13 && end < body.length ? end - 1 : end)
    const parsed = Papa.parse<string[]>(slice, config)
    const first = rows.length
    for (const cells of parsed.data) {
      const row = { line, cells: cells.map((c) => c.replace(/\r\n?/g, '\n')) }
      line += 1 + row.cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0)
      rows.push(row)
    }
    const error = parsed.errors.find((e) => e.code !== 'UndetectableDelimiter')
    if (error) refuse(`${sheet}, line ${rows[first + (error.row ?? 0)]?.line ?? line}: ${error.message}`)
    if (first === 0 && rows.length > 0 && rows[0]!.cells.length > MAX_COLUMNS) {
      refuse(`${sheet}'s first row names ${rows[0]!.cells.length} columns; a sheet is read with at most ${MAX_COLUMNS}: leave out the columns no element or connection uses`)
    }
    pos = end + 1
    yield
  }
  while (rows.length > 0 && rows[rows.length - 1]!.cells.every((c) => c.trim() === '')) rows.pop()
  return rows
}
