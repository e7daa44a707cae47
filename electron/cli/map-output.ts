/**
 * Human renderings of the ecosystem map for the CLI: the map by node type with its edges as
 * arrows, one node in full, what an add, edit, delete, import or export did, and the metrics a
 * weaver reads (who is central, who bridges, which clusters).
 */
import type { MapEdgeView, MapExport, MapImportReport, MapMetrics, MapNodeDetail, MapNodeView, MapView, NodeMetrics } from '../../shared/api/map-api.ts'
import { NODE_TYPES, type AttributeValue, type MapFormat } from '../../shared/schemas/map.ts'
import { when } from './resource-output.ts'

const short = (id: string): string => id.slice(0, 8)
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`
const tagWords = (tags: string[]): string => (tags.length > 0 ? `  #${tags.join(' #')}` : '')
/** A neutralised text's line breaks (shown as `\x0a` by safe-text) laid out as indented lines: only this module starts a line. */
const lines = (text: string, indent: string): string => text.split('\\x0d\\x0a').join('\\x0a').split('\\x0a').join(`\n${indent}`)

const TYPE_HEADS: Record<string, string> = {
  organisation: 'Organisations', person: 'People', initiative: 'Initiatives', place: 'Places', resource: 'Resources',
}
const FORMAT_WORDS: Record<MapFormat, string> = { kumu: 'a Kumu blueprint (JSON)', 'kumu-csv': 'Kumu CSV sheets', murmurations: 'Murmurations profiles' }

/** "A → B (type)", "A — B (type)" undirected, "A ↔ B (type)" mutual; an edge's own label after it. */
export function edgeWords(e: Pick<MapEdgeView, 'fromLabel' | 'toLabel' | 'direction' | 'type' | 'label'>): string {
  const arrow = e.direction === 'mutual' ? '↔' : e.direction === 'undirected' ? '—' : '→'
  return `${e.fromLabel} ${arrow} ${e.toLabel} (${e.type})${e.label ? ` “${e.label}”` : ''}`
}

export function mapLines(m: MapView): string {
  const syncing = m.syncing > 0 ? `\n(${plural(m.syncing, 'more part')} of the map still syncing)` : ''
  const readOnly = m.may.write ? '' : '\n(read-only here: you may not change this map)'
  if (m.nodes.length === 0) return `The map is empty. "commonweave map add-node SPACE --type organisation --label NAME" adds a node; "commonweave map import SPACE FILE" brings in a Kumu or Murmurations file.${syncing}${readOnly}`
  const out: string[] = [`${plural(m.nodes.length, 'node')}, ${plural(m.edges.length, 'edge')}.`]
  for (const type of NODE_TYPES) {
    const of = m.nodes.filter((n) => n.type === type).sort((a, b) => a.label.localeCompare(b.label))
    if (of.length === 0) continue
    out.push('', `${TYPE_HEADS[type]} (${of.length}):`, ...of.map((n) => `  ${short(n.id)}  ${n.label}${tagWords(n.tags)}${n.url ? `  ${n.url}` : ''}`))
  }
  if (m.edges.length > 0) {
    const sorted = [...m.edges].sort((a, b) => a.fromLabel.localeCompare(b.fromLabel) || a.toLabel.localeCompare(b.toLabel))
    out.push('', `Edges (${m.edges.length}):`, ...sorted.map((e) => `  ${short(e.id)}  ${edgeWords(e)}`))
  }
  return out.join('\n') + syncing + readOnly
}

function valueWords(v: AttributeValue): string {
  if (Array.isArray(v)) return v.join(' | ')
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  return String(v)
}

const figure = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(3))

function figureLine(m: NodeMetrics): string {
  return `degree ${m.degree} (in ${m.inDegree}, out ${m.outDegree}), betweenness ${figure(m.betweenness)}, closeness ${figure(m.closeness)}, eigenvector ${figure(m.eigenvector)}, reach ${Math.round(m.reach * 100)}%, community ${m.community + 1}`
}

export function nodeBlock(d: MapNodeDetail): string {
  const rows = [
    `${d.label}  (${d.type})${tagWords(d.tags)}`,
    `id ${d.id} · added by ${d.createdByName ?? d.createdBy ?? 'an import'} · changed ${when(d.updatedAt)}${d.may.edit ? '' : ' · read-only here'}`,
  ]
  if (d.url) rows.push(`url: ${d.url}`)
  if (d.description) rows.push('', `  ${lines(d.description, '  ')}`)
  const attrs = Object.entries(d.attributes)
  if (attrs.length > 0) rows.push('', 'Attributes:', ...attrs.map(([k, v]) => `  ${k}: ${lines(valueWords(v), '    ')}`))
  rows.push('', d.edges.length > 0 ? `Edges (${d.edges.length}):` : 'No edges yet.', ...d.edges.map((e) => `  ${short(e.id)}  ${edgeWords(e)}`))
  rows.push('', d.metrics ? `Figures: ${figureLine(d.metrics)}` : 'Figures: not computed for the map as it is now ("commonweave map metrics SPACE" computes them).')
  if (d.linkedResources.length > 0) rows.push('', 'Linked resources:', ...d.linkedResources.map((r) => `  ${short(r.id)}  ${r.kind} “${r.title}” (${r.status})`))
  return rows.join('\n')
}

export const nodeSaved = (verb: string, n: MapNodeView): string => `${verb} ${n.type} “${n.label}” (${short(n.id)}).`
export const edgeSaved = (e: MapEdgeView): string => `Linked ${edgeWords(e)} (${short(e.id)}).`
export const nodeDeleted = (r: { id: string; edges: number }): string => `Deleted node ${short(r.id)}${r.edges > 0 ? ` and its ${plural(r.edges, 'edge')}` : ''}.`
export const edgeDeleted = (r: { id: string }): string => `Deleted edge ${short(r.id)}.`

