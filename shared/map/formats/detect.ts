/**
 * Which of the three formats a file is, from what it holds (and its name when the content does
 * not say), and the one entry that reads any of them into a graph of the file.
 */
import { MapFormat } from '../../schemas/map.ts'
import { refuse } from './fields.ts'
import { kumuCsvSteps } from './kumu-csv.ts'
import { kumuJsonSteps } from './kumu-json.ts'
import { murmurationsSteps } from './murmurations.ts'
import type { ParsedGraph } from './parsed.ts'
import { runSteps, type Steps } from './steps.ts'

/**
 * A JSON list is Murmurations profiles; a JSON object with `elements` or `connections` is a Kumu
 * blueprint, and one with `name`, `linked_schemas` or `primary_url` (but neither of those) is a
 * Murmurations profile; anything else is Kumu's CSV.
 * JSON that does not parse is told the same way, so its error is that format's.
 */
export function detectFormat(text: string, fileName?: string): MapFormat {
  const body = text.replace(/^\uFEFF/, '').trimStart()
  const name = fileName?.toLowerCase() ?? ''
  if (body.startsWith('[')) return MapFormat.Murmurations
  if (body.startsWith('{') || name.endsWith('.json')) {
    // Told by the words only one of them has, without reading the whole JSON a second time.
    if (/"(elements|connections)"\s*:/.test(body)) return MapFormat.Kumu
    return /"(name|linked_schemas|primary_url)"\s*:/.test(body) ? MapFormat.Murmurations : MapFormat.Kumu
  }
  if (body === '') refuse('the file is empty')
  return MapFormat.KumuCsv
}

/** A file's text (and Kumu's connections sheet) read as `format`, or as the format its content shows. */
export function parseMapFile(input: MapFileInput): ParsedGraph {
  return runSteps(mapFileSteps(input))
}

export interface MapFileInput { text: string; connectionsText?: string; format?: MapFormat; fileName?: string }

export function* mapFileSteps(input: MapFileInput): Steps<ParsedGraph> {
  const format = input.format ?? detectFormat(input.text, input.fileName)
  if (input.connectionsText !== undefined && format !== MapFormat.KumuCsv) refuse(`a connections sheet goes with Kumu's CSV elements sheet; this file is read as ${format}`)
  switch (format) {
    case MapFormat.Kumu: return yield* kumuJsonSteps(input.text)
    case MapFormat.KumuCsv: return yield* kumuCsvSteps(input.text, input.connectionsText)
    case MapFormat.Murmurations: return yield* murmurationsSteps(input.text)
  }
}
