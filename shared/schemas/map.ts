/**
 * The ecosystem map (DESIGN.md "Domain › Ecosystem map"): what a weaver submits (add, edit,
 * import, export) and what a space's `map` collection stores. One collection holds both kinds
 * of item, told apart by `kind`: nodes (organisations, people, initiatives, places, resources)
 * and the edges between them. Both carry free attributes, as Kumu's custom fields do.
 *
 * A deleted node is a tombstone, and so is every edge it had when it was deleted. An edge that
 * arrives later from a peer that linked to the node offline still points at a tombstone: it is
 * never shown, and a peer that may write the map tombstones it too (see the map store).
 */
import { z } from 'zod'
import { absolutePath } from './file-path.ts'
import { TagSchema } from './resource.ts'
import { lineText, visibleText } from './text.ts'

export const NodeType = {
  Organisation: 'organisation',
  Person: 'person',
  Initiative: 'initiative',
  Place: 'place',
  Resource: 'resource',
} as const
export type NodeType = (typeof NodeType)[keyof typeof NodeType]
export const NODE_TYPES = Object.values(NodeType) as [NodeType, ...NodeType[]]

export const EdgeDirection = { Directed: 'directed', Undirected: 'undirected', Mutual: 'mutual' } as const
export type EdgeDirection = (typeof EdgeDirection)[keyof typeof EdgeDirection]
export const EDGE_DIRECTIONS = Object.values(EdgeDirection) as [EdgeDirection, ...EdgeDirection[]]

export const MapFormat = { Kumu: 'kumu', KumuCsv: 'kumu-csv', Murmurations: 'murmurations' } as const
export type MapFormat = (typeof MapFormat)[keyof typeof MapFormat]
export const MAP_FORMATS = Object.values(MapFormat) as [MapFormat, ...MapFormat[]]

export const MAX_ATTRIBUTES = 50
export const MAX_ATTRIBUTE_TEXT = 2000
/** The limits of a node's and an edge's fields: the schemas below and an import's own checks (shared/map/formats/fields.ts) both hold them. */
export const MAX_LABEL = 200
export const MAX_DESCRIPTION = 5000
export const MAX_TAGS = 20
export const MAX_TAG = 40
export const MAX_URL = 2000
export const MAX_EDGE_TYPE = 80
export const MAX_ATTRIBUTE_NAME = 60
export const MAX_LIST = 50
export const MAX_LIST_ITEM = 200
/** The largest file an import reads (a Kumu blueprint of 10,000 elements is a few MB). */
export const MAX_IMPORT_BYTES = 20_000_000

/**
 * A free attribute's value, as Kumu's custom fields hold them: text, a number, yes/no, or
 * several texts (Kumu's `|`-separated multi-value fields).
 */
export const AttributeValueSchema = z.union([
  z.string().max(MAX_ATTRIBUTE_TEXT, `an attribute's text is at most ${MAX_ATTRIBUTE_TEXT} characters`),
  z.number().refine(Number.isFinite, 'an attribute\'s number must be finite'),
  z.boolean(),
  z.array(z.string().max(MAX_LIST_ITEM, `each of an attribute's values is at most ${MAX_LIST_ITEM} characters`)).max(MAX_LIST, `an attribute holds at most ${MAX_LIST} values`),
], { error: 'an attribute is text, a number, true/false, or a list of texts' })
export type AttributeValue = z.infer<typeof AttributeValueSchema>

const attributeKey = z.string().trim().min(1, 'an attribute name cannot be empty').max(MAX_ATTRIBUTE_NAME, `an attribute name is at most ${MAX_ATTRIBUTE_NAME} characters`)
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  .refine((k) => !/[\u0000-\u001f\u007f]/u.test(k), 'an attribute name cannot hold control characters')
/** A record drops a `__proto__` key without a word (JSON.parse makes it an own key): say so instead. */
const noProtoKey = z.unknown().refine((v) => typeof v !== 'object' || v === null || !Object.hasOwn(v, '__proto__'), 'an attribute cannot be named "__proto__"; rename it')
export const AttributesSchema = noProtoKey.pipe(z.record(attributeKey, AttributeValueSchema))
  .refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES, `at most ${MAX_ATTRIBUTES} attributes`)
export type Attributes = z.infer<typeof AttributesSchema>

const folded = (v: unknown): unknown => (typeof v === 'string' ? v.trim().toLowerCase() : v)
export const NodeTypeSchema = z.preprocess(folded, z.enum(NODE_TYPES, { error: `type must be one of: ${NODE_TYPES.join(', ')}` }))
export const DirectionSchema = z.preprocess(folded, z.enum(EDGE_DIRECTIONS, { error: `direction must be one of: ${EDGE_DIRECTIONS.join(', ')}` }))
export const MapFormatSchema = z.preprocess(folded, z.enum(MAP_FORMATS, { error: `format must be one of: ${MAP_FORMATS.join(', ')}` }))

const label = visibleText('label', MAX_LABEL)
const description = z.string({ error: 'description must be text' }).max(MAX_DESCRIPTION, `description is at most ${MAX_DESCRIPTION} characters`)
const tags = z.array(TagSchema).max(MAX_TAGS, `at most ${MAX_TAGS} tags`)
const url = z.string({ error: 'url must be text' }).trim().max(MAX_URL, `url is at most ${MAX_URL} characters`)
  .refine((u) => { try { return ['http:', 'https:'].includes(new URL(u).protocol) } catch { return false } }, 'url must be a web address: https://…')
