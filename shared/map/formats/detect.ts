/**
 * Which of the three formats a file is, from what it holds (and its name when the content does
 * not say), and the one entry that reads any of them into a graph of the file.
 */
import { MapFormat } from '../../schemas/map.ts'
import { refuse } from './fields.ts'
import { isRecord, parseJsonText } from './json-text.ts'
import { kumuCsvSteps } from './kumu-csv.ts'
import { kumuBlueprintSteps, kumuJsonSteps } from './kumu-json.ts'
import { murmurationsSteps, profilesSteps } from './murmurations.ts'
import type { ParsedGraph } from './parsed.ts'
import { runSteps, type Steps } from './steps.ts'

const looksLikeJson = (body: string, fileName: string | undefined): boolean =>
  body.startsWith('{') || body.startsWith('[') || (fileName?.toLowerCase().endsWith('.json') ?? false)

const isKumuList = (v: unknown): boolean => Array.isArray(v) && v.every(isRecord)

/**
 * The format of a JSON file, from its top level. A list is Murmurations profiles. An object is
 * a Murmurations profile when it names its schema (`linked_schemas`) or has both `name` and
 * `primary_url`, which no blueprint has at its top; else a Kumu blueprint when its `elements` or
 * `connections` is a list of objects; else a profile when it has `name` or `primary_url`. So a
 * profile with a field of its own called `elements` stays a profile.
 */
export function formatOfJson(doc: unknown): MapFormat {
  if (Array.isArray(doc)) return MapFormat.Murmurations
  if (!isRecord(doc)) return MapFormat.Kumu
  if ('linked_schemas' in doc || ('name' in doc && 'primary_url' in doc)) return MapFormat.Murmurations
  if (isKumuList(doc.elements) || isKumuList(doc.connections)) return MapFormat.Kumu
  return 'name' in doc || 'primary_url' in doc ? MapFormat.Murmurations : MapFormat.Kumu
}

/**
 * The format of a file's text: JSON told by formatOfJson, anything else Kumu's CSV. JSON that
 * does not parse is told by the words only one format has, so its error is that format's.
 */
export function detectFormat(text: string, fileName?: string): MapFormat {
  const body = text.replace(/^\uFEFF/, '').trimStart()
  if (body === '') refuse('the file is empty')
  if (!looksLikeJson(body, fileName)) return MapFormat.KumuCsv
  try {
    return formatOfJson(JSON.parse(body))
  } catch {
    if (body.startsWith('[')) return MapFormat.Murmurations
    return /"(elements|connections)"\s*:/.test(body) || !/"(name|linked_schemas|primary_url)"\s*:/.test(body) ? MapFormat.Kumu : MapFormat.Murmurations
  }
}

/** A file's text (and Kumu's connections sheet) read as `format`, or as the format its content shows. */
export function parseMapFile(input: MapFileInput): ParsedGraph {
  return runSteps(mapFileSteps(input))
}

export interface MapFileInput { text: string; connectionsText?: string; format?: MapFormat; fileName?: string }

export function* mapFileSteps(input: MapFileInput): Steps<ParsedGraph> {
  if (input.format === undefined && input.connectionsText === undefined) {
    const body = input.text.replace(/^\uFEFF/, '').trimStart()
    if (body === '') refuse('the file is empty')
    // JSON is parsed once, and told apart by what it holds at its top.
    if (looksLikeJson(body, input.fileName)) {
      const doc = parseJsonText(body)
      yield
      return yield* (formatOfJson(doc) === MapFormat.Murmurations ? profilesSteps(doc) : kumuBlueprintSteps(doc))
    }
  }
  const format = input.format ?? detectFormat(input.text, input.fileName)
  if (input.connectionsText !== undefined && format !== MapFormat.KumuCsv) refuse(`a connections sheet goes with Kumu's CSV elements sheet; this file is read as ${format}`)
  switch (format) {
    case MapFormat.Kumu: return yield* kumuJsonSteps(input.text)
    case MapFormat.KumuCsv: return yield* kumuCsvSteps(input.text, input.connectionsText)
    case MapFormat.Murmurations: return yield* murmurationsSteps(input.text)
  }
}
