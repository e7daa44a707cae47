/**
 * What the editor binds to: a page's live Automerge document in this window (the bridge's
 * doc-sync keeps it in step with the peer, and through it with every other peer).
 */
import type { DocHandle } from '@automerge/automerge-repo/slim'
import type { PageDoc } from '../../../shared/schemas/page.ts'

export type LiveDoc = DocHandle<PageDoc>

/** Where live page documents come from (renderer/bridge/doc-sync.ts in the app; an in-memory repo in tests). */
export interface PageDocSource {
  find(pageId: string, signal?: AbortSignal): Promise<LiveDoc>
  /** Whether the peer lets this window change the page: undefined until it has said. */
  writable(pageId: string): boolean | undefined
  /** Called when what this window may do with a page changes (a grant given, revoked or expired). */
  onAccess(listener: (pageId: string, access: 'write' | 'read' | 'none') => void): () => void
}

/** A page's live document, and whether this window may change it, as the peer says now and later. */
export interface LivePage {
  handle: LiveDoc
  writable(): boolean | undefined
  onAccess(listener: (writable: boolean) => void): () => void
}
