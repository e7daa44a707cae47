/**
 * Live page documents for the window, loaded on first use: Automerge's WebAssembly and
 * automerge-repo come in their own chunk (a dynamic import), so the first paint does not pay
 * for them. One repo per bridge, whoever asks: every view of a page shares one live document.
 *
 *   const docs = await openPageDocs(bridge)
 *   const handle = await docs.find(pageId)        // DocHandle<PageDoc>
 *   docs.writable(pageId)                         // false: show it read only
 */
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { PeerBridge } from './peer-bridge.ts'
import type { SyncTransport } from './peer-sync-adapter.ts'
import type { PageDocs } from './page-docs.ts'

export type { DocAccess, DocHandle, PageDoc, PageDocs } from './page-docs.ts'

const opened = new WeakMap<SyncTransport, Promise<PageDocs>>()

/** The window's live page documents; rejects with UNAVAILABLE when this bridge has no way to them (a test's stand-in). */
export function openPageDocs(bridge: Pick<PeerBridge, 'docSync'>): Promise<PageDocs> {
  const transport = bridge.docSync
  if (transport === undefined) return Promise.reject(new CommonweaveError(ErrorCode.Unavailable, 'Live pages cannot be opened here: this window has no link to the peer\'s documents.'))
  let docs = opened.get(transport)
  if (docs === undefined) {
    docs = (async () => {
      const { initAutomerge } = await import('./automerge-wasm.ts')
      await initAutomerge()
      const { startPageDocs } = await import('./page-docs.ts')
      return startPageDocs(transport)
    })()
    // A failed load (the wasm could not be fetched) is tried again by the next caller.
    docs.catch(() => opened.delete(transport))
    opened.set(transport, docs)
  }
  return docs
}
