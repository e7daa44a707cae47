/**
 * Asks for a document a space newly lists and this peer does not have. A member that hears of a
 * document before the index listing it has arrived refuses it (it is not yet in any space it
 * knows), and nothing offers it again; once the index is here, this asks the peers that may
 * have it. Documents already listed at first sight of a space are left alone: they came with the
 * join, and are loaded only when used. First sight is once the index shards the authority
 * document names are loaded (they list the rest), so a joined space's documents are not asked
 * for again one by one. While a catch-up of the space is under way (catch-up.ts), this waits
 * for it: what it brings is then on disk, and a document on disk is not asked for.
 */
import type { DocumentId, Repo } from '@automerge/automerge-repo'
import type { SpaceId } from '../../../shared/ids.ts'
import type { Consent } from '../consent/consent.ts'
import type { Logger } from '../log.ts'
import type { Membership } from './membership.ts'
import { findWithin } from '../sync/find-within.ts'

/** How long newly listed documents wait for a catch-up of their space before they are asked for one by one. */
const CATCH_UP_WAIT_MS = 15_000

export interface FetchIndexedDeps {
  /** Settles once the catch-ups of a space under way have stored what they brought; undefined if none is. */
  pending: (spaceId: SpaceId) => Promise<void> | undefined
  /** Whether a document is on disk here. */
  holds: (docId: string) => Promise<boolean>
}

export function fetchNewlyIndexed(repo: Repo, consent: Consent, membership: Pick<Membership, 'settled'>, log: Logger, d: FetchIndexedDeps): () => void {
  const seen = new Map<SpaceId, Set<string>>()
  const settling = new Set<SpaceId>()
  /** Spaces whose catch-up under way was waited for once already, in vain: not waited for again until it ends. */
  const waitedOut = new Set<SpaceId>()
  let stopped = false
  const check = (spaceId: SpaceId): void => {
    if (settling.has(spaceId)) return
    const known = seen.get(spaceId)
    if (!known) {
      // First sight: what the space lists once its index is loaded came with it.
      settling.add(spaceId)
      void membership.settled(spaceId).then(() => {
        settling.delete(spaceId)
        seen.set(spaceId, new Set(consent.spaces.docsOf(spaceId)))
        if (!stopped) check(spaceId)
      })
      return
    }
    const catchingUp = waitedOut.has(spaceId) ? undefined : d.pending(spaceId)
    if (catchingUp) {
      settling.add(spaceId)
      // Not for ever: a catch-up stalled on a peer that went silent must not hold every new document back.
      const late = new Promise<'late'>((r) => setTimeout(() => r('late'), CATCH_UP_WAIT_MS).unref?.())
      void Promise.race([catchingUp, late]).then((outcome) => {
        settling.delete(spaceId)
        if (outcome === 'late') {
          waitedOut.add(spaceId)
          void catchingUp.then(() => waitedOut.delete(spaceId))
        }
        if (!stopped) check(spaceId)
      })
      return
    }
    const docs = consent.spaces.docsOf(spaceId)
    seen.set(spaceId, new Set(docs))
    if (!consent.spaces.isMember(spaceId)) return
    for (const docId of docs) {
      if (known.has(docId) || repo.handles[docId as unknown as DocumentId]) continue
      void d.holds(docId).then((held) => (held || stopped ? undefined : findWithin(repo, docId, 60_000))).catch((err: unknown) => {
        if (!stopped) log.debug('a newly listed document is not available yet', { spaceId, docId, error: String(err) })
      })
    }
  }
  for (const id of consent.spaces.spaceIds()) check(id)
  const unsub = consent.onChange(check)
  return () => {
    stopped = true
    unsub()
  }
}
