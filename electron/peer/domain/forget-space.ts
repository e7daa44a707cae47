/**
 * Leaving a space, on this machine: the space is no longer loaded, shared or accepted, and its
 * documents are removed from the disk. And a wait for a member's peer to take a change before that.
 *
 * Invariants:
 * - consent forgets the space first, so nothing of it is sent or taken while it is being removed;
 * - only documents this space owns are removed (one another space here also lists stays);
 * - local state records that the space was left, so that nothing loads it at the next start.
 */
import * as Automerge from '@automerge/automerge'
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import type { SpaceId } from '../../../shared/ids.ts'
import type { Consent } from '../consent/consent.ts'
import type { PeerNode } from '../net/create-libp2p-node.ts'
import type { CollectionStore } from './collection-store.ts'
import type { LocalState } from './local-state.ts'
import type { Membership } from './membership.ts'
import type { SpaceCache } from './space-cache.ts'

export interface ForgetDeps {
  repo: Repo
  node: PeerNode
  state: LocalState
  consent: Consent
  membership: Membership
  cache: SpaceCache
  store: CollectionStore
  /** Removes a document's files (every chunk under its id) and drops later saves of it; resolves once they are gone. */
  removeDoc: (docId: string) => Promise<void>
}

/** Forgets a space here; answers how many documents were removed. */
export async function forgetSpace(d: ForgetDeps, spaceId: SpaceId, at: string): Promise<number> {
  const owned: string[] = d.consent.spaces.docsOf(spaceId).filter((id) => d.consent.spaces.ownerOf(id) === spaceId)
  if (!owned.includes(spaceId)) owned.push(spaceId)
  await d.state.removeSpace(spaceId, at)
  d.consent.forgetSpace(spaceId)
  d.membership.forget(spaceId)
  d.store.forgetSpace(spaceId)
  await d.cache.remove(spaceId)
  // Another space here may list the same document: it stays for that one.
  const gone = owned.filter((id) => !d.consent.spaces.isIndexed(id))
  for (const docId of gone) {
    // The files first (saves under way land, later ones are dropped), then the repo's handle:
    // its own removal then finds nothing being written under it.
    await d.removeDoc(docId)
    if (d.repo.handles[docId as DocumentId]) d.repo.delete(docId as DocumentId)
  }
  return gone.length
}

/**
 * Makes a change with `change`, then resolves true once one of `peers()` reports holding every
 * change the document then has (or more), false when none does within `timeoutMs` or none is
 * connected. Peers' reports are followed from before the change: an answer can come back
 * while the change is still being flushed.
 */
export async function changeUntilAPeerHas(repo: Repo, handle: DocHandle<unknown>, change: () => Promise<void>, peers: () => string[], timeoutMs: number): Promise<boolean> {
  const theirs = new Map<string, Set<string>>()
  let check = (): void => {}
  const onState = (e: { peerId: string; documentId: string; syncState: { theirHeads?: string[] | null; sharedHeads?: string[] } }): void => {
    if (e.documentId !== handle.documentId) return
    theirs.set(e.peerId, new Set([...(e.syncState.theirHeads ?? []), ...(e.syncState.sharedHeads ?? [])]))
    check()
  }
  repo.synchronizer.on('sync-state', onState as never)
  try {
    await change()
    const wanted = new Set(peers())
    if (wanted.size === 0) return false
    const want = Automerge.getHeads(handle.doc() as Automerge.Doc<unknown>)
    const has = (): boolean => [...theirs].some(([peer, heads]) => wanted.has(peer) && want.every((h) => heads.has(h)))
    if (has()) return true
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs)
      check = () => { if (has()) { clearTimeout(timer); resolve(true) } }
    })
  } finally {
    repo.synchronizer.off('sync-state', onState as never)
  }
}
