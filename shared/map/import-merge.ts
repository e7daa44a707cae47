/**
 * What a node of a file brings to the node it is one with (of the map, or of the same file).
 *
 * What is already there wins: a field or attribute the node has keeps its value, and the
 * merge names what it could not take ("Budget (kept the map's value)"). What the node lacks is
 * added: a url, a description, an attribute, tags (up to the limit of 20). The label and type
 * never change.
 */
import { MAX_ATTRIBUTES, MAX_TAGS, type AttributeValue, type Attributes } from '../schemas/map.ts'
import { putOwn } from './formats/fields.ts'
import type { ParsedNode } from './formats/parsed.ts'
import { labelKey, urlKey } from './normalise.ts'

/** A node as a merge sees it: its values now, and the changes the import makes to it. */
export interface MergeTarget extends Pick<ParsedNode, 'type' | 'label' | 'description' | 'tags' | 'url' | 'attributes'> {
  id: string
  /** Whose values win: "the map's", or those of the file's first node ("elements[0]'s"). */
  owner: string
  /** The fields changed so far (for a node of the map, what the import writes). */
  changed: Set<string>
  /** Attributes added (for a node of the map, what the import writes). */
  added: Attributes
}

export function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i])
  return a === b
}

/** Merges `from` into `into` and names what it added, and what it could not take. */
export function mergeNode(into: MergeTarget, from: ParsedNode): string[] {
  const fields: string[] = []
  const kept = (field: string): void => { fields.push(`${field} (kept ${into.owner} value)`) }
  const change = (field: string): void => {
    fields.push(field)
    into.changed.add(field)
  }
  if (labelKey(from.label) !== labelKey(into.label)) kept('label')
  if (from.type !== into.type) kept('type')
  if (from.url !== undefined) {
    if (into.url === undefined) {
      into.url = from.url
      change('url')
    } else if (urlKey(from.url) !== urlKey(into.url)) kept('url')
  }
  if (from.description !== '' && from.description !== into.description) {
    if (into.description === '') {
      into.description = from.description
      change('description')
    } else kept('description')
  }
  const newTags = from.tags.filter((t) => !into.tags.includes(t))
  if (newTags.length > 0) {
    const room = Math.max(0, MAX_TAGS - into.tags.length)
    if (room > 0) {
      into.tags = [...into.tags, ...newTags.slice(0, room)]
      change('tags')
    }
    if (newTags.length > room) fields.push(`tags ${newTags.slice(room).join(', ')} (a node holds at most ${MAX_TAGS} tags)`)
  }
  for (const [name, value] of Object.entries(from.attributes)) {
    if (Object.hasOwn(into.attributes, name)) {
      if (!sameValue(into.attributes[name]!, value)) kept(name)
    } else if (Object.keys(into.attributes).length >= MAX_ATTRIBUTES) fields.push(`${name} (a node holds at most ${MAX_ATTRIBUTES} attributes)`)
    else {
      into.attributes = { ...into.attributes, [name]: value }
      putOwn(into.added, name, value)
      fields.push(name)
    }
  }
  return fields
}
