/** Handlers of the decisions feature. */
import { CommonweaveError, ErrorCode } from '../../../../shared/errors.ts'
import type { CallContext } from '../../../../shared/api/peer-api.ts'
import type { Decisions } from '../../domain/decisions.ts'
import type { DecisionImport } from '../../domain/decision-import.ts'
import type { Handlers } from '../call.ts'

type DecisionOps = 'proposeDecision' | 'listDecisions' | 'getDecision' | 'castStance' | 'closeDecision' | 'importDecisions'

/**
 * Proposals, stances and outcomes are signed with this peer's own key: they speak for its
 * owner. An agent takes no stance and closes nothing; one whose grant lets it write decisions
 * may draft a proposal, which its member signs as author under that consent, marked as drafted by it.
 */
function ownerOnly(ctx: CallContext, what: string): void {
  if (ctx.principal.kind === 'agent') throw new CommonweaveError(ErrorCode.Forbidden, `${ctx.principal.name} is an agent: it may not ${what}, which is signed with its owner's key.`)
}

export function decisionHandlers(d: { decisions: Decisions; imports: DecisionImport }): Pick<Handlers, DecisionOps> {
  return {
    proposeDecision: async (ctx, { spaceId, ...rest }) => d.decisions.propose(spaceId, rest,
      ctx.principal.kind === 'agent' ? { did: ctx.principal.did, name: ctx.principal.name } : undefined),
    listDecisions: async (_ctx, { spaceId, ...filter }) => d.decisions.list(spaceId, filter),
    getDecision: async (_ctx, input) => d.decisions.get(input.spaceId, input.decisionId),
    castStance: async (ctx, { spaceId, decisionId, ...rest }) => (ownerOnly(ctx, 'take a stance'), d.decisions.stance(spaceId, decisionId, rest)),
    closeDecision: async (ctx, { spaceId, decisionId, ...rest }) => (ownerOnly(ctx, 'close a proposal'), d.decisions.close(spaceId, decisionId, rest)),
    importDecisions: async (ctx, { spaceId, ...rest }) => (ownerOnly(ctx, 'import decisions'), d.imports.fromLoomio(spaceId, rest)),
  }
}
