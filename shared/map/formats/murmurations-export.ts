/**
 * The map as a list of Murmurations profiles (organizations_schema-v1.0.0): every node is a
 * profile, and every edge a relationship of the profile it leaves (see murmurations-fields.ts
 * for the fields of our own that carry what the schema has no place for).
 */
import type { AttributeValue, Attributes, MapEdge, MapNode } from '../../schemas/map.ts'
import type { MapSnapshot } from '../contract.ts'
import { putOwn } from './fields.ts'
import { isRecord } from './json-text.ts'
import { isSchemaAttribute, NODE_URN, ORGANIZATIONS_SCHEMA, PREDICATE_ATTRIBUTE, predicateOfType, typeOfPredicate } from './murmurations-fields.ts'
import { DEFAULT_NODE_TYPE, withoutTypeWord, writtenNodeType } from './node-types.ts'
import { eachOf, runSteps, type Steps } from './steps.ts'

/** A list item that was an object in the profile it came from (kept as its JSON text) becomes that object again. */
function restored(v: AttributeValue): unknown {
  if (!Array.isArray(v)) return v
  return v.map((item) => {
    if (!item.startsWith('{')) return item
    try {
      const o: unknown = JSON.parse(item)
      return isRecord(o) ? o : item
    } catch {
      return item
    }
  })
}

/** Schema fields back in their shape (`geolocation.lat` into `geolocation`), and the other attributes apart. */
function fieldsOf(attributes: Attributes): { schema: Record<string, unknown>; other: Attributes } {
  const schema: Record<string, unknown> = {}
  const other: Attributes = {}
  for (const [name, value] of Object.entries(attributes)) {
    if (!isSchemaAttribute(name)) {
      putOwn(other, name, value)
      continue
    }
    const [head, ...rest] = name.split('.')
    if (rest.length === 0) schema[head!] = restored(value)
    else {
      const inner = isRecord(schema[head!]) ? (schema[head!] as Record<string, unknown>) : (schema[head!] = {})
      putOwn(inner, rest.join('.'), restored(value))
    }
  }
  return { schema, other }
}

function objectUrl(node: MapNode): string {
  return node.url ?? `${NODE_URN}${node.id}`
}

function relationshipOf(edge: MapEdge, to: MapNode): Record<string, unknown> {
  const kept = edge.attributes[PREDICATE_ATTRIBUTE]
  const predicate = typeof kept === 'string' && typeOfPredicate(kept) === edge.type ? kept : predicateOfType(edge.type)
  const attributes = Object.fromEntries(Object.entries(edge.attributes).filter(([k]) => k !== PREDICATE_ATTRIBUTE))
  return {
    predicate_url: predicate, object_url: objectUrl(to),
    ...(edge.direction !== 'directed' ? { direction: edge.direction } : {}),
    ...(edge.label !== undefined && edge.label !== '' ? { label: edge.label } : {}),
    ...(edge.description !== '' ? { description: edge.description } : {}),
    ...(edge.tags.length > 0 ? { tags: edge.tags } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  }
}

/** The map as Murmurations profiles, one a node, as JSON text. */
export function writeMurmurations(snapshot: MapSnapshot): string {
  return runSteps(murmurationsWriting(snapshot))
}

export function* murmurationsWriting(snapshot: MapSnapshot): Steps<string> {
  const byId = new Map(snapshot.nodes.map((n) => [n.id, n]))
  const leaving = new Map<string, MapEdge[]>()
  for (const e of snapshot.edges) {
    const list = leaving.get(e.from)
    if (list) list.push(e)
    else leaving.set(e.from, [e])
  }
  const profiles = yield* eachOf(snapshot.nodes, (node) => {
    const { schema, other } = fieldsOf(withoutTypeWord(node.attributes))
    const typeWord = writtenNodeType(node)
    const relationships = (leaving.get(node.id) ?? []).flatMap((e) => {
      const to = byId.get(e.to)
      return to ? [relationshipOf(e, to)] : []
    })
    return {
      linked_schemas: [ORGANIZATIONS_SCHEMA],
      name: node.label,
      ...(node.url !== undefined ? { primary_url: node.url } : { map_id: node.id }),
      ...(node.description !== '' ? { description: node.description } : {}),
      ...(node.tags.length > 0 ? { tags: node.tags } : {}),
      ...schema,
      ...(typeWord.toLowerCase() !== DEFAULT_NODE_TYPE ? { map_type: typeWord } : {}),
      ...(Object.keys(other).length > 0 ? { map_attributes: other } : {}),
      ...(relationships.length > 0 ? { relationships } : {}),
    }
  })
  return `${JSON.stringify(profiles, null, 2)}\n`
}
