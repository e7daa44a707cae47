/**
 * The ecosystem map through the API (DESIGN.md "Ecosystem map"): nodes and edges, import and
 * export in Kumu's and Murmurations' formats with a merge report, and network metrics computed
 * off the peer's event loop.
 */
import type { Did, SpaceId } from '../ids.ts'
import type { AddEdgeInput, AddNodeInput, Attributes, EdgeDirection, EditNodeInput, ExportMapInput, ImportMapInput, MapFormat, NodeType } from '../schemas/map.ts'

export interface MapNodeView {
  id: string
  type: NodeType
  label: string
  description: string
  tags: string[]
  url: string | null
  attributes: Attributes
  /** Ids of items of the space's resources this node stands for or uses. */
  resources: string[]
  createdAt: string
  updatedAt: string
  createdBy: Did | null
  createdByName: string | null
}

export interface MapEdgeView {
  id: string
  from: string
  to: string
  /** The labels of its ends, so a list reads without a lookup. */
  fromLabel: string
  toLabel: string
  type: string
  direction: EdgeDirection
  label: string | null
  description: string
  tags: string[]
  attributes: Attributes
  createdAt: string
  updatedAt: string
  createdBy: Did | null
}

/** The whole map of a space as this peer holds it: no tombstone, and no edge whose end is not a live node. */
export interface MapView {
  nodes: MapNodeView[]
  edges: MapEdgeView[]
  /** Shard documents of the map the space lists that have not reached this peer yet. */
  syncing: number
  /** What this peer may do with the map. */
  may: { write: boolean }
}

/**
 * The map as the canvas draws it: each node's id, type, label and tags, each edge's ends, type
 * and direction; a third of the whole map's size. `version` changes whenever the map changes
 * on this peer: given back as `since`, an unchanged map answers `unchanged` and no items.
 */
export interface MapGraphView {
  version: string
  unchanged?: true
  nodes: Array<{ id: string; type: NodeType; label: string; tags: string[] }>
  edges: Array<{ id: string; from: string; to: string; type: string; direction: EdgeDirection }>
  syncing: number
  may: { write: boolean }
}

/** One node's figures (DESIGN.md "Ecosystem map"; numbers as graphology computes them, see README "Map metrics"). */
export interface NodeMetrics {
  id: string
  label: string
  /** Edges touching it (an undirected or mutual edge counts once). */
  degree: number
  inDegree: number
  outDegree: number
  /** Normalised to 0…1. */
  betweenness: number
  closeness: number
  eigenvector: number
  /** Share of the other nodes within two steps, 0…1. */
  reach: number
  /** Its Louvain community, numbered from 0 by size (0 is the largest). */
  community: number
}

export interface GraphMetrics {
  nodes: number
  edges: number
  density: number
  /** Share of directed links that are returned (mutual and undirected edges count as returned). */
  reciprocity: number
  /** The longest shortest path, within connected parts. */
  diameter: number
  averagePathLength: number
  communities: number
  /** Louvain's modularity of the communities found. */
  modularity: number
}

export interface MapMetrics {
  nodes: NodeMetrics[]
  graph: GraphMetrics
  /** When these were computed: they are kept until the map changes. */
  computedAt: string
  /** Whether this answer came from the cache (the map has not changed since). */
  cached: boolean
}

/** One node in full, for its panel: its edges with the labels of the other ends, its figures, its linked resources. */
export interface MapNodeDetail extends MapNodeView {
  spaceId: SpaceId
  edges: MapEdgeView[]
  /** Its figures, when metrics for the map as it is now are at hand (null: ask `mapMetrics`). */
  metrics: NodeMetrics | null
  /** The resources it links to that this peer holds; a resource not (or no longer) here is left out. */
  linkedResources: Array<{ id: string; kind: string; title: string; status: string }>
  may: { edit: boolean; delete: boolean }
}

/** What an import merged: a node of the file that is the same as a node of the map, or of the file itself. */
export interface MapMerge {
  /** The node as the file names it (its label, and its line or element index). */
  label: string
  at: string
  /** The node it became one with. */
  into: { id: string | null; label: string }
  /** Why it is the same: the same normalised url, or the same normalised label and type. */
  by: 'url' | 'label+type'
  /** The attributes or fields the merge added or changed on that node ([] when it brought nothing new). */
  fields: string[]
}

export interface MapImportReport {
  format: MapFormat
  /** Nodes made. */
  added: number
  merged: MapMerge[]
  /** Edges made, and edges of the file the map already had. */
  edges: { added: number; existing: number }
  /** Parts of the file left out, each with where and why (e.g. a Kumu loop, an empty row). */
  skipped: Array<{ at: string; reason: string }>
  /** Nodes or edges whose stored values the import changed. */
  updated: number
  /** A dry run was asked for: nothing was written (an import that found nothing new also writes nothing, with every count 0). */
  dryRun: boolean
}

export interface MapExportFile {
  /** A file name that says what it holds, e.g. `map-elements.csv`. */
  name: string
  mediaType: string
  /** The file's text, when no `file` was given to write it to. */
  text?: string
  /** Where it was written on the peer's machine, when `file` was given. */
  path?: string
}

export interface MapExport {
  format: MapFormat
  nodes: number
  edges: number
  files: MapExportFile[]
}

export interface InMap { spaceId: SpaceId }
export interface NodeRef extends InMap { nodeId: string }

export interface MapApi {
  /** Adds a node. */
  addMapNode(input: InMap & AddNodeInput): Promise<MapNodeView>
  /** Changes the fields given of a node, named by id, id prefix, or its label when no other node has it. */
  editMapNode(input: NodeRef & EditNodeInput): Promise<MapNodeView>
  /** Deletes a node and every edge it has (tombstones that sync). */
  deleteMapNode(input: NodeRef): Promise<{ deleted: true; id: string; edges: number }>
  /** Links two nodes, each named by id, id prefix, or unique label. */
  addMapEdge(input: InMap & AddEdgeInput): Promise<MapEdgeView>
  deleteMapEdge(input: InMap & { edgeId: string }): Promise<{ deleted: true; id: string }>
  /** The whole map. */
  getMap(input: InMap): Promise<MapView>
  /** The map as the canvas draws it, or `unchanged` when it is still at `since`. */
  getMapGraph(input: InMap & { since?: string }): Promise<MapGraphView>
  /** One node with its edges, figures and linked resources. */
  getMapNode(input: NodeRef): Promise<MapNodeDetail>
  /** Reads a Kumu blueprint, Kumu's CSV sheets, or Murmurations profiles into the map: all of it, or nothing. */
  importMap(input: InMap & ImportMapInput): Promise<MapImportReport>
  exportMap(input: InMap & ExportMapInput): Promise<MapExport>
  /** Network metrics of the map, computed in a worker thread, kept until the map changes. */
  mapMetrics(input: InMap): Promise<MapMetrics>
}
