/**
 * Agents through the API (DESIGN.md "Agents"): an AI assistant or outside system as a
 * principal of its own, with its own key made on this peer, a short grant from this peer's
 * member, and an API token bound to that grant. Adding, listing, renewing and revoking them is
 * the owner's alone.
 */
import type { Did, SpaceId } from '../ids.ts'

export interface AddAgentInput {
  spaceId: SpaceId
  /** Unique among this peer's agents: `mcp --agent NAME` finds it by this. */
  name: string
  /** Collection names (resources, decisions, pages, map, bookings, pools). */
  docs: string[]
  /** Write as well as read. */
  write?: boolean
  /** An id from the purpose list (agent-assist unless there is a reason). */
  purpose: string
  /** At most 24 h (the default). */
  expiresInSeconds?: number
}

export type AgentStatus = 'active' | 'expired' | 'revoked'

export interface AgentSummary {
  name: string
  did: Did
  spaceId: SpaceId
  spaceName: string
  grantId: string
  cmd: 'read' | 'write'
  docs: string[]
  purpose: string
  createdAt: string
  expires: string
  status: AgentStatus
  /** Calls made with its token, and the last one's time. */
  calls: number
  lastCallAt: string | null
  /** Once its grant was revoked: when, and by whom (a name where the roster has one; none where the space was left). */
  revoked?: { at: string; by: Did | null; byName: string | null }
  /** On a revoke: it had been revoked before, and nothing changed. */
  alreadyRevoked?: boolean
}

export interface AgentResult extends AgentSummary {
  /** Its API token: shown once here; `mcp --agent NAME` reads it from the data directory. */
  token: string
  /** Same as `name`: the key DESIGN.md's CLI contract names. */
  agent: string
}

export interface AgentRef { spaceId: SpaceId; agent: string }
export interface RenewAgentInput extends AgentRef { expiresInSeconds?: number }

export interface AgentsApi {
  /** Makes the agent's key, signs its grant and makes its token. */
  addAgent(input: AddAgentInput): Promise<AgentResult>
  listAgents(input: { spaceId: SpaceId }): Promise<{ items: AgentSummary[] }>
  /** A new grant of the same scope for up to 24 h more; the token stays. */
  renewAgent(input: RenewAgentInput): Promise<AgentSummary>
  /** Revokes its grant: its next call is refused. */
  revokeAgent(input: AgentRef): Promise<AgentSummary>
}
