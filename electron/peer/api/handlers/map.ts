/** Handlers of the ecosystem map: nodes, edges, the whole map, one node; import, export and metrics. */
import type { Principal } from '../../../../shared/api/peer-api.ts'
import type { SpaceId } from '../../../../shared/ids.ts'
import { map as mapCollection } from '../../../../shared/collections/map.ts'
import type { Consent } from '../../consent/consent.ts'
import { exportMapData } from '../../domain/map-export.ts'
import { importMapData } from '../../domain/map-import.ts'
import type { MapService } from '../../domain/map-service.ts'
import type { Handlers } from '../call.ts'
import { readerOf } from './search.ts'

type MapOps = 'getMap' | 'getMapNode' | 'addMapNode' | 'editMapNode' | 'deleteMapNode' | 'addMapEdge' | 'deleteMapEdge'
type MapFileOps = 'importMap' | 'exportMap'

export interface MapHandlerDeps {
  map: MapService
  consent: Pick<Consent, 'allows' | 'mayRead' | 'allowsCollection'>
  /** This peer's peer id: the owner reads what this peer may read. */
  peerId: string
}

export function mapHandlers(d: MapHandlerDeps): Pick<Handlers, MapOps> {
  const store = d.map.store
  // What the caller may do: the owner what this peer may; an agent, what its own grant allows too.
  const mayWrite = (principal: Principal, spaceId: SpaceId): boolean => store.mayWrite(spaceId) &&
    (principal.kind === 'owner' || d.consent.allowsCollection(principal.did, 'write', spaceId, mapCollection.name))
  return {
    getMap: async (ctx, { spaceId }) => d.map.view(spaceId, mayWrite(ctx.principal, spaceId)),
    getMapNode: async (ctx, { spaceId, nodeId }) => d.map.detail(spaceId, nodeId, readerOf(ctx.principal, d), mayWrite(ctx.principal, spaceId)),
    addMapNode: async (_ctx, { spaceId, ...rest }) => d.map.nodeView(spaceId, await store.addNode(spaceId, rest)),
    editMapNode: async (_ctx, { spaceId, nodeId, ...rest }) => d.map.nodeView(spaceId, await store.editNode(spaceId, nodeId, rest)),
    deleteMapNode: async (_ctx, { spaceId, nodeId }) => store.deleteNode(spaceId, nodeId),
    addMapEdge: async (_ctx, { spaceId, ...rest }) => d.map.edgeView(spaceId, await store.addEdge(spaceId, rest)),
    deleteMapEdge: async (_ctx, { spaceId, edgeId }) => store.deleteEdge(spaceId, edgeId),
  }
}

/** Import and export (map-import.ts, map-export.ts); the metrics have handlers of their own (map-metrics.ts). */
export function mapFileHandlers(d: Pick<MapHandlerDeps, 'map'>): Pick<Handlers, MapFileOps> {
  return {
    importMap: async (_ctx, { spaceId, ...input }) => importMapData(input, await d.map.store.access(spaceId)),
    exportMap: async (_ctx, { spaceId, ...input }) => exportMapData(input, await d.map.store.snapshot(spaceId)),
  }
}
