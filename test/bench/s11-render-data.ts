/**
 * S11's map: 2,000 nodes and 5,000 edges, the same in every run (a seeded generator), shaped as
 * ecosystems are: clusters (most links inside one), a few hubs, every kind of node and edge.
 * Given to the peer as a Kumu blueprint (what a weaver imports), or node by node.
 */
import type { PeerApi } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { NODE_TYPES, type EdgeDirection } from '../../shared/schemas/map.ts'
import { seededRandom } from '../../shared/seeded-random.ts'

export interface S11Map {
  nodes: Array<{ label: string; type: string; tags: string[] }>
  edges: Array<{ from: number; to: number; type: string; direction: EdgeDirection }>
}

const CLUSTERS = 20
const EDGE_TYPES = ['funds', 'works with', 'member of', 'supplies', 'hosts']

export function s11Map(nodes: number, edges: number, seed = 11): S11Map {
  const rnd = seededRandom(seed)
  const out: S11Map = { nodes: [], edges: [] }
  for (let i = 0; i < nodes; i++) {
    const type = NODE_TYPES[i % NODE_TYPES.length]!
    out.nodes.push({ label: `${type[0]!.toUpperCase()}${type.slice(1)} ${String(i).padStart(4, '0')}`, type, tags: [`cluster-${i % CLUSTERS}`] })
  }
  const seen = new Set<string>()
  while (out.edges.length < edges) {
    const from = Math.floor(rnd() * nodes)
    // Four links in five stay inside the cluster; one in ten goes to one of the first 50 nodes (hubs).
    const r = rnd()
    const to = r < 0.1 ? Math.floor(rnd() * 50) : r < 0.9 ? (from % CLUSTERS) + CLUSTERS * Math.floor(rnd() * (nodes / CLUSTERS)) : Math.floor(rnd() * nodes)
    if (to === from || to >= nodes) continue
    const key = from < to ? `${from}:${to}` : `${to}:${from}`
    if (seen.has(key)) continue
    seen.add(key)
    const d = rnd()
    out.edges.push({ from, to, type: EDGE_TYPES[Math.floor(rnd() * EDGE_TYPES.length)]!, direction: d < 0.7 ? 'directed' : d < 0.9 ? 'undirected' : 'mutual' })
  }
  return out
}

/** The map as a Kumu blueprint: elements by label, connections from label to label. */
export function kumuBlueprint(m: S11Map): string {
  return JSON.stringify({
    elements: m.nodes.map((n) => ({ label: n.label, type: n.type, tags: n.tags })),
    connections: m.edges.map((e) => ({ from: m.nodes[e.from]!.label, to: m.nodes[e.to]!.label, type: e.type, direction: e.direction })),
  })
}

/** Puts the map on the peer: imported as a Kumu blueprint, or (where the peer's import refuses) node by node. */
export async function seedMap(api: PeerApi, spaceId: SpaceId, m: S11Map): Promise<'import' | 'one by one'> {
  try {
    await api.importMap({ spaceId, text: kumuBlueprint(m), fileName: 's11.json', format: 'kumu' })
    return 'import'
  } catch (err) {
    console.log(`  (the import was refused, ${(err as Error).message}: adding node by node)`)
  }
  const ids: string[] = []
  for (let i = 0; i < m.nodes.length; i += 100) {
    const batch = m.nodes.slice(i, i + 100)
    ids.push(...(await Promise.all(batch.map((n) => api.addMapNode({ spaceId, type: n.type as never, label: n.label, tags: n.tags })))).map((n) => n.id))
  }
  for (let i = 0; i < m.edges.length; i += 100) {
    await Promise.all(m.edges.slice(i, i + 100).map((e) => api.addMapEdge({ spaceId, from: ids[e.from]!, to: ids[e.to]!, type: e.type, direction: e.direction })))
  }
  return 'one by one'
}