function mergeLine(m: MapImportReport['merged'][number]): string {
  const into = m.into.id ? `“${m.into.label}” (${short(m.into.id)})` : `“${m.into.label}” (another node of the file)`
  const why = m.by === 'url' ? 'the same web address' : 'the same label and type'
  // A field the merge could not take reads "Founded (kept the map's value)": said apart from what it brought.
  const keptBy = new Map<string, string[]>()
  const took: string[] = []
  for (const f of m.fields) {
    const k = / \((kept .+)\)$/.exec(f)
    if (k) keptBy.set(k[1]!, [...(keptBy.get(k[1]!) ?? []), f.slice(0, k.index)])
    else took.push(f)
  }
  const parts = [took.length > 0 ? `it brought ${took.join(', ')}` : '', ...[...keptBy].map(([kept, names]) => `${names.join(', ')}: ${kept}`)].filter(Boolean)
  return `  “${m.label}” (${m.at}) into ${into}: ${why}; ${parts.length > 0 ? parts.join('; ') : 'nothing new'}`
}

export function importWords(r: MapImportReport): string {
  const head = r.dryRun ? `Dry run of ${FORMAT_WORDS[r.format]}, nothing written: it would add` : `Imported ${FORMAT_WORDS[r.format]}: added`
  const unchanged = !r.dryRun && r.added === 0 && r.updated === 0 && r.edges.added === 0
  const out = [
    `${head} ${plural(r.added, 'node')} and ${plural(r.edges.added, 'edge')}; ${r.merged.length} merged with nodes already there or in the file, ${r.updated} updated, ${plural(r.edges.existing, 'edge')} already in the map.`,
  ]
  if (unchanged) out.push('The map already held everything in this file: nothing changed.')
  if (r.merged.length > 0) out.push('', `Merged (${r.merged.length}):`, ...r.merged.map(mergeLine))
  if (r.skipped.length > 0) out.push('', `Skipped (${r.skipped.length}):`, ...r.skipped.map((s) => `  ${s.at}: ${s.reason}`))
  return out.join('\n')
}

export function exportWords(e: MapExport): string {
  const what = `${plural(e.nodes, 'node')} and ${plural(e.edges, 'edge')} as ${FORMAT_WORDS[e.format]}`
  const written = e.files.filter((f) => f.path !== undefined)
  if (written.length > 0) return [`Wrote ${what}:`, ...written.map((f) => `  ${f.path}`)].join('\n')
  // The text itself, as it would be in the file (several files each under its name); the line
  // printing it ends with the file's last line break.
  const text = (f: MapExport['files'][number]): string => lines(f.text ?? '', '').replace(/\n$/u, '')
  if (e.files.length === 1) return text(e.files[0]!)
  return e.files.map((f) => `== ${f.name} ==\n${text(f)}`).join('\n\n')
}

const TOP = 5

export function metricsWords(m: MapMetrics): string {
  const g = m.graph
  if (g.nodes === 0) return 'The map is empty: no figures to compute.'
  const top = (by: (x: NodeMetrics) => number): NodeMetrics[] => [...m.nodes].sort((a, b) => by(b) - by(a) || a.label.localeCompare(b.label)).slice(0, TOP)
  const out = [
    `${plural(g.nodes, 'node')}, ${plural(g.edges, 'edge')}; density ${figure(g.density)}, reciprocity ${figure(g.reciprocity)}, diameter ${g.diameter}, average path length ${figure(g.averagePathLength)}.`,
    `${plural(g.communities, 'community', 'communities')} (modularity ${figure(g.modularity)}).`,
    '', 'Bridges (highest betweenness):', ...top((x) => x.betweenness).map((x) => `  ${x.label}  ${figure(x.betweenness)}`),
    '', 'Most connected (degree):', ...top((x) => x.degree).map((x) => `  ${x.label}  ${x.degree}`),
  ]
  const communities = new Map<number, string[]>()
  for (const n of m.nodes) communities.set(n.community, [...(communities.get(n.community) ?? []), n.label])
  out.push('', 'Communities:', ...[...communities].sort((a, b) => a[0] - b[0]).map(([c, labels]) =>
    // Numbered from 1 as the app's legend numbers them (the API's `community` counts from 0).
    `  ${c + 1}: ${plural(labels.length, 'node')}: ${labels.slice(0, TOP).join(', ')}${labels.length > TOP ? ', …' : ''}`))
  out.push('', m.cached ? `(computed ${when(m.computedAt)}; the map has not changed since)` : `(computed ${when(m.computedAt)})`)
  return out.join('\n')
}

/** What each map operation's answer says, by operation. */
const WORDS: Record<string, (r: never) => string> = {
  getMap: mapLines,
  getMapNode: nodeBlock,
  addMapNode: (n: MapNodeView) => nodeSaved('Added', n),
  editMapNode: (n: MapNodeView) => nodeSaved('Saved', n),
  deleteMapNode: nodeDeleted,
  addMapEdge: edgeSaved,
  deleteMapEdge: edgeDeleted,
  importMap: importWords,
  exportMap: exportWords,
  mapMetrics: metricsWords,
}

/** The answer of a map operation in words; undefined for any other operation. */
export function mapWords(op: string, r: unknown): string | undefined {
  return Object.hasOwn(WORDS, op) ? WORDS[op]!(r as never) : undefined
}
