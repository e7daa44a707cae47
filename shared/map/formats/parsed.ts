/**
 * What every map format is read into before it meets the map: one neutral graph, each part
 * with the place in the file it came from (`elements[3]`, `line 5`, `[1].relationships[0]`), so
 * the planner's merge report and errors can point back at the file.
 *
 * An edge's end is a node of the same file (by its index in `nodes`) when the file names one,
 * or else a reference the planner looks up in the map (a node id, or a label only one node has).
 */
import type { Attributes, EdgeDirection, MapFormat, NodeType } from '../../schemas/map.ts'

export interface ParsedNode {
  /** Where in the file: `elements[3]`, `line 5`, `[0]`. */
  at: string
  type: NodeType
  label: string
  description: string
  tags: string[]
  url?: string
  attributes: Attributes
  /** The file's own id for it (Kumu's `id`, the CSV's ID column), which edges may name. */
  key?: string
  /**
   * Made only to stand for a url a Murmurations relationship points at: it brings nothing but
   * its url, so merging it into a node of the map is no news and is not reported.
   */
  placeholder?: boolean
}

export type ParsedEnd = { node: number } | { ref: string }

export interface ParsedEdge {
  at: string
  from: ParsedEnd
  to: ParsedEnd
  type: string
  direction: EdgeDirection
  label?: string
  description: string
  tags: string[]
  attributes: Attributes
}

export interface Skipped {
  at: string
  reason: string
}

export interface ParsedGraph {
  format: MapFormat
  nodes: ParsedNode[]
  edges: ParsedEdge[]
  skipped: Skipped[]
}

/** An edge's type when the file gives none (a Kumu connection without `type`). */
export const DEFAULT_EDGE_TYPE = 'related'
