/**
 * Which spaces an insight may read, decided from consent as it stands at each call (and again
 * when the answer comes back: a grant can end while the worker computes).
 *
 * - The space asked about: match and gaps read its resources, so this peer must hold read on
 *   `resources` there now; suggest and health read whatever parts they may, so it must hold
 *   read on one of them at least. A guest keeps its copy of a space after its grant is revoked
 *   or expires: that copy is never answered from. A space held for `matching` may be matched
 *   (its own needs against its own offers) while that grant holds.
 * - Spaces shared for matching (`match --across`): those where this peer holds a valid grant
 *   whose chain's purpose is `matching` and which reads `resources`.
 * Refusals say how the access ended, in the words the rest of the app uses (access-words.ts).
 */
import { describeAccess } from '../../../shared/api/access-words.ts'
import type { SpaceRef } from '../../../shared/api/insight-api.ts'
import type { SpaceAccess } from '../../../shared/api/peer-api.ts'
import { bookings } from '../../../shared/collections/bookings.ts'
import { decisions } from '../../../shared/collections/decisions.ts'
import { map } from '../../../shared/collections/map.ts'
import { resources } from '../../../shared/collections/resources.ts'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { ALL_DOCS, cmdReads } from '../../../shared/grants/grant-format.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import type { Consent } from '../consent/consent.ts'

export const MATCHING_PURPOSE = 'matching'

/** What an insight reads of the space asked about: its resources, or any of its parts (each only where it may). */
export type InsightNeeds = 'resources' | 'any'

/** The collections suggest and health read, each only where this peer may. */
export const INSIGHT_PARTS = [resources.name, bookings.name, decisions.name, map.name] as const

export interface InsightAccessDeps {
  consent: Pick<Consent, 'allowsCollection' | 'spaces' | 'index'>
  me: Did
  /** This peer's access in a space now, with how it ended when it did (grant-service.ts `standing`). */
  access: (spaceId: SpaceId) => SpaceAccess
}

export class InsightAccess {
  readonly #d: InsightAccessDeps

  constructor(deps: InsightAccessDeps) {
    this.#d = deps
  }

  /** The space as a match names it. */
  ref(spaceId: SpaceId): SpaceRef {
    return { spaceId, name: this.#d.consent.spaces.name(spaceId) ?? spaceId }
  }

  /** Throws, in words, when this peer may not read what `op` reads of the space now. */
  check(spaceId: SpaceId, op: string, needs: InsightNeeds): void {
    const { consent, me } = this.#d
    if (!consent.spaces.has(spaceId)) {
      throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows the spaces you are in.`)
    }
    const wanted = needs === 'resources' ? [resources.name] : INSIGHT_PARTS
    if (wanted.some((c) => consent.allowsCollection(me, 'read', spaceId, c))) return
    const { name } = this.ref(spaceId)
    const what = needs === 'resources' ? 'its resources' : 'any of its resources, bookings, decisions or map'
    const access = this.#d.access(spaceId)
    if (access.ended) {
      throw new CommonweaveError(access.ended.reason === 'revoked' ? ErrorCode.GrantRevoked : ErrorCode.GrantExpired,
        `Your access to ${name} ${access.ended.reason === 'revoked' ? 'was ' : ''}${describeAccess(access)}: this peer may no longer read ${what}, so it answers no ${op} there from the copy it keeps. Ask someone at ${name} for a new grant.`)
    }
    if (access.cmd === 'none') {
      throw new CommonweaveError(ErrorCode.Forbidden, `This peer holds no grant in ${name}: it may not read ${what}, so it answers no ${op} there.`)
    }
    throw new CommonweaveError(ErrorCode.Forbidden, `Your access to ${name} is ${describeAccess(access)}: not ${what}, which ${op} reads. Ask someone at ${name} for a grant that covers it.`)
  }

  /** The spaces other than `asking` this peer holds a valid grant for matching on, reading resources; by name, then id. */
  matchingSpaces(asking: SpaceId, now: number): SpaceRef[] {
    const { consent, me } = this.#d
    const out: SpaceRef[] = []
    for (const spaceId of consent.spaces.spaceIds()) {
      if (spaceId === asking) continue
      const chains = consent.index(spaceId)?.chainsOf(me, now) ?? []
      const shared = chains.some((c) => c.purpose === MATCHING_PURPOSE && cmdReads(c.cmd) && (c.docs.includes(ALL_DOCS) || c.docs.includes(resources.name)))
      if (shared) out.push(this.ref(spaceId))
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || (a.spaceId < b.spaceId ? -1 : 1))
  }
}
