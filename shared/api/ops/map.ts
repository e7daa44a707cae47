/** Operations on a space's ecosystem map (DESIGN.md "Ecosystem map"): nodes, edges, import, export, metrics. */
import { z } from 'zod'
import { map } from '../../collections/map.ts'
import { AddEdgeInputSchema, AddNodeInputSchema, EditNodeInputSchema, ExportMapInputSchema, ImportMapInputSchema, MAX_IMPORT_BYTES, NODE_TYPES } from '../../schemas/map.ts'
import { defineOperation, inSpace, onlyParams, schemaRef, type RouteParams } from '../operation.ts'

const withBody = (p: RouteParams, body: unknown): unknown => ({ ...(body as object), ...p })
const read = { scope: 'space', cmd: 'read', collection: map.name } as const
const write = { scope: 'space', cmd: 'write', collection: map.name } as const
const NODE_NAMES = 'NODE is a node\'s id, the first characters of one, or its label when no other node has it.'
const nodeFlags = {
  type: {}, label: {}, description: {}, tags: { parse: 'list' }, url: {},
} as const

export const addMapNode = defineOperation({
  op: 'addMapNode', summary: 'Add a node to the map: an organisation, person, initiative, place or resource',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/map/nodes', status: 201 }, body: AddNodeInputSchema, input: inSpace,
  response: schemaRef('MapNode'), needs: write,
  cli: {
    path: ['map', 'add-node'], args: [['SPACE', 'spaceId']], flags: nodeFlags, required: ['type', 'label'],
    usage: `commonweave map add-node SPACE --type ${NODE_TYPES.join('|')} --label L [--description D] [--tags a,b] [--url URL]`,
    summary: 'add a node to the map',
  },
})

export const editMapNode = defineOperation({
  op: 'editMapNode', summary: 'Change the fields given of a node (attributes merge; a null attribute is removed)',
  http: { method: 'PATCH', path: '/v1/spaces/:spaceId/map/nodes/:nodeId', status: 200 }, body: EditNodeInputSchema, input: withBody,
  response: schemaRef('MapNode'), needs: write,
  cli: {
    path: ['map', 'edit-node'], args: [['SPACE', 'spaceId'], ['NODE', 'nodeId']], flags: { ...nodeFlags, url: { parse: 'clearable' } },
    usage: 'commonweave map edit-node SPACE NODE [--type T] [--label L] [--description D] [--tags a,b] [--url URL]',
    summary: 'change a node', notes: `${NODE_NAMES} --url "" removes its web address.`,
  },
})

export const deleteMapNode = defineOperation({
  op: 'deleteMapNode', summary: 'Delete a node and every edge it has (tombstones that sync)',
  http: { method: 'DELETE', path: '/v1/spaces/:spaceId/map/nodes/:nodeId', status: 200 }, body: null, input: onlyParams,
  response: { type: 'object', required: ['deleted', 'id', 'edges'], properties: { deleted: { const: true }, id: { type: 'string' }, edges: { type: 'integer', minimum: 0, description: 'Edges deleted with it' } } },
  needs: write,
  cli: { path: ['map', 'delete-node'], args: [['SPACE', 'spaceId'], ['NODE', 'nodeId']], usage: 'commonweave map delete-node SPACE NODE', summary: 'delete a node and its edges', notes: NODE_NAMES },
})

export const addMapEdge = defineOperation({
  op: 'addMapEdge', summary: 'Link two nodes with a typed edge: directed (from → to), undirected, or mutual',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/map/edges', status: 201 }, body: AddEdgeInputSchema, input: inSpace,
  response: schemaRef('MapEdge'), needs: write,
  cli: {
    path: ['map', 'add-edge'], args: [['SPACE', 'spaceId']],
    flags: { from: {}, to: {}, type: {}, direction: {}, label: {}, description: {}, tags: { parse: 'list' } }, required: ['from', 'to', 'type'],
    usage: 'commonweave map add-edge SPACE --from NODE --to NODE --type T [--direction directed|undirected|mutual] [--label L]',
    summary: 'link two nodes', notes: `${NODE_NAMES} An edge is directed unless --direction says otherwise.`,
  },
})

export const deleteMapEdge = defineOperation({
  op: 'deleteMapEdge', summary: 'Delete an edge (a tombstone that syncs)',
  http: { method: 'DELETE', path: '/v1/spaces/:spaceId/map/edges/:edgeId', status: 200 }, body: null, input: onlyParams,
  response: { type: 'object', required: ['deleted', 'id'], properties: { deleted: { const: true }, id: { type: 'string' } } }, needs: write,
  cli: { path: ['map', 'delete-edge'], args: [['SPACE', 'spaceId'], ['EDGE', 'edgeId']], usage: 'commonweave map delete-edge SPACE EDGE', summary: 'delete an edge' },
})

