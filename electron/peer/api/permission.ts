/**
 * The one permission check every call passes, whoever makes it. The owner (this peer's user,
 * holding the API token) acts as this peer, whose own grants the domain then applies; an
 * agent may make only the calls its own grant allows, judged by the same consent the sync
 * layer enforces (the space's consent index: valid chains only, so expiry and revocation
 * count), and within the purpose its member consented to (agents/agent-purposes.ts).
 *
 * One chain must allow the whole call: its command, its collection and its purpose together.
 * Holding `resources` for research and `pages` for agent-assist (two members may each grant
 * an agent, whose did is in the authority document) lets it read pages, and health figures
 * of resources, never list resources: research does not allow that.
 */
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import type { CallContext } from '../../../shared/api/peer-api.ts'
import type { PeerApiMethod } from '../../../shared/api/operation.ts'
import { OPERATION_BY_METHOD } from '../../../shared/api/operations.ts'
import { ALL_DOCS, cmdReads, cmdWrites } from '../../../shared/grants/grant-format.ts'
import type { ChainScope } from '../../../shared/grants/grant-verify.ts'
import type { Consent } from '../consent/consent.ts'
import { purposeRefusal } from '../agents/agent-purposes.ts'
import { opWords } from '../../../shared/api/op-words.ts'
import type { PermissionCheck } from './call.ts'

/** Why an agent may make no call at all (its grant expired or was revoked), or null while it stands. */
type AgentRefusal = (did: Did) => CommonweaveError | null

export interface PermissionDeps {
  consent: Pick<Consent, 'index'>
  /** Why an agent's calls all stop (agents.refusal); none by default. */
  ended?: AgentRefusal
  /** The peer's clock, the one consent and the agents judge expiry by. */
  now: () => number
}

export function permissionCheck(d: PermissionDeps): PermissionCheck {
  return (ctx: CallContext, op: PeerApiMethod, input: unknown): void => {
    const principal = ctx.principal
    if (principal.kind === 'owner') return
    const refusal = d.ended?.(principal.did)
    if (refusal) throw refusal
    const needs = OPERATION_BY_METHOD[op].needs
    if (needs.scope === 'peer') throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name} may not ${opWords(op)}: only this peer's owner can.`)
    const fields = (input ?? {}) as { spaceId?: unknown; collection?: unknown }
    const spaceId = typeof fields.spaceId === 'string' ? fields.spaceId as SpaceId : undefined
    const chains = spaceId === undefined ? [] : d.consent.index(spaceId)?.chainsOf(principal.did, d.now()) ?? []
    const writes = needs.cmd === 'write'
    // Across collections (search, insight): any collection will do here, as the handler keeps only
    // what the caller may read, document by document. An agent holding no grant in the space is
    // refused outright: its answers would tell which spaces this peer holds.
    const filtered = typeof needs.collection === 'object' && 'filtered' in needs.collection
    const collection = typeof needs.collection === 'string' ? needs.collection : fields.collection
    const covering = chains.filter((c) => (writes ? cmdWrites(c.cmd) : cmdReads(c.cmd)) &&
      (filtered || (typeof collection === 'string' && covers(c, collection))))
    if (covering.length === 0) {
      throw new CommonweaveError(ErrorCode.Forbidden, filtered
        ? `${principal.name}'s grant does not let it ${opWords(op)} in this space.`
        : `${principal.name}'s grant does not let it ${needs.cmd} ${typeof collection === 'string' ? collection : 'that'} in this space.`)
    }
    // Why it may: the purpose of a chain that covers the call must allow this use, of this collection.
    const reasons = covering.map((c) => purposeRefusal(c.purpose, op, writes, filtered ? undefined : collection as string))
    if (!reasons.includes(null)) throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name} may not ${opWords(op)}: ${reasons[0] as string}.`)
  }
}

function covers(chain: ChainScope, collection: string): boolean {
  return chain.docs.includes(ALL_DOCS) || chain.docs.includes(collection)
}
