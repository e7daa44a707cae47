/**
 * The window's live page documents: an in-memory automerge-repo (no storage: the peer holds the
 * data) whose one peer is this app's peer, through `PeerSyncAdapter`. The Knowledge editor binds
 * to a handle from `find` (`@automerge/prosemirror`'s `init(handle, ['text'])`); what it types
 * reaches the peer, and from there the space's other peers, and theirs comes back the same way.
 *
 * Needs Automerge's WebAssembly initialised first (doc-sync.ts does that, lazily); in Node the
 * peer's own import of Automerge has done it.
 */
import { Repo, isValidDocumentId } from '@automerge/automerge-repo/slim'
import type { DocHandle, DocumentId, PeerId } from '@automerge/automerge-repo/slim'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { DocAccess } from '../../shared/api/doc-sync-wire.ts'
import type { PageDoc } from '../../shared/schemas/page.ts'
import { PeerSyncAdapter, type SyncTransport } from './peer-sync-adapter.ts'

export type { DocAccess, DocHandle, PageDoc }

export interface PageDocs {
  /**
   * The live document of a page, by its id (the page's document id), once the peer has sent
   * it. Rejects with NOT_FOUND when the peer has no such page or may not read it here (only
   * pages sync to a window), BAD_REQUEST for an id that is not a document id, ABORTED on `signal`.
   */
  find(pageId: string, signal?: AbortSignal): Promise<DocHandle<PageDoc>>
  /** Whether this peer may change the page: true, false (read only: show it so), undefined until the peer has said (it says before the document arrives). */
  writable(pageId: string): boolean | undefined
  /** Called whenever what this window may do with a page changes (a grant given, revoked or expired). */
  onAccess(listener: (pageId: string, access: DocAccess) => void): () => void
  /** Whether the live link to the peer is up now (edits made while it is down are sent when it is back). */
  online(): boolean
  onOnline(listener: (online: boolean) => void): () => void
  /** Ends the link and forgets every document (what was synced is on the peer). */
  close(): void
}

/** Starts the window's repo over `transport`. Call it once per window (doc-sync.ts keeps one). */
export function startPageDocs(transport: SyncTransport): PageDocs {
  const adapter = new PeerSyncAdapter(transport)
  const repo = new Repo({
    peerId: `ui-window-${randomHex()}` as PeerId,
    network: [adapter],
    isEphemeral: true,
    // Its one peer is its own peer: everything it holds goes there.
    shareConfig: { announce: async () => true, access: async () => true },
  })
  const whenOnline = (signal?: AbortSignal): Promise<void> => {
    if (adapter.online) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const onAbort = (): void => { off(); reject(aborted()) }
      const off = adapter.onOnline((up) => {
        if (!up) return
        off()
        signal?.removeEventListener('abort', onAbort)
        resolve()
      })
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }
  return {
    async find(pageId, signal) {
      if (!isValidDocumentId(pageId)) throw new CommonweaveError(ErrorCode.BadRequest, `"${pageId.slice(0, 60)}" is not a page id (a page's id is its document id)`)
      if (signal?.aborted) throw aborted()
      await whenOnline(signal)
      const id = pageId as DocumentId
      try {
        return await repo.find<PageDoc>(id, signal ? { signal } : {})
      } catch (err) {
        if (signal?.aborted) throw aborted()
        // Forgotten, so that the next find asks the peer again (the page may have synced since).
        await repo.removeFromCache(id).catch(() => {})
        throw new CommonweaveError(ErrorCode.NotFound,
          'This page is not on this peer, or it may not be opened here: it may still be syncing from the space\'s other peers, or your access to it has ended. Try again in a moment.',
          { pageId, cause: err instanceof Error ? err.message : String(err) })
      }
    },
    writable(pageId) {
      const access = adapter.access(pageId)
      return access === undefined ? undefined : access === 'write'
    },
    onAccess: (listener) => adapter.onAccess(listener),
    online: () => adapter.online,
    onOnline: (listener) => adapter.onOnline(listener),
    close() {
      void repo.shutdown().catch(() => {})
    },
  }
}

function aborted(): CommonweaveError {
  return new CommonweaveError(ErrorCode.Aborted, 'Opening the page was cancelled.')
}

function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
