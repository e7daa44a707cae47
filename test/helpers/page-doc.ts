/**
 * A page document made on a peer as shared/schemas/page.ts describes it, listed in its space's
 * index under `pages`, for tests of live page documents written before the peer's page store.
 */
import type { Peer } from '../../electron/peer/create-peer.ts'
import type { DocId, SpaceId } from '../../shared/ids.ts'
import { pages } from '../../shared/collections/pages.ts'
import { PAGE_DOC_TYPE, PAGE_SCHEMA_VERSION, type PageDoc } from '../../shared/schemas/page.ts'

export async function makePageDoc(peer: Peer, spaceId: SpaceId, title: string, text = ''): Promise<DocId> {
  const now = new Date().toISOString()
  const handle = peer.repo.create<PageDoc>({
    schemaVersion: PAGE_SCHEMA_VERSION, type: PAGE_DOC_TYPE, space: spaceId, title, tags: [], text,
    createdAt: now, createdBy: peer.identity.did, updatedAt: now,
  })
  const touched = peer.index.register(spaceId, pages.name, [handle.documentId])
  await peer.repo.flush([handle.documentId, ...touched])
  return handle.documentId as unknown as DocId
}
