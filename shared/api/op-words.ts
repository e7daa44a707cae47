/**
 * The API's operations as words a person reads: in a refusal ("matchbot may not see the
 * space's health", "its grant is for matching, which lets it match needs and offers, …"), and
 * in an agent's activity ("list resources: done").
 * Method names (`listMembers`) are the program's, not the member's. Typed over every method,
 * so a new operation cannot go without words.
 */
import type { PeerApiMethod } from './operation.ts'
import { andList } from '../and-list.ts'

const OP_WORDS: Readonly<Record<PeerApiMethod, string>> = {
  status: 'see this peer\'s status', whoami: 'ask who this peer is', peers: 'list the connected peers',
  createSpace: 'create a space', listSpaces: 'list the spaces', createInvite: 'make an invite', joinSpace: 'join a space',
  listMembers: 'list the members', setMemberRole: 'change a member\'s role', removeMember: 'remove a member',
  leaveSpace: 'leave a space', rename: 'rename this peer\'s member',
  addResource: 'post a resource', listResources: 'list resources', getResource: 'read a resource',
  editResource: 'edit a resource', deleteResource: 'delete a resource', createPool: 'make a pool', listPools: 'list pools',
  book: 'book a tool or facility', listBookings: 'list bookings', cancelBooking: 'cancel a booking',
  proposeDecision: 'make a proposal', listDecisions: 'list proposals', getDecision: 'read a proposal',
  castStance: 'take a stance', closeDecision: 'close a proposal', importDecisions: 'import decisions',
  createPage: 'make a page', listPages: 'list pages', getPage: 'read a page', editPage: 'edit a page', deletePage: 'delete a page',
  importPages: 'import pages', pageHistory: 'read a page\'s history', restorePage: 'restore a page',
  search: 'search',
  getMap: 'read the map', getMapGraph: 'read the map', getMapNode: 'read a map node', addMapNode: 'add a map node',
  editMapNode: 'edit a map node', deleteMapNode: 'delete a map node', addMapEdge: 'link map nodes', deleteMapEdge: 'delete a map link',
  importMap: 'import a map', exportMap: 'export the map', mapMetrics: 'read the map\'s figures',
  match: 'match needs and offers', gaps: 'list gaps', suggest: 'suggest introductions', health: 'see the space\'s health',
  listItems: 'list a collection\'s items', getItem: 'read a collection\'s item',
  createGrant: 'grant access', acceptGrant: 'accept a grant', revokeGrant: 'revoke a grant', listGrants: 'list grants', audit: 'read the audit',
  addAgent: 'add an agent', listAgents: 'list agents', renewAgent: 'renew an agent', revokeAgent: 'revoke an agent',
  exportSpace: 'export a space', importSpace: 'import a space',
}

/** What an operation does, as the rest of "may not …": `listMembers` → "list the members". */
export function opWords(op: PeerApiMethod): string {
  return OP_WORDS[op]
}

/** Whether a name from outside (an audit line) is an operation of this API. */
export function isOperation(op: string): op is PeerApiMethod {
  return Object.hasOwn(OP_WORDS, op)
}

/** Several operations in words, once each: "match needs and offers, list gaps and search". */
export function opsWords(ops: Iterable<PeerApiMethod>): string {
  return andList([...new Set([...ops].map(opWords))])
}
