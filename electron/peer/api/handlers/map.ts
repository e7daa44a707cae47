/** Handlers of the ecosystem map: nodes, edges, the whole map, one node; import, export and metrics. */
import type { Principal } from '../../../../shared/api/peer-api.ts'
import type { Did, SpaceId } from '../../../../shared/ids.ts'
import { map as mapCollection } from '../../../../shared/collections/map.ts'
import type { Consent } from '../../consent/consent.ts'
import { exportMapData } from '../../domain/map-export.ts'
import { importMapData } from '../../domain/map-import.ts'
import { checkNamedFiles } from '../../domain/peer-files.ts'
import type { MetricsService } from '../../domain/map-metrics.ts'
import { OneAtATimePerKey } from '../../../../shared/one-at-a-time.ts'
import { mapMetricsHandlers } from './map-metrics.ts'
import type { MapService } from '../../domain/map-service.ts'
import type { Handlers } from '../call.ts'
import { readerOf, type ReaderDeps } from './search.ts'

type MapOps = 'getMap' | 'getMapGraph' | 'getMapNode' | 'addMapNode' | 'editMapNode' | 'deleteMapNode' | 'addMapEdge' | 'deleteMapEdge'
type MapFileOps = 'importMap' | 'exportMap'

export interface MapHandlerDeps extends ReaderDeps {
  map: MapService
  consent: ReaderDeps['consent'] & Pick<Consent, 'allowsCollection'>
}

/** Every map operation: nodes and edges, import and export, metrics. */
export function mapHandlers(d: MapHandlerDeps & { dataDir: string; metrics: MetricsService }): Pick<Handlers, MapOps | MapFileOps | 'mapMetrics'> {
  return { ...mapItemHandlers(d), ...mapFileHandlers(d), ...mapMetricsHandlers(d) }
}

function mapItemHandlers(d: MapHandlerDeps): Pick<Handlers, MapOps> {
  const store = d.map.store
  // What the caller may do: the owner what this peer may; an agent, what its own grant allows too.
  const mayWrite = (principal: Principal, spaceId: SpaceId): boolean => store.mayWrite(spaceId) &&
    (principal.kind === 'owner' || d.consent.allowsCollection(principal.did, 'write', spaceId, mapCollection.name))
  return {
    getMap: async (ctx, { spaceId }) => d.map.view(spaceId, mayWrite(ctx.principal, spaceId)),
    getMapGraph: async (ctx, { spaceId, since }) => d.map.drawing(spaceId, since, mayWrite(ctx.principal, spaceId)),
    getMapNode: async (ctx, { spaceId, nodeId }) => d.map.detail(spaceId, nodeId, readerOf(ctx.principal, d, spaceId, 'getMapNode'), mayWrite(ctx.principal, spaceId)),
    addMapNode: async (ctx, { spaceId, ...rest }) => d.map.nodeView(spaceId, await store.addNode(spaceId, rest, authorOf(ctx.principal))),
    editMapNode: async (_ctx, { spaceId, nodeId, ...rest }) => d.map.nodeView(spaceId, await store.editNode(spaceId, nodeId, rest)),
    deleteMapNode: async (_ctx, { spaceId, nodeId }) => store.deleteNode(spaceId, nodeId),
    addMapEdge: async (ctx, { spaceId, ...rest }) => d.map.edgeView(spaceId, await store.addEdge(spaceId, rest, authorOf(ctx.principal))),
    deleteMapEdge: async (_ctx, { spaceId, edgeId }) => store.deleteEdge(spaceId, edgeId),
  }
}

/**
 * Import and export (map-import.ts, map-export.ts); the metrics have handlers of their own
 * (map-metrics.ts). Imports into one space run one at a time, each planned against the map as
 * the one before left it: two at once (a double click) would each add every node.
 */
function mapFileHandlers(d: Pick<MapHandlerDeps, 'map'> & { dataDir: string }): Pick<Handlers, MapFileOps> {
  const importing = new OneAtATimePerKey<SpaceId>()
  return {
    importMap: async (ctx, { spaceId, ...input }) => {
      await checkNamedFiles(ctx.principal, d.dataDir, [input.file, input.connectionsFile])
      return importing.run(spaceId, async () => importMapData(input, await d.map.store.access(spaceId, authorOf(ctx.principal))))
    },
    exportMap: async (ctx, { spaceId, ...input }) => {
      await checkNamedFiles(ctx.principal, d.dataDir, [input.file])
      return exportMapData(input, await d.map.store.snapshot(spaceId))
    },
  }
}

/** Who a new node or edge is stored as made by: an agent by its own did, the owner as this peer. */
function authorOf(principal: Principal): Did | undefined {
  return principal.kind === 'agent' ? principal.did : undefined
}
