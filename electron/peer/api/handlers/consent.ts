/** Handlers of the consent operations: grant, accept, revoke, list grants, audit. */
import type { AuditLog } from '../../consent/audit-log.ts'
import type { GrantService } from '../../domain/grant-service.ts'
import type { Spaces } from '../../domain/spaces.ts'
import type { Handlers } from '../call.ts'

export function consentHandlers(d: { grants: GrantService; spaces: Spaces; audit: AuditLog }): Pick<Handlers, 'createGrant' | 'acceptGrant' | 'revokeGrant' | 'listGrants' | 'audit'> {
  return {
    createGrant: async (_ctx, input) => d.grants.create(input),
    acceptGrant: async (_ctx, input) => d.spaces.summary(await d.grants.accept(input.code)),
    revokeGrant: async (_ctx, input) => d.grants.revoke(input.grantId),
    listGrants: async (_ctx, input) => d.grants.list(input.spaceId),
    audit: async (_ctx, input) => {
      d.spaces.summary(input.spaceId)
      await d.audit.flush()
      return d.audit.read(input.spaceId)
    },
  }
}
