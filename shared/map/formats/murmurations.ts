/**
 * Murmurations organisation profiles (organizations_schema-v1.0.0), one profile or a list of
 * them, read into a graph of the file (see murmurations-fields.ts for how fields are kept).
 *
 * A relationship's `object_url` is a profile of the file when its `primary_url` is the same
 * (normalised); otherwise it stands for a node made for that url alone, which the planner merges
 * with a node of the map that has the url. One such node is made for a url, however many
 * relationships name it.
 */
import { EdgeDirection, EDGE_DIRECTIONS, MapFormat, MAX_LABEL, NodeType, type Attributes } from '../../schemas/map.ts'
import { urlKey } from '../normalise.ts'
import { descriptionOf, edgeTypeOf, fieldAt, lineOf, optionalLineOf, putAttribute, refuse, tagsOf, webUrlOf } from './fields.ts'
import { isRecord, parseJsonText } from './json-text.ts'
import { NODE_URN, PREDICATE_ATTRIBUTE, predicateOfType, PROFILE_FIELDS, typeOfPredicate } from './murmurations-fields.ts'
import { readNodeType, TYPE_ATTRIBUTE } from './node-types.ts'
import { DEFAULT_EDGE_TYPE, type ParsedEdge, type ParsedEnd, type ParsedGraph, type ParsedNode } from './parsed.ts'
import { eachOf, runSteps, type Steps } from './steps.ts'

function profileNode(p: Record<string, unknown>, at: string, node: string): ParsedNode {
  const label = lineOf(p.name, fieldAt(at, 'name'))
  const typeWord = typeof p.map_type === 'string' ? p.map_type : undefined
  const { type, kept } = readNodeType(typeWord)
  const attributes: Attributes = {}
  if (kept !== undefined) attributes[TYPE_ATTRIBUTE] = kept
  for (const [name, value] of Object.entries(p)) if (!PROFILE_FIELDS.has(name)) putAttribute(attributes, name, value, at)
  if (p.map_attributes !== undefined) {
    if (!isRecord(p.map_attributes)) refuse(`${fieldAt(at, 'map_attributes')} must be an object`)
    for (const [name, value] of Object.entries(p.map_attributes)) putAttribute(attributes, name, value, at)
  }
  const url = webUrlOf(p.primary_url)
  if (p.primary_url !== undefined && url === undefined) putAttribute(attributes, 'primary_url', p.primary_url, at)
  return {
    at: node, type, label, attributes,
    description: descriptionOf(p.description, fieldAt(at, 'description')),
    tags: tagsOf(p.tags, fieldAt(at, 'tags')),
    ...(url !== undefined ? { url } : {}),
    ...(typeof p.map_id === 'string' && p.map_id.trim() !== '' ? { key: p.map_id.trim() } : {}),
  }
}

/** A node for a url no profile of the file has: its label is the address without its scheme. */
function urlNode(url: string, at: string): ParsedNode {
  const shown = url.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/+$/, '')
  return { at, type: NodeType.Organisation, label: shown.slice(0, MAX_LABEL) || url.slice(0, MAX_LABEL), description: '', tags: [], url, attributes: {}, placeholder: true }
}

/** The profiles of the file: a list, or one profile alone. */
function profilesOf(doc: unknown): Array<{ profile: Record<string, unknown>; at: string; node: string }> {
  if (isRecord(doc)) return [{ profile: doc, at: '', node: 'profile' }]
  if (!Array.isArray(doc)) return refuse('a Murmurations file is one profile (an object) or a list of profiles')
  return doc.map((p, i) => (isRecord(p) ? { profile: p, at: `[${i}]`, node: `[${i}]` } : refuse(`[${i}] must be an object: a Murmurations profile`)))
}

/** Murmurations profiles as a graph of the file. */
export function parseMurmurations(text: string): ParsedGraph {
  return runSteps(murmurationsSteps(text))
}

