/**
 * What the type and tag filters leave on the map: the same for the canvas (appearance.ts hides
 * the rest), the node list, the counts and the legend, so what a weaver reads beside the
 * drawing is what is drawn. An edge is shown when both its ends are (sigma hides the others).
 */
import type { MapGraphView } from '../../../shared/api/map-api.ts'
import type { MapDisplay } from './slice.ts'

type Filters = Pick<MapDisplay, 'hiddenTypes' | 'tag'>

export interface Shown {
  nodes: MapGraphView['nodes']
  edges: MapGraphView['edges']
  /** Whether a filter leaves anything out. */
  filtered: boolean
}

/** The one filter rule: a node is shown when its type is not hidden and it carries the chosen tag (if one is). */
export function passesFilters(typeHidden: boolean, tag: string | null, tags: readonly string[]): boolean {
  return !typeHidden && (tag === null || tags.includes(tag))
}

/** Whether a node passes the filters. */
export function passes(filters: Filters, node: { type: string; tags: readonly string[] }): boolean {
  return passesFilters(filters.hiddenTypes.includes(node.type as never), filters.tag, node.tags)
}

export function shownOf(value: Pick<MapGraphView, 'nodes' | 'edges'>, filters: Filters): Shown {
  if (filters.hiddenTypes.length === 0 && filters.tag === null) return { nodes: value.nodes, edges: value.edges, filtered: false }
  const nodes = value.nodes.filter((n) => passes(filters, n))
  const ids = new Set(nodes.map((n) => n.id))
  const edges = value.edges.filter((e) => ids.has(e.from) && ids.has(e.to))
  return { nodes, edges, filtered: nodes.length < value.nodes.length }
}

const many = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`

/** "33 nodes and 40 edges", or with filters on "12 of 33 nodes and 5 of 40 edges shown". */
export function countWords(shown: Shown, all: Pick<MapGraphView, 'nodes' | 'edges'>): string {
  if (!shown.filtered) return `${many(all.nodes.length, 'node')} and ${many(all.edges.length, 'edge')}`
  return `${shown.nodes.length} of ${many(all.nodes.length, 'node')} and ${shown.edges.length} of ${many(all.edges.length, 'edge')} shown`
}
