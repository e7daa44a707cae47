/**
 * Kumu's element types are free text ("Organization", "People", "Funder"); the map has five.
 * A type is read into one of the five by the words weavers use; one that is spelt otherwise
 * than the map's own word (or means none of the five) is kept in the attribute `element type`
 * (Kumu's name for the field), so an export writes it back as it came. No type at all is an
 * organisation: most Kumu maps of an ecosystem are maps of organisations.
 */
import { NODE_TYPES, NodeType, type Attributes, type MapNode } from '../../schemas/map.ts'

export const TYPE_ATTRIBUTE = 'element type'
export const DEFAULT_NODE_TYPE: NodeType = NodeType.Organisation

const WORDS: Record<NodeType, string[]> = {
  organisation: ['organisation', 'organization', 'org', 'company', 'business', 'enterprise', 'nonprofit', 'non-profit', 'not-for-profit', 'charity',
    'co-op', 'coop', 'cooperative', 'co-operative', 'ngo', 'foundation', 'funder', 'network', 'group', 'agency', 'institution', 'government',
    'council', 'association', 'collective', 'social enterprise', 'university', 'school', 'community'],
  person: ['person', 'people', 'individual', 'member', 'contact', 'human', 'leader', 'volunteer'],
  initiative: ['initiative', 'project', 'programme', 'program', 'campaign', 'event', 'activity', 'movement', 'venture'],
  place: ['place', 'location', 'region', 'city', 'town', 'village', 'area', 'site', 'country', 'neighbourhood', 'neighborhood', 'venue'],
  resource: ['resource', 'tool', 'asset', 'document', 'publication', 'fund', 'funding', 'dataset', 'space', 'equipment', 'platform'],
}
const BY_WORD = new Map(NODE_TYPES.flatMap((t) => WORDS[t].map((w) => [w, t] as const)))

function key(raw: string): string {
  return raw.trim().toLowerCase().replace(/[\s_]+/g, ' ')
}

/** The map's type for a file's type word (plural or singular), or null when it means none of the five. */
export function typeForWord(raw: string): NodeType | null {
  const k = key(raw)
  return BY_WORD.get(k) ?? (k.endsWith('s') ? BY_WORD.get(k.replace(/(ie)?s$/, (m) => (m === 'ies' ? 'y' : ''))) ?? BY_WORD.get(k.slice(0, -1)) ?? null : null)
}

/** A node's type for a file's type field, and the word to keep when it is not the map's own word. */
export function readNodeType(raw: string | undefined): { type: NodeType; kept?: string } {
  const word = raw?.replace(/\s+/g, ' ').trim() ?? ''
  if (word === '') return { type: DEFAULT_NODE_TYPE }
  const type = typeForWord(word) ?? DEFAULT_NODE_TYPE
  return key(word) === type ? { type } : { type, kept: word.slice(0, 200) }
}

/** The type word an export writes for a node: the word it came with, when that still means its type; else its type, capitalised as Kumu shows types. */
export function writtenNodeType(node: Pick<MapNode, 'type' | 'attributes'>): string {
  const kept = node.attributes[TYPE_ATTRIBUTE]
  if (typeof kept === 'string' && (typeForWord(kept) ?? DEFAULT_NODE_TYPE) === node.type) return kept
  return node.type.charAt(0).toUpperCase() + node.type.slice(1)
}

/** A node's attributes without the kept type word (an export writes that as the type). */
export function withoutTypeWord(attributes: Attributes): Attributes {
  if (!(TYPE_ATTRIBUTE in attributes)) return attributes
  const rest = { ...attributes }
  delete rest[TYPE_ATTRIBUTE]
  return rest
}