export function* murmurationsSteps(text: string): Steps<ParsedGraph> {
  return yield* profilesSteps(parseJsonText(text))
}

/** Murmurations profiles, parsed already, as a graph of the file. */
export function* profilesSteps(doc: unknown): Steps<ParsedGraph> {
  const profiles = profilesOf(doc)
  const graph: ParsedGraph = { format: MapFormat.Murmurations, nodes: [], edges: [], skipped: [] }
  graph.nodes = yield* eachOf(profiles, (p) => profileNode(p.profile, p.at, p.node))
  const byUrl = new Map<string, number>()
  const byId = new Map<string, number>()
  graph.nodes.forEach((n, i) => {
    const k = urlKey(n.url)
    if (k !== null && !byUrl.has(k)) byUrl.set(k, i)
    if (n.key !== undefined && !byId.has(n.key)) byId.set(n.key, i)
  })
  const end = (objectUrl: string, at: string): ParsedEnd | null => {
    if (objectUrl.startsWith(NODE_URN)) {
      const id = objectUrl.slice(NODE_URN.length)
      const i = byId.get(id)
      return i !== undefined ? { node: i } : { ref: id }
    }
    const url = webUrlOf(objectUrl)
    const k = url === undefined ? null : urlKey(url)
    if (k === null || url === undefined) return null
    let i = byUrl.get(k)
    if (i === undefined) {
      i = graph.nodes.push(urlNode(url, at)) - 1
      byUrl.set(k, i)
    }
    return { node: i }
  }
  for (const [from, p] of profiles.entries()) {
    const rels = p.profile.relationships
    if (rels === undefined || rels === null) continue
    if (!Array.isArray(rels)) refuse(`${fieldAt(p.at, 'relationships')} must be a list of {predicate_url, object_url}`)
    rels.forEach((r, j) => {
      const at = fieldAt(p.at, `relationships[${j}]`)
      const edge = relationship(r, at, from, end)
      if (typeof edge === 'string') graph.skipped.push({ at, reason: edge })
      else graph.edges.push(edge)
    })
    yield
  }
  return graph
}

/** One relationship as an edge, or why it is left out. */
function relationship(r: unknown, at: string, from: number, end: (url: string, at: string) => ParsedEnd | null): ParsedEdge | string {
  if (!isRecord(r)) refuse(`${at} must be an object: {predicate_url, object_url}`)
  const objectUrl = lineOf(r.object_url, fieldAt(at, 'object_url'), 2000)
  const to = end(objectUrl, fieldAt(at, 'object_url'))
  if (to === null) return `its object_url "${objectUrl.slice(0, 80)}" is not a web address`
  const predicate = typeof r.predicate_url === 'string' ? r.predicate_url.trim() : ''
  const word = predicate === '' ? '' : typeOfPredicate(predicate)
  const type = word === '' ? DEFAULT_EDGE_TYPE : edgeTypeOf(word, fieldAt(at, 'predicate_url'))
  const attributes: Attributes = {}
  if (isRecord(r.attributes)) for (const [name, value] of Object.entries(r.attributes)) putAttribute(attributes, name, value, at)
  if (predicate !== '' && predicate !== predicateOfType(type)) attributes[PREDICATE_ATTRIBUTE] = predicate
  const d = typeof r.direction === 'string' ? r.direction.trim().toLowerCase() : EdgeDirection.Directed
  if (!(EDGE_DIRECTIONS as string[]).includes(d)) refuse(`${fieldAt(at, 'direction')} must be directed, undirected or mutual`)
  const label = optionalLineOf(r.label, fieldAt(at, 'label'))
  return {
    at, from: { node: from }, to, type, direction: d as EdgeDirection,
    ...(label !== undefined ? { label } : {}),
    description: descriptionOf(r.description, fieldAt(at, 'description')),
    tags: tagsOf(r.tags, fieldAt(at, 'tags')),
    attributes,
  }
}
