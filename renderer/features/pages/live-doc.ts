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
}