const edgeType = visibleText('type', MAX_EDGE_TYPE)
/** A node as given: its id, the start of its id, or its label when no other node has that label. */
const nodeRef = (field: string) => z.string({ error: `${field} is required: a node's id or label` }).trim().min(1, `${field} is required: a node's id or label`).max(200, `${field} is at most 200 characters`)
/** Ids of items of the space's `resources` collection this node stands for or uses. */
const resourceIds = z.array(z.string().trim().min(1).max(64)).max(20, 'at most 20 linked resources')

export const AddNodeInputSchema = z.strictObject({
  type: NodeTypeSchema,
  label,
  description: description.optional(),
  tags: tags.optional(),
  url: url.optional(),
  attributes: AttributesSchema.optional(),
  resources: resourceIds.optional(),
})
export type AddNodeInput = z.infer<typeof AddNodeInputSchema>

/** Only the fields given change; `null` clears an optional one. `attributes` are merged: a `null` value removes that attribute. */
export const EditNodeInputSchema = z.strictObject({
  type: NodeTypeSchema.optional(),
  label: label.optional(),
  description: description.optional(),
  tags: tags.optional(),
  url: url.nullable().optional(),
  attributes: noProtoKey.pipe(z.record(attributeKey, AttributeValueSchema.nullable())).optional(),
  resources: resourceIds.optional(),
})
export type EditNodeInput = z.infer<typeof EditNodeInputSchema>

export const AddEdgeInputSchema = z.strictObject({
  from: nodeRef('from'),
  to: nodeRef('to'),
  type: edgeType,
  direction: DirectionSchema.optional(),
  label: lineText('label', MAX_LABEL).optional(),
  description: description.optional(),
  tags: tags.optional(),
  attributes: AttributesSchema.optional(),
})
export type AddEdgeInput = z.infer<typeof AddEdgeInputSchema>

/**
 * An import: the file's text (the app sends what the weaver picked), or a file on the peer's
 * machine (the CLI). Kumu's CSV comes as two sheets: the elements' and, optionally, the
 * connections'. `format` is found from the content when not given. `dryRun` reports what the
 * import would do and writes nothing.
 */
export const ImportMapInputSchema = z.strictObject({
  format: MapFormatSchema.optional(),
  text: z.string({ error: 'text must be the file\'s text' }).max(MAX_IMPORT_BYTES, `a file to import is at most ${MAX_IMPORT_BYTES / 1_000_000} MB`).optional(),
  file: absolutePath('file').optional(),
  /** The name of the file the text came from, for the report and to guess the format. */
  fileName: lineText('fileName', 300).optional(),
  /** Kumu CSV: the connections sheet, as text or a file. */
  connectionsText: z.string().max(MAX_IMPORT_BYTES, `a file to import is at most ${MAX_IMPORT_BYTES / 1_000_000} MB`).optional(),
  connectionsFile: absolutePath('connectionsFile').optional(),
  dryRun: z.boolean().optional(),
}).refine((i) => (i.text === undefined) !== (i.file === undefined), { message: 'give the file to import: its text, or its path on the peer\'s machine (one of them)', path: ['file'] })
  .refine((i) => i.connectionsText === undefined || i.connectionsFile === undefined, { message: 'give the connections sheet once: as text or as a path', path: ['connectionsFile'] })
export type ImportMapInput = z.infer<typeof ImportMapInputSchema>

/** An export: the texts come back in the answer, or are written on the peer's machine when `file` names where. */
export const ExportMapInputSchema = z.strictObject({
  format: MapFormatSchema,
  file: absolutePath('file').optional(),
})
export type ExportMapInput = z.infer<typeof ExportMapInputSchema>

const stored = {
  id: z.string().min(1).max(64),
  schemaVersion: z.number().int().min(1).optional(),
  createdAt: z.string().max(64),
  updatedAt: z.string().max(64),
  deleted: z.boolean().optional(),
  /** The did of who made it. */
  createdBy: z.string().max(200).optional(),
  description: z.string().max(MAX_DESCRIPTION),
  tags: z.array(z.string().max(MAX_TAG)).max(MAX_TAGS),
  attributes: z.record(z.string().max(MAX_ATTRIBUTE_NAME), AttributeValueSchema).refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES),
}

/** A node as stored in a space's `map` collection (schemaVersion 1). */
export const MapNodeSchema = z.object({
  ...stored,
  kind: z.literal('node'),
  type: z.enum(NODE_TYPES),
  label: z.string().min(1).max(MAX_LABEL),
  url: z.string().max(MAX_URL).optional(),
  resources: z.array(z.string().max(64)).max(20).optional(),
})
export type MapNode = z.infer<typeof MapNodeSchema>

/** An edge as stored: `from` and `to` are node ids of the same space. */
export const MapEdgeSchema = z.object({
  ...stored,
  kind: z.literal('edge'),
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64),
  type: z.string().min(1).max(MAX_EDGE_TYPE),
  direction: z.enum(EDGE_DIRECTIONS),
  label: z.string().max(MAX_LABEL).optional(),
})
export type MapEdge = z.infer<typeof MapEdgeSchema>

export const MapItemSchema = z.discriminatedUnion('kind', [MapNodeSchema, MapEdgeSchema])
export type MapItem = z.infer<typeof MapItemSchema>
