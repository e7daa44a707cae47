/** The OpenAPI components of the ecosystem map's answers (shared/api/map-api.ts). */
import { EDGE_DIRECTIONS, MAP_FORMATS, NODE_TYPES } from '../../../shared/schemas/map.ts'
import { date, enumOf, int, nullable, obj, ref, str, strings, type Schema } from './openapi-schema.ts'

const num: Schema = { type: 'number' }
const attributes: Schema = {
  type: 'object', description: 'Free attributes (Kumu custom fields): text, a number, true/false, or a list of texts',
  additionalProperties: { oneOf: [str, num, { type: 'boolean' }, strings] },
}

export const MAP_COMPONENTS: Record<string, Schema> = {
  MapNode: obj({
    id: str, type: enumOf(NODE_TYPES), label: str, description: str, tags: strings, url: nullable('string'), attributes,
    resources: { ...strings, description: 'Ids of resources of the space this node stands for or uses' },
    createdAt: date, updatedAt: date, createdBy: nullable('string'), createdByName: nullable('string'),
  }),
  MapEdge: obj({
    id: str, from: { ...str, description: 'A node id' }, to: { ...str, description: 'A node id' }, fromLabel: str, toLabel: str,
    type: str, direction: enumOf(EDGE_DIRECTIONS), label: nullable('string'), description: str, tags: strings, attributes,
    createdAt: date, updatedAt: date, createdBy: nullable('string'),
  }),
  Map: obj({
    nodes: { type: 'array', items: ref('MapNode') },
    edges: { type: 'array', items: ref('MapEdge'), description: 'Only edges between live nodes' },
    syncing: { ...int, description: 'Shard documents of the map that have not reached this peer yet' },
    may: obj({ write: { type: 'boolean' } }),
  }),
  MapGraph: obj({
    version: { ...str, description: 'Give it back as `since`: an unchanged map then answers `unchanged` and no items' },
    unchanged: { const: true },
    nodes: { type: 'array', items: obj({ id: str, type: enumOf(NODE_TYPES), label: str, tags: strings }) },
    edges: { type: 'array', items: obj({ id: str, from: str, to: str, type: str, direction: enumOf(EDGE_DIRECTIONS) }) },
    syncing: int, may: obj({ write: { type: 'boolean' } }),
  }, ['version', 'nodes', 'edges', 'syncing', 'may']),
  NodeMetrics: obj({
    id: str, label: str, degree: int, inDegree: int, outDegree: int, betweenness: num, closeness: num, eigenvector: num,
    reach: { ...num, description: 'Share of the other nodes within two steps' },
    community: { ...int, description: 'Its Louvain community, 0 the largest' },
  }),
  MapMetrics: obj({
    nodes: { type: 'array', items: ref('NodeMetrics') },
    graph: obj({ nodes: int, edges: int, density: num, reciprocity: num, diameter: int, averagePathLength: num, communities: int, modularity: num }),
    computedAt: date, cached: { type: 'boolean', description: 'Served from the cache: the map has not changed since' },
  }),
  MapNodeDetail: {
    allOf: [ref('MapNode'), obj({
      spaceId: str, edges: { type: 'array', items: ref('MapEdge') },
      metrics: { oneOf: [ref('NodeMetrics'), { type: 'null' }], description: 'null until metrics of the map as it is are computed' },
      linkedResources: { type: 'array', items: obj({ id: str, kind: str, title: str, status: str }) },
      may: obj({ edit: { type: 'boolean' }, delete: { type: 'boolean' } }),
    })],
  },
  MapImport: obj({
    format: enumOf(MAP_FORMATS), added: { ...int, description: 'Nodes made' },
    merged: {
      type: 'array', description: 'Each node of the file that became one with another, and why',
      items: obj({ label: str, at: str, into: obj({ id: nullable('string'), label: str }), by: enumOf(['url', 'label+type']), fields: strings }),
    },
    edges: obj({ added: int, existing: int }),
    skipped: { type: 'array', items: obj({ at: str, reason: str }) },
    updated: int, dryRun: { type: 'boolean' },
  }),
  MapExport: obj({
    format: enumOf(MAP_FORMATS), nodes: int, edges: int,
    files: { type: 'array', items: obj({ name: str, mediaType: str, text: str, path: str }, ['name', 'mediaType']) },
  }),
}
