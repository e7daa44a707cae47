/**
 * What importing a file into a map does, decided before anything is written: the nodes and
 * edges to make, the nodes of the map to complete, and a report of every merge.
 *
 * Invariants:
 * - a node of the file whose id (Kumu's ID, Murmurations' `map_id`) is the id of a node of the
 *   map is that node, whatever else it says: the map's own export read back is the map, even
 *   where two of its nodes share a label and type;
 * - otherwise two nodes are one when their urls are the same (normalise.ts), or, when they do
 *   not have two different urls, their labels and types are; within the file and against the
 *   map. Two nodes of the file with different ids are never one by label and type (they are two
 *   people called Alex, as in Kumu); the same url makes them one all the same;
 * - an edge runs between the nodes its ends became one with; an edge the map already has (the
 *   same ends and type, either way round when it is undirected or mutual) is not made again,
 *   nor is an edge whose two ends became one node;
 * - a file read into a map that already holds it plans nothing: importing twice changes nothing;
 * - an end that is neither in the file nor the map refuses the whole file, naming its place.
 */
import type { MapImportReport, MapMerge } from '../api/map-api.ts'
import type { Did } from '../ids.ts'
import { MapFormat, type MapEdge, type MapNode } from '../schemas/map.ts'
import type { MapSnapshot, MapWrite, NodeUpdate } from './contract.ts'
import { fieldAt, refuse } from './formats/fields.ts'
import type { ParsedEdge, ParsedEnd, ParsedGraph, ParsedNode, Skipped } from './formats/parsed.ts'
import { eachOf, runSteps, type Steps } from './formats/steps.ts'
import { mergeNode, type MergeTarget } from './import-merge.ts'
import { closestByLabel, edgeTypeKey, labelKey, labelTypeKey, urlKey } from './normalise.ts'

export interface PlanDeps {
  newId(): string
  now(): string
  by: Did
}

export interface ImportPlan {
  write: MapWrite
  report: MapImportReport
}

interface Target extends MergeTarget {
  /** The node made, when it is new from this file. */
  made?: MapNode
  /** The ids the file gave the nodes that became this one: one of another id is not merged into it by label. */
  keys: Set<string>
}

const target = (n: MapNode): Target => ({
  id: n.id, type: n.type, label: n.label, description: n.description, tags: n.tags, attributes: n.attributes,
  ...(n.url !== undefined ? { url: n.url } : {}), owner: 'the map\'s', changed: new Set(), added: {}, keys: new Set(),
})

/** A node of the map the file names by its id: the same node, not a duplicate, so no merge to report. */
type Found = { t: Target; by: MapMerge['by'] | 'id' }

/** Finds the node a file's node is one with: by the map's id, by url, else by label and type when their urls and ids do not differ. */
class NodeIndex {
  readonly #byId = new Map<string, Target>()
  readonly #byUrl = new Map<string, Target>()
  readonly #byLabel = new Map<string, Target[]>()

  /** A node of the map: it may be named by its id. */
  addLive(t: Target): void {
    this.#byId.set(t.id, t)
    this.add(t)
  }

