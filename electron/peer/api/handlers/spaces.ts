/** Handlers of the space operations: create, list, invite, join. */
import type { JoinProtocol } from '../../domain/join-protocol.ts'
import type { Spaces } from '../../domain/spaces.ts'
import type { Handlers } from '../call.ts'

export function spaceHandlers(d: { spaces: Spaces; joins: JoinProtocol }): Pick<Handlers, 'createSpace' | 'listSpaces' | 'createInvite' | 'joinSpace'> {
  return {
    createSpace: async (_ctx, input) => d.spaces.create(input?.name),
    listSpaces: async () => d.spaces.list(),
    createInvite: async (_ctx, input) => d.joins.createInvite(input.spaceId, input.expiresInSeconds, input.uses),
    joinSpace: async (ctx, input) => d.joins.join(String(input?.code ?? ''), input?.timeoutMs, ctx.signal),
  }
}