export const getMap = defineOperation({
  op: 'getMap', summary: 'The whole map of a space: its nodes and the edges between them',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/map', status: 200 }, body: null, input: onlyParams,
  response: schemaRef('Map'), needs: read,
  cli: { path: ['map', 'list'], args: [['SPACE', 'spaceId']], usage: 'commonweave map list SPACE', summary: 'the nodes and edges of the map' },
})

export const getMapGraph = defineOperation({
  op: 'getMapGraph', summary: 'The map as a graph to draw: node ids, types, labels and tags, edge ends, types and directions; `unchanged` when still at `since`',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/map/graph', status: 200 }, body: null,
  query: z.strictObject({ since: z.string().trim().max(80, 'since is a version as an earlier answer gave it').optional() }), input: withBody,
  response: schemaRef('MapGraph'), needs: read,
})

export const getMapNode = defineOperation({
  op: 'getMapNode', summary: 'One node with its edges, its figures (when computed) and the resources it links to',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/map/nodes/:nodeId', status: 200 }, body: null, input: onlyParams,
  response: schemaRef('MapNodeDetail'), needs: read,
  cli: { path: ['map', 'show'], args: [['SPACE', 'spaceId'], ['NODE', 'nodeId']], usage: 'commonweave map show SPACE NODE', summary: 'a node, its edges and figures', notes: NODE_NAMES },
})

export const importMap = defineOperation({
  op: 'importMap', summary: 'Read a Kumu blueprint (JSON), Kumu CSV sheets or Murmurations profiles into the map: the whole file, or nothing',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/map/import', status: 200 }, body: ImportMapInputSchema, input: inSpace,
  response: schemaRef('MapImport'), needs: write,
  // The file's text travels in the body: a large blueprint, JSON-escaped.
  maxBodyBytes: 3 * MAX_IMPORT_BYTES,
  cli: {
    path: ['map', 'import'], args: [['SPACE', 'spaceId'], ['FILE', 'file']],
    flags: { format: {}, connections: { field: 'connectionsFile' }, 'dry-run': { field: 'dryRun', boolean: true } },
    paths: ['file', 'connectionsFile'],
    usage: 'commonweave map import SPACE FILE [--format kumu|kumu-csv|murmurations] [--connections FILE] [--dry-run]',
    summary: 'bring a Kumu or Murmurations file into the map',
    notes: 'The format is found from the file when --format is not given. For Kumu CSV, FILE is the elements sheet (Label, Type, …) and --connections the connections sheet (From, To, …); "|" separates several values. Nodes with the same web address, or the same label and type, become one, and the report lists each merge. Importing the same file again changes nothing. A file with an error is refused whole, naming the line or field. --dry-run reports and writes nothing.',
  },
})

export const exportMap = defineOperation({
  op: 'exportMap', summary: 'The map as a Kumu blueprint (JSON), Kumu CSV sheets, or Murmurations profiles; written on the peer\'s machine when `file` is given',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/map/export', status: 200 }, body: ExportMapInputSchema, input: inSpace,
  response: schemaRef('MapExport'), needs: read,
  cli: {
    path: ['map', 'export'], args: [['SPACE', 'spaceId']], flags: { format: {}, out: { field: 'file' } }, required: ['format'], paths: ['file'],
    usage: 'commonweave map export SPACE --format kumu|kumu-csv|murmurations [--out FILE]',
    summary: 'write the map in Kumu or Murmurations format',
    notes: 'Without --out the file is printed. kumu-csv makes two sheets: --out FILE.csv holds the elements, FILE-connections.csv beside it the connections.',
  },
})

export const mapMetrics = defineOperation({
  op: 'mapMetrics', summary: 'Network metrics of the map: each node\'s degree, betweenness, closeness, eigenvector, reach and community; the graph\'s density, reciprocity, diameter and average path length',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/map/metrics', status: 200 }, body: null, input: onlyParams,
  response: schemaRef('MapMetrics'), needs: read,
  cli: {
    path: ['map', 'metrics'], args: [['SPACE', 'spaceId']], usage: 'commonweave map metrics SPACE', summary: 'who is central, who bridges, which clusters',
    notes: 'Computed off the peer\'s event loop and kept until the map changes.',
  },
  mcp: {
    tool: 'map_metrics',
    description: 'Network metrics of the community\'s ecosystem map: for each node (organisation, person, initiative, place, resource) its degree, betweenness, closeness, eigenvector centrality, reach and community; for the whole map its density, reciprocity, diameter and average path length. Use it to say who is central, who bridges groups and which clusters exist.',
  },
})
