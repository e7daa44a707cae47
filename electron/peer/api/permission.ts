/**
 * The one permission check every call passes, whoever makes it. The owner (this peer's user,
 * holding the API token) acts as this peer, whose own grants the domain then applies; an
 * agent may make only the calls its own grant allows, judged by the same consent the sync
 * layer enforces.
 */
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { CallContext } from '../../../shared/api/peer-api.ts'
import type { PeerApiMethod } from '../../../shared/api/operation.ts'
import { OPERATION_BY_METHOD } from '../../../shared/api/operations.ts'
import type { Consent } from '../consent/consent.ts'
import type { PermissionCheck } from './call.ts'

export function permissionCheck(consent: Pick<Consent, 'allowsCollection' | 'index'>): PermissionCheck {
  return (ctx: CallContext, op: PeerApiMethod, input: unknown): void => {
    const principal = ctx.principal
    if (principal.kind === 'owner') return
    const needs = OPERATION_BY_METHOD[op].needs
    if (needs.scope === 'peer') throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name} may not ${op}: only this peer's owner can.`)
    const fields = (input ?? {}) as { spaceId?: unknown; collection?: unknown }
    // Across collections (search): the handler keeps only what the caller may read, document by document.
    // An agent holding no grant in the space is refused outright: its answers would tell which spaces this peer holds.
    if (typeof needs.collection === 'object' && 'filtered' in needs.collection) {
      if (typeof fields.spaceId === 'string' && consent.index(fields.spaceId as SpaceId)?.knows(principal.did, Date.now())) return
      throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name}'s grant does not let it ${op} in this space.`)
    }
    const collection = typeof needs.collection === 'string' ? needs.collection : fields.collection
    if (typeof fields.spaceId !== 'string' || typeof collection !== 'string' ||
        !consent.allowsCollection(principal.did, needs.cmd, fields.spaceId as SpaceId, collection)) {
      throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name}'s grant does not let it ${needs.cmd} ${typeof collection === 'string' ? collection : 'that'} in this space.`)
    }
  }
}
