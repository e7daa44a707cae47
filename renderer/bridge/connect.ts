/** Picks how this page reaches its peer: the Electron preload's IPC bridge, or the local API with the token from the link. */
import { createIpcBridge, electronApi } from './ipc-bridge.ts'
import { createBrowserBridge, tokenFromLocation, type PeerBridge } from './peer-bridge.ts'

export function connectBridge(): PeerBridge | null {
  const electron = electronApi()
  if (electron) return createIpcBridge(electron)
  const token = tokenFromLocation()
  return token ? createBrowserBridge(token) : null
}
