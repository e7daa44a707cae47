/** The handler of search: one search across a space, over what the caller may read. */
import type { Principal } from '../../../../shared/api/peer-api.ts'
import type { PeerApiMethod } from '../../../../shared/api/operation.ts'
import type { SpaceId } from '../../../../shared/ids.ts'
import type { Consent } from '../../consent/consent.ts'
import { agentReader, type AgentReaderConsent } from '../../agents/agent-reader.ts'
import type { SearchIndex } from '../../domain/search-index.ts'
import type { Handlers } from '../call.ts'

export interface ReaderDeps {
  consent: AgentReaderConsent & Pick<Consent, 'mayRead'>
  /** This peer's peer id: the owner reads what this peer may read. */
  peerId: string
  /** The peer's clock, the one consent judges expiry by. */
  now: () => number
}

export interface SearchHandlerDeps extends ReaderDeps {
  index: Pick<SearchIndex, 'search'>
}

/**
 * Whether the caller may read a document of the space for `op`, by the same decision the sync
 * layer enforces: the owner acts as this peer (the sync layer's cached verdicts), an agent
 * under those of its chains whose purpose allows `op` (agents/agent-reader.ts). Every hit's
 * document passes it.
 */
export function readerOf(principal: Principal, d: ReaderDeps, spaceId: SpaceId, op: PeerApiMethod): (docId: string) => boolean {
  if (principal.kind === 'agent') return agentReader(d.consent, principal, spaceId, op, d.now())
  return (docId) => d.consent.mayRead(d.peerId, docId)
}

export function searchHandlers(d: SearchHandlerDeps): Pick<Handlers, 'search'> {
  return {
    search: async (ctx, { spaceId, query, limit, kinds }) =>
      d.index.search(spaceId, query, { ...(limit !== undefined ? { limit } : {}), ...(kinds ? { kinds } : {}), mayRead: readerOf(ctx.principal, d, spaceId, 'search') }),
  }
}
