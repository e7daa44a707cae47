/**
 * Which documents of a space an agent may read for one operation, document by document (a
 * search's hits, the items insight works over). Only the agent's chains whose purpose allows
 * that operation count, and each only for the collections its purpose uses: an agent holding
 * `resources` for matching and `pages` for research (two members may each grant it) searches
 * resources, never pages, since research does not search. The same consent the sync layer
 * enforces (valid chains only: expiry and revocation count), judged at `now`.
 */
import type { PeerApiMethod } from '../../../shared/api/operation.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { ALL_DOCS, cmdReads } from '../../../shared/grants/grant-format.ts'
import type { ChainScope } from '../../../shared/grants/grant-verify.ts'
import type { Consent } from '../consent/consent.ts'
import { purposeRefusal, purposeUses } from './agent-purposes.ts'

export type AgentReaderConsent = Pick<Consent, 'index'> & { spaces: Pick<Consent['spaces'], 'collectionOf' | 'spacesOfDoc'> }

/**
 * Whether the agent (`principal`) may read a document of `spaceId` for `op`. Build it once per
 * call: it takes the chains as they stand at `now`.
 */
export function agentReader(consent: AgentReaderConsent, principal: { did: Did }, spaceId: SpaceId, op: PeerApiMethod, now: number): (docId: string) => boolean {
  const chains = readingChains(consent, principal, spaceId, op, now)
  if (chains.length === 0) return () => false
  return (docId) => {
    if (!consent.spaces.spacesOfDoc(docId).has(spaceId)) return false
    const collection = consent.spaces.collectionOf(spaceId, docId)
    return chains.some((c) => purposeUses(c.purpose, collection) &&
      (c.docs.includes(ALL_DOCS) || c.docs.includes(docId) || (collection !== undefined && c.docs.includes(collection))))
  }
}

/** Whether the agent may read a whole collection of `spaceId` for `op` (the parts an insight report reads), by the same chains. */
export function agentReadsCollection(consent: Pick<Consent, 'index'>, principal: { did: Did }, spaceId: SpaceId, op: PeerApiMethod, now: number): (collection: string) => boolean {
  const chains = readingChains(consent, principal, spaceId, op, now)
  return (collection) => chains.some((c) => purposeUses(c.purpose, collection) && (c.docs.includes(ALL_DOCS) || c.docs.includes(collection)))
}

/** The agent's valid chains in the space that read, under a purpose that allows `op`. */
function readingChains(consent: Pick<Consent, 'index'>, principal: { did: Did }, spaceId: SpaceId, op: PeerApiMethod, now: number): ChainScope[] {
  return (consent.index(spaceId)?.chainsOf(principal.did, now) ?? []).filter((c) => cmdReads(c.cmd) && purposeRefusal(c.purpose, op, false) === null)
}
