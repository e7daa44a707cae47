/** Handlers of agents: add, list, renew, revoke (the owner's alone: the operations need the peer scope). */
import type { Agents } from '../../agents/agents.ts'
import type { Handlers } from '../call.ts'

type AgentOps = 'addAgent' | 'listAgents' | 'renewAgent' | 'revokeAgent'

export function agentHandlers(d: { agents: Agents }): Pick<Handlers, AgentOps> {
  return {
    addAgent: async (_ctx, input) => d.agents.add(input),
    listAgents: async (_ctx, input) => d.agents.list(input.spaceId),
    renewAgent: async (_ctx, input) => d.agents.renew(input),
    revokeAgent: async (_ctx, input) => d.agents.revoke(input),
  }
}
