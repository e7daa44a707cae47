/** Handlers of agents: add, list, renew, revoke. */
import { CommonweaveError, ErrorCode } from '../../../../shared/errors.ts'
import type { Handlers } from '../call.ts'

type AgentOps = 'addAgent' | 'listAgents' | 'renewAgent' | 'revokeAgent'

const notYet = async (): Promise<never> => { throw new CommonweaveError(ErrorCode.Internal, 'not built yet') }

export function agentHandlers(): Pick<Handlers, AgentOps> {
  return { addAgent: notYet, listAgents: notYet, renewAgent: notYet, revokeAgent: notYet }
}
