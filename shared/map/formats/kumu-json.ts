/**
 * Kumu's JSON blueprint, `{elements, connections, loops}`, read and written. Kumu's own export
 * (`_id`, fields under `attributes`) is read as well. A connection names its ends by an
 * element's id or label; an end the file does not have is looked up in the map by the planner.
 * Loops (Kumu's feedback loops) are no part of the map: each is reported as left out.
 */
import { MapFormat } from '../../schemas/map.ts'
import type { MapSnapshot } from '../contract.ts'
import { refuse } from './fields.ts'
import { isRecord, parseJsonText } from './json-text.ts'
import { connectionFields, elementFields, elementFinder, kumuConnection, kumuElement } from './kumu-fields.ts'
import type { ParsedGraph } from './parsed.ts'
import { eachOf, runSteps, type Steps } from './steps.ts'

const SHAPE = 'a Kumu blueprint is an object with the lists "elements" and "connections"'

/** Kumu's export keeps an item's fields under `attributes`: they are read as if they were its own. */
function flat(item: unknown, at: string): Record<string, unknown> {
  if (!isRecord(item)) refuse(`${at} must be an object`)
  const { attributes, ...rest } = item
  return isRecord(attributes) ? { ...rest, ...attributes } : item
}

function list(value: unknown, name: string): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : refuse(`${name} must be a list (${SHAPE})`)
}

/** A blueprint's text as a graph of the file. */
export function parseKumuJson(text: string): ParsedGraph {
  return runSteps(kumuJsonSteps(text))
}

export function* kumuJsonSteps(text: string): Steps<ParsedGraph> {
  return yield* kumuBlueprintSteps(parseJsonText(text))
}

/** A blueprint's JSON, parsed already, as a graph of the file. */
export function* kumuBlueprintSteps(doc: unknown): Steps<ParsedGraph> {
  if (!isRecord(doc)) refuse(`the file's top level must be an object: ${SHAPE}`)
  if (!('elements' in doc) && !('connections' in doc)) refuse(`the file has neither "elements" nor "connections": ${SHAPE}`)
  const graph: ParsedGraph = { format: MapFormat.Kumu, nodes: [], edges: [], skipped: [] }
  const elements = list(doc.elements, 'elements')
  const connections = list(doc.connections, 'connections')
  for (const [i, e] of elements.entries()) {
    graph.nodes.push(kumuElement(flat(e, `elements[${i}]`), `elements[${i}]`))
    yield
  }
  const find = elementFinder(graph.nodes)
  for (const [i, c] of connections.entries()) {
    graph.edges.push(kumuConnection(flat(c, `connections[${i}]`), `connections[${i}]`, find))
    yield
  }
  list(doc.loops, 'loops').forEach((_, i) => graph.skipped.push({ at: `loops[${i}]`, reason: 'a Kumu loop (a feedback loop drawn over connections) is not part of the map' }))
  for (const key of Object.keys(doc)) {
    if (!['elements', 'connections', 'loops'].includes(key)) graph.skipped.push({ at: key, reason: 'not read: a blueprint\'s elements and connections are' })
  }
  return graph
}

/** The map as a Kumu blueprint: element ids are node ids, and connections name their ends by them. */
export function writeKumuJson(snapshot: MapSnapshot): string {
  return runSteps(kumuJsonWriting(snapshot))
}

export function* kumuJsonWriting(snapshot: MapSnapshot): Steps<string> {
  const elements = yield* eachOf(snapshot.nodes, elementFields)
  const connections = yield* eachOf(snapshot.edges, connectionFields)
  return `${JSON.stringify({ elements, connections }, null, 2)}\n`
}
