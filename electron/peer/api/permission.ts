/**
 * The one permission check every call passes, whoever makes it. The owner (this peer's user,
 * holding the API token) acts as this peer, whose own grants the domain then applies; an
 * agent may make only the calls its own grant allows, judged by the same consent the sync
 * layer enforces: the collection and command (`allowsCollection`, which also weighs expiry and
 * revocation), then the grant's purpose (agents/agent-purposes.ts).
 */
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import type { CallContext } from '../../../shared/api/peer-api.ts'
import type { PeerApiMethod } from '../../../shared/api/operation.ts'
import { OPERATION_BY_METHOD } from '../../../shared/api/operations.ts'
import type { Consent } from '../consent/consent.ts'
import { purposeRefusal } from '../agents/agent-purposes.ts'
import type { PermissionCheck } from './call.ts'

/** Why an agent may make no call at all (its grant expired or was revoked), or null while it stands. */
export type AgentRefusal = (did: Did) => CommonweaveError | null

export function permissionCheck(consent: Pick<Consent, 'allowsCollection' | 'index'>, ended: AgentRefusal = () => null): PermissionCheck {
  return (ctx: CallContext, op: PeerApiMethod, input: unknown): void => {
    const principal = ctx.principal
    if (principal.kind === 'owner') return
    const refusal = ended(principal.did)
    if (refusal) throw refusal
    const needs = OPERATION_BY_METHOD[op].needs
    if (needs.scope === 'peer') throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name} may not ${op}: only this peer's owner can.`)
    const fields = (input ?? {}) as { spaceId?: unknown; collection?: unknown }
    const spaceId = typeof fields.spaceId === 'string' ? fields.spaceId as SpaceId : undefined
    const now = Date.now()
    // Across collections (search): the handler keeps only what the caller may read, document by document.
    // An agent holding no grant in the space is refused outright: its answers would tell which spaces this peer holds.
    if (typeof needs.collection === 'object' && 'filtered' in needs.collection) {
      if (spaceId === undefined || !consent.index(spaceId)?.knows(principal.did, now)) {
        throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name}'s grant does not let it ${op} in this space.`)
      }
    } else {
      const collection = typeof needs.collection === 'string' ? needs.collection : fields.collection
      if (spaceId === undefined || typeof collection !== 'string' || !consent.allowsCollection(principal.did, needs.cmd, spaceId, collection)) {
        throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name}'s grant does not let it ${needs.cmd} ${typeof collection === 'string' ? collection : 'that'} in this space.`)
      }
    }
    // Why it may: the purpose its member consented to must cover this use.
    const reasons = (consent.index(spaceId)?.chainsOf(principal.did, now) ?? []).map((c) => purposeRefusal(c.purpose, op, needs.cmd === 'write'))
    if (!reasons.includes(null)) throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name} may not ${op}: ${reasons[0] ?? 'it holds no grant in this space'}.`)
  }
}
