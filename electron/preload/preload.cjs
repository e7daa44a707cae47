// The preload bridge. The UI reaches the peer over its local API (token-protected, 127.0.0.1),
// so for now the bridge exposes only what the page cannot know itself. contextIsolation and
// sandbox are on; nothing else of Electron or Node is reachable from the page.
const { contextBridge } = require('electron')

contextBridge.exposeInMainWorld('commonweave', Object.freeze({
  shell: 'electron',
  versions: Object.freeze({ electron: process.versions.electron, chrome: process.versions.chrome }),
}))
