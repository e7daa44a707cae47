/** Handlers of the decisions feature. */
import type { Decisions } from '../../domain/decisions.ts'
import type { Handlers } from '../call.ts'

type DecisionOps = 'proposeDecision' | 'listDecisions' | 'getDecision' | 'castStance' | 'closeDecision'

export function decisionHandlers(d: { decisions: Decisions }): Pick<Handlers, DecisionOps> {
  return {
    proposeDecision: async (_ctx, { spaceId, ...rest }) => d.decisions.propose(spaceId, rest),
    listDecisions: async (_ctx, { spaceId, ...filter }) => d.decisions.list(spaceId, filter),
    getDecision: async (_ctx, input) => d.decisions.get(input.spaceId, input.decisionId),
    castStance: async (_ctx, { spaceId, decisionId, ...rest }) => d.decisions.stance(spaceId, decisionId, rest),
    closeDecision: async (_ctx, { spaceId, decisionId, ...rest }) => d.decisions.close(spaceId, decisionId, rest),
  }
}
