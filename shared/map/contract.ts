/**
 * What the map's parts hand each other (the store, import and export, the metrics engine), so
 * each can be built and tested on its own.
 */
import type { Did } from '../ids.ts'
import type { GraphMetrics, NodeMetrics } from '../api/map-api.ts'
import type { AttributeValue, EdgeDirection, MapEdge, MapNode, NodeType } from '../schemas/map.ts'

/** The live map of a space: no tombstones, and no edge whose end is not a live node. */
export interface MapSnapshot {
  nodes: readonly MapNode[]
  edges: readonly MapEdge[]
}

/** Fields of a node an import may change (attributes are merged key by key; `null` removes one). */
export interface NodeUpdate {
  id: string
  set: Partial<{ type: NodeType; label: string; description: string; tags: string[]; url: string; attributes: Record<string, AttributeValue | null> }>
}

/**
 * What one import writes: whole new nodes and edges (ids made by the planner), and updates of
 * existing nodes. The store checks every item against the collection's schema before writing
 * any, so a write is refused whole or made whole.
 */
export interface MapWrite {
  nodes: MapNode[]
  edges: MapEdge[]
  updates: NodeUpdate[]
}

/** What an import or export needs of the peer, for one space. */
export interface MapAccess {
  snapshot(): MapSnapshot
  write(w: MapWrite): Promise<void>
  newId(): string
  now(): string
  /** The did of who imports (stored as `createdBy`). */
  by: Did
}

/** The graph the metrics are computed on: ids, labels and how the edges run. */
export interface MetricsGraph {
  nodes: Array<{ id: string; label: string }>
  edges: Array<{ from: string; to: string; direction: EdgeDirection }>
}

export type MetricsProgress = (done: number, total: number, step: string) => void

export interface ComputedMetrics {
  nodes: NodeMetrics[]
  graph: GraphMetrics
}

/** Computes a map's metrics off the caller's event loop (a worker thread). */
export interface MapMetricsEngine {
  compute(graph: MetricsGraph, onProgress?: MetricsProgress, signal?: AbortSignal): Promise<ComputedMetrics>
  close(): Promise<void>
}
