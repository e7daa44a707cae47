/**
 * Kumu's elements and connections, field by field, the same for its JSON blueprint and its CSV
 * sheets. Field names are matched without regard to case ("Label", "label"); Kumu's own export
 * names (`_id`, `element type`, `connection type`) are read too. Every other field is a custom
 * field, kept as an attribute under its name (Kumu's `image` as well).
 */
import { EDGE_DIRECTIONS, EdgeDirection, type Attributes, type MapEdge, type MapNode } from '../../schemas/map.ts'
import { closestByLabel, labelKey } from '../normalise.ts'
import { attributeValueOf, descriptionOf, fieldAt, edgeTypeOf, lineOf, optionalLineOf, putAttribute, putOwn, refuse, tagsOf, webUrlOf } from './fields.ts'
import { readNodeType, TYPE_ATTRIBUTE, withoutTypeWord, writtenNodeType } from './node-types.ts'
import { DEFAULT_EDGE_TYPE, type ParsedEdge, type ParsedEnd, type ParsedNode } from './parsed.ts'

type Fields = Record<string, unknown>
/** How a custom field's raw value is read (a CSV cell: `|` lists, numbers, true/false). */
export type ValueReader = (raw: unknown) => unknown

const ELEMENT = { label: 'label', id: 'id', _id: 'id', type: 'type', [TYPE_ATTRIBUTE]: 'type', description: 'description', tags: 'tags', url: 'url', website: 'url' } as const
const CONNECTION = { from: 'from', to: 'to', id: 'id', _id: 'id', type: 'type', 'connection type': 'type', direction: 'direction', label: 'label', description: 'description', tags: 'tags' } as const

/** The role of a field's name; only the table's own names count (`constructor` is a custom field, not Object's). */
function roleOf<R extends string>(roles: Record<string, R>, name: string): R | undefined {
  const key = name.trim().toLowerCase()
  return Object.hasOwn(roles, key) ? roles[key] : undefined
}

/** The fields Kumu reads itself, by their role, and the custom ones. */
function split<R extends string>(fields: Fields, roles: Record<string, R>): { known: Partial<Record<R, { name: string; value: unknown }>>; custom: Array<[string, unknown]> } {
  const known: Partial<Record<R, { name: string; value: unknown }>> = {}
  const custom: Array<[string, unknown]> = []
  for (const [name, value] of Object.entries(fields)) {
    const role = roleOf(roles, name)
    if (role !== undefined && known[role] === undefined) known[role] = { name, value }
    else custom.push([name, value])
  }
  return { known, custom }
}

/** One element as a node of the file. */
export function kumuElement(fields: Fields, at: string, read: ValueReader = (v) => v): ParsedNode {
  const { known, custom } = split(fields, ELEMENT)
  const label = lineOf(known.label?.value, fieldAt(at, 'label'))
  const typeWord = known.type?.value
  const { type, kept } = readNodeType(typeWord === undefined || typeWord === null ? undefined : String(typeWord))
  const attributes: Attributes = {}
  if (kept !== undefined) attributes[TYPE_ATTRIBUTE] = kept
  for (const [name, value] of custom) putAttribute(attributes, name, read(value), at)
  const url = webUrlOf(known.url?.value)
  // A url field that is no web address is kept as it was, under its own name.
  if (known.url && url === undefined) putAttribute(attributes, known.url.name, read(known.url.value), at)
  const id = known.id?.value
  return {
    at, type, label, attributes,
    description: descriptionOf(known.description?.value, fieldAt(at, 'description')),
    tags: tagsOf(known.tags?.value, fieldAt(at, 'tags')),
    ...(url !== undefined ? { url } : {}),
    ...(id !== undefined && id !== null && String(id).trim() !== '' ? { key: String(id).trim() } : {}),
  }
}

