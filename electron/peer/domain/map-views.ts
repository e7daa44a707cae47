/** The map as the API shows it: names instead of keys (who made a node, the labels of an edge's ends). */
import type { MapEdgeView, MapNodeView } from '../../../shared/api/map-api.ts'
import type { Did } from '../../../shared/ids.ts'
import type { MapEdge, MapNode } from '../../../shared/schemas/map.ts'

export function nodeView(n: MapNode, nameOf: (did: string) => string | null): MapNodeView {
  return {
    id: n.id, type: n.type, label: n.label, description: n.description, tags: n.tags, url: n.url ?? null,
    attributes: n.attributes, resources: n.resources ?? [], createdAt: n.createdAt, updatedAt: n.updatedAt,
    createdBy: (n.createdBy ?? null) as Did | null,
    createdByName: n.createdBy !== undefined ? nameOf(n.createdBy) : null,
  }
}

/** `labelOf` gives a node's label by id (an edge's ends are live nodes wherever an edge is shown). */
export function edgeView(e: MapEdge, labelOf: (id: string) => string | undefined): MapEdgeView {
  return {
    id: e.id, from: e.from, to: e.to, fromLabel: labelOf(e.from) ?? e.from, toLabel: labelOf(e.to) ?? e.to,
    type: e.type, direction: e.direction, label: e.label ?? null, description: e.description, tags: e.tags,
    attributes: e.attributes, createdAt: e.createdAt, updatedAt: e.updatedAt, createdBy: (e.createdBy ?? null) as Did | null,
  }
}
