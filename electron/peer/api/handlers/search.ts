/** The handler of search: one search across a space, over what the caller may read. */
import type { Principal } from '../../../../shared/api/peer-api.ts'
import type { Did } from '../../../../shared/ids.ts'
import type { Consent } from '../../consent/consent.ts'
import type { SearchIndex } from '../../domain/search-index.ts'
import type { Handlers } from '../call.ts'

export interface SearchHandlerDeps {
  index: Pick<SearchIndex, 'search'>
  consent: Pick<Consent, 'allows' | 'mayRead'>
  /** This peer's peer id: the owner reads what this peer may read. */
  peerId: string
}

/**
 * Whether the caller may read a document, by the same decision the sync layer enforces: the
 * owner acts as this peer (the sync layer's cached verdicts), an agent under its own grant
 * (its did). Every hit's document passes it.
 */
export function readerOf(principal: Principal, d: Pick<SearchHandlerDeps, 'consent' | 'peerId'>): (docId: string) => boolean {
  if (principal.kind === 'agent') {
    const did: Did = principal.did
    return (docId) => d.consent.allows(did, 'read', docId)
  }
  return (docId) => d.consent.mayRead(d.peerId, docId)
}

export function searchHandlers(d: SearchHandlerDeps): Pick<Handlers, 'search'> {
  return {
    search: async (ctx, { spaceId, query, limit, kinds }) =>
      d.index.search(spaceId, query, { ...(limit !== undefined ? { limit } : {}), ...(kinds ? { kinds } : {}), mayRead: readerOf(ctx.principal, d) }),
  }
}
