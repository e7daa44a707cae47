/**
 * A page built like the app (the app's Vite config, its bridge, its lazily loaded live
 * documents) that does one thing: opens a page document through the browser bridge, so the
 * e2e test can check the wasm asset, the CSP and the sync path before the Knowledge view uses them.
 */
import '../../../renderer/zod-jitless.ts'
import { createBrowserBridge, tokenFromLocation } from '../../../renderer/bridge/peer-bridge.ts'
import { openPageDocs } from '../../../renderer/bridge/doc-sync.ts'

const token = tokenFromLocation()
if (token === null) throw new Error('open this page with #token=…')
const bridge = createBrowserBridge(token)

Object.assign(window, {
  __cwOpenPage: async (pageId: string) => {
    const docs = await openPageDocs(bridge)
    const handle = await docs.find(pageId, AbortSignal.timeout(15_000))
    // Titles are stored as single values (ImmutableString): String() reads them.
    return { title: String(handle.doc().title), writable: docs.writable(pageId) }
  },
})
document.body.dataset['ready'] = 'yes'
