/**
 * Every operation of the peer, in the order the OpenAPI document and the CLI's help list them.
 * Adding an operation: describe it in ops/<feature>.ts, list it here, add its method to the
 * `PeerApi` feature interface, and implement its handler; the route, client, OpenAPI entry and
 * CLI command follow.
 */
import type { OperationDef, PeerApiMethod } from './operation.ts'
import { peers, status, whoami } from './ops/peer.ts'
import { createInvite, createSpace, joinSpace, listSpaces } from './ops/spaces.ts'
import { getItem, listItems } from './ops/collections.ts'
import { addResource, book, cancelBooking, createPool, deleteResource, editResource, getResource, listBookings, listPools, listResources } from './ops/resources.ts'
import { leaveSpace, listMembers, removeMember, rename, setMemberRole } from './ops/members.ts'
import { exportSpace, importSpace } from './ops/backup.ts'
import { castStance, closeDecision, getDecision, importDecisions, listDecisions, proposeDecision } from './ops/decisions.ts'
import { createPage, deletePage, editPage, getPage, importPages, listPages, pageHistory, restorePage, search } from './ops/pages.ts'
import { addMapEdge, addMapNode, deleteMapEdge, deleteMapNode, editMapNode, exportMap, getMap, getMapGraph, getMapNode, importMap, mapMetrics } from './ops/map.ts'
import { acceptGrant, audit, createGrant, listGrants, revokeGrant } from './ops/consent.ts'
import { gaps, health, match, suggest } from './ops/insight.ts'
import { addAgent, listAgents, renewAgent, revokeAgent } from './ops/agents.ts'

/** Each `PeerApi` method's description, in order; `satisfies` makes the compiler fail when one is missing. */
export const OPERATION_BY_METHOD = {
  status, whoami, peers,
  createSpace, listSpaces, createInvite, joinSpace,
  listMembers, setMemberRole, removeMember, leaveSpace, rename,
  addResource, listResources, getResource, editResource, deleteResource, createPool, listPools, book, listBookings, cancelBooking,
  proposeDecision, listDecisions, getDecision, castStance, closeDecision, importDecisions,
  createPage, listPages, getPage, editPage, deletePage, importPages, pageHistory, restorePage, search,
  getMap, getMapGraph, getMapNode, addMapNode, editMapNode, deleteMapNode, addMapEdge, deleteMapEdge, importMap, exportMap, mapMetrics,
  match, gaps, suggest, health,
  listItems, getItem,
  createGrant, acceptGrant, revokeGrant, listGrants, audit,
  addAgent, listAgents, renewAgent, revokeAgent,
  exportSpace, importSpace,
} satisfies Record<PeerApiMethod, OperationDef>

export const OPERATIONS: readonly OperationDef[] = Object.values(OPERATION_BY_METHOD)
