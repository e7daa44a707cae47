/** Picks how this page reaches its peer: the Electron preload's IPC bridge, or the local API with the token from the link. */
import { createBrowserBridge, tokenFromLocation, type PeerBridge } from './peer-bridge.ts'

export function connectBridge(): PeerBridge | null {
  const token = tokenFromLocation()
  return token ? createBrowserBridge(token) : null
}