/** Finds a connection's end among the file's elements: by id, then by label (the first of those spelt most like it). */
export function elementFinder(nodes: readonly ParsedNode[]): (name: string) => ParsedEnd {
  const byKey = new Map<string, number>()
  const byLabel = new Map<string, Array<{ label: string; i: number }>>()
  nodes.forEach((n, i) => {
    if (n.key !== undefined && !byKey.has(n.key)) byKey.set(n.key, i)
    const k = labelKey(n.label)
    const same = byLabel.get(k)
    if (same) same.push({ label: n.label, i })
    else byLabel.set(k, [{ label: n.label, i }])
  })
  return (name) => {
    const i = byKey.get(name) ?? closestByLabel(byLabel.get(labelKey(name)) ?? [], name)[0]?.i
    return i === undefined ? { ref: name } : { node: i }
  }
}

function directionOf(v: unknown, at: string): EdgeDirection {
  if (v === undefined || v === null || v === '') return EdgeDirection.Directed
  const d = String(v).trim().toLowerCase()
  return (EDGE_DIRECTIONS as string[]).includes(d) ? (d as EdgeDirection) : refuse(`${at} must be directed, undirected or mutual (it is "${String(v).slice(0, 40)}")`)
}

/** One connection as an edge of the file. */
export function kumuConnection(fields: Fields, at: string, find: (name: string) => ParsedEnd, read: ValueReader = (v) => v): ParsedEdge {
  const { known, custom } = split(fields, CONNECTION)
  const end = (role: 'from' | 'to'): ParsedEnd => find(lineOf(known[role]?.value, fieldAt(at, role)))
  const attributes: Attributes = {}
  for (const [name, value] of custom) putAttribute(attributes, name, read(value), at)
  const type = known.type?.value
  const label = optionalLineOf(known.label?.value, fieldAt(at, 'label'))
  return {
    at, from: end('from'), to: end('to'),
    type: attributeValueOf(type, fieldAt(at, 'type')) === undefined ? DEFAULT_EDGE_TYPE : edgeTypeOf(type, fieldAt(at, 'type')),
    direction: directionOf(known.direction?.value, fieldAt(at, 'direction')),
    ...(label !== undefined ? { label } : {}),
    description: descriptionOf(known.description?.value, fieldAt(at, 'description')),
    tags: tagsOf(known.tags?.value, fieldAt(at, 'tags')),
    attributes,
  }
}

/**
 * The fields written, then the attributes as custom fields. Reading takes the first field of a
 * role, so an attribute named as a field Kumu reads ("Description") stays an attribute when that
 * field is written before it; when it is not, or the very name is taken, it is written as
 * "Description (attribute)".
 */
function withCustom(written: Fields, attributes: Attributes, roles: Record<string, string>): Fields {
  const taken = new Set(Object.keys(written).map((k) => roleOf(roles, k)))
  const out = { ...written }
  for (const [k, v] of Object.entries(attributes)) {
    const role = roleOf(roles, k)
    putOwn(out, role !== undefined && (Object.hasOwn(written, k) || !taken.has(role)) ? `${k} (attribute)` : k, v)
  }
  return out
}

/** A node as Kumu's element: its id, label, type word, the fields it has, then its attributes. */
export function elementFields(node: MapNode): Fields {
  return withCustom({
    label: node.label, type: writtenNodeType(node), id: node.id,
    ...(node.description !== '' ? { description: node.description } : {}),
    ...(node.tags.length > 0 ? { tags: node.tags } : {}),
    ...(node.url !== undefined ? { url: node.url } : {}),
  }, withoutTypeWord(node.attributes), ELEMENT)
}

/** An edge as Kumu's connection, its ends by node id. */
export function connectionFields(edge: MapEdge): Fields {
  return withCustom({
    from: edge.from, to: edge.to, type: edge.type, direction: edge.direction,
    ...(edge.label !== undefined && edge.label !== '' ? { label: edge.label } : {}),
    ...(edge.description !== '' ? { description: edge.description } : {}),
    ...(edge.tags.length > 0 ? { tags: edge.tags } : {}),
  }, edge.attributes, CONNECTION)
}
