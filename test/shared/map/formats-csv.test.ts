/**
 * Kumu's CSV sheets at the sizes a peer must survive: a sheet of megabytes is read in slices
 * (the peer's event loop is handed back between them) and reads the same rows as one parse of
 * the whole; a sheet too wide is refused in words.
 */
import Papa from 'papaparse'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { parseMapFile } from '../../../shared/map/formats/detect.ts'
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
    const sizes = parse.mock.calls.map(([input]) => (input as string).length)
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