  add(t: Target): void {
    const u = urlKey(t.url)
    if (u !== null && !this.#byUrl.has(u)) this.#byUrl.set(u, t)
    const l = labelTypeKey(t.label, t.type)
    const same = this.#byLabel.get(l)
    if (!same) this.#byLabel.set(l, [t])
    else if (!same.includes(t)) same.push(t)
  }

  find(n: ParsedNode): Found | null {
    const live = n.key === undefined ? undefined : this.#byId.get(n.key)
    if (live) return { t: live, by: 'id' }
    const u = urlKey(n.url)
    const byUrl = u === null ? undefined : this.#byUrl.get(u)
    if (byUrl) return { t: byUrl, by: 'url' }
    if (n.placeholder) return null
    const fits = (this.#byLabel.get(labelTypeKey(n.label, n.type)) ?? [])
      .filter((t) => (u === null || t.url === undefined) && (n.key === undefined || t.keys.size === 0 || t.keys.has(n.key)))
    const byLabel = closestByLabel(fits, n.label)[0]
    return byLabel ? { t: byLabel, by: 'label+type' } : null
  }
}

/** Looks up an end the file does not have among the map's nodes: by id, else by a label only one node has. */
function* mapFinder(snapshot: MapSnapshot, format: MapFormat): Steps<(ref: string, at: string) => string> {
  const ids = new Set(snapshot.nodes.map((n) => n.id))
  const byLabel = new Map<string, MapNode[]>()
  yield* eachOf(snapshot.nodes, (n) => {
    const k = labelKey(n.label)
    const named = byLabel.get(k)
    if (named) named.push(n)
    else byLabel.set(k, [n])
  })
  const noun = format === MapFormat.Murmurations ? 'profile' : 'element'
  return (ref, at) => {
    if (ids.has(ref)) return ref
    const named = closestByLabel(byLabel.get(labelKey(ref)) ?? [], ref)
    if (named.length === 1) return named[0]!.id
    if (named.length > 1) refuse(`${at}: "${ref}" names ${named.length} nodes of the map; name the one meant by its id`)
    return refuse(`${at}: "${ref}" is no ${noun} of the file or the map`)
  }
}

function edgeKey(type: string, from: string, to: string): string {
  return `${edgeTypeKey(type)}\u0000${from}\u0000${to}`
}

/** The plan for reading `graph` into a map that is `snapshot` now. */
export function planImport(graph: ParsedGraph, snapshot: MapSnapshot, deps: PlanDeps): ImportPlan {
  return runSteps(importPlanSteps(graph, snapshot, deps))
}

export function* importPlanSteps(graph: ParsedGraph, snapshot: MapSnapshot, deps: PlanDeps): Steps<ImportPlan> {
  const now = deps.now()
  const index = new NodeIndex()
  const fromMap = yield* eachOf(snapshot.nodes, (n) => {
    const t = target(n)
    index.addLive(t)
    return t
  })
  const merged: MapMerge[] = []
  const made: Target[] = []
  // The node each of the file's nodes became (one of the map's, or one made).
  const ends = yield* eachOf(graph.nodes, (n) => {
    const found = index.find(n)
    if (found) {
      const { t, by } = found
      const fields = mergeNode(t, n)
      if (!n.placeholder && by !== 'id') merged.push({ label: n.label, at: n.at, into: { id: t.made ? null : t.id, label: t.label }, by, fields })
      if (n.key !== undefined) t.keys.add(n.key)
      index.add(t)
      return t.id
    }
    const node: MapNode = {
      id: deps.newId(), schemaVersion: 1, kind: 'node', type: n.type, label: n.label, description: n.description, tags: n.tags,
      attributes: n.attributes, ...(n.url !== undefined ? { url: n.url } : {}), createdAt: now, updatedAt: now, createdBy: deps.by,
    }
    const t: Target = { ...target(node), owner: `${n.at}'s`, made: node, keys: new Set(n.key !== undefined ? [n.key] : []) }
    made.push(t)
    index.add(t)
    return node.id
  })
  // A node made by this file holds what later nodes of the file merged into it.
  const nodes = made.map(({ made: node, url, description, tags, attributes }) => ({ ...node!, ...(url !== undefined ? { url } : {}), description, tags, attributes }))

  const { edges, existing, skipped } = yield* planEdges(graph, snapshot, ends, deps, now)
  const updates: NodeUpdate[] = fromMap.filter((t) => t.changed.size > 0 || Object.keys(t.added).length > 0).map((t) => ({
    id: t.id,
    set: {
      ...(t.changed.has('url') && t.url !== undefined ? { url: t.url } : {}),
      ...(t.changed.has('description') ? { description: t.description } : {}),
      ...(t.changed.has('tags') ? { tags: t.tags } : {}),
      ...(Object.keys(t.added).length > 0 ? { attributes: t.added } : {}),
    },
  }))
  return {
    write: { nodes, edges, updates },
    report: {
      format: graph.format, added: made.length, merged, edges: { added: edges.length, existing },
      skipped: [...graph.skipped, ...skipped], updated: updates.length, dryRun: false,
    },
  }
}

function* planEdges(graph: ParsedGraph, snapshot: MapSnapshot, ends: string[], deps: PlanDeps, now: string): Steps<{ edges: MapEdge[]; existing: number; skipped: Skipped[] }> {
  const known = new Set<string>()
  const remember = (e: Pick<MapEdge, 'type' | 'from' | 'to' | 'direction'>): void => {
    known.add(edgeKey(e.type, e.from, e.to))
    if (e.direction !== 'directed') known.add(edgeKey(e.type, e.to, e.from))
  }
  yield* eachOf(snapshot.edges, remember)
  const inMap = yield* mapFinder(snapshot, graph.format)
  const resolve = (end: ParsedEnd, e: ParsedEdge, role: 'from' | 'to'): string => ('node' in end ? ends[end.node]! : inMap(end.ref, fieldAt(e.at, role)))
  const edges: MapEdge[] = []
  const skipped: Skipped[] = []
  let existing = 0
  for (const e of graph.edges) {
    yield
    const from = resolve(e.from, e, 'from')
    const to = resolve(e.to, e, 'to')
    if (from === to) {
      skipped.push({ at: e.at, reason: 'its two ends are one node: the map draws no edge from a node to itself' })
      continue
    }
    if (known.has(edgeKey(e.type, from, to)) || (e.direction !== 'directed' && known.has(edgeKey(e.type, to, from)))) {
      existing++
      continue
    }
    const edge: MapEdge = {
      id: deps.newId(), schemaVersion: 1, kind: 'edge', from, to, type: e.type, direction: e.direction,
      ...(e.label !== undefined ? { label: e.label } : {}), description: e.description, tags: e.tags, attributes: e.attributes,
      createdAt: now, updatedAt: now, createdBy: deps.by,
    }
    edges.push(edge)
    remember(edge)
  }
  return { edges, existing, skipped }
}
