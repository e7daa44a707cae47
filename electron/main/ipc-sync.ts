/**
 * Main's check of the window's live-documents frames (ipcRenderer.send, no answer): from our
 * window's main frame only (sender-check.ts), and a frame is a Uint8Array of at most
 * MAX_SYNC_FRAME_BYTES. Anything else is dropped here; the peer's window adapter checks each
 * frame's content again (electron/peer/sync/window-sync-adapter.ts).
 */
import { MAX_SYNC_FRAME_BYTES } from '../../shared/api/doc-sync-wire.ts'
import { isTrustedSender, type SenderFacts, type TrustedWindow } from './sender-check.ts'

export interface SyncCarrier {
  syncOpen(): void
  syncSend(frame: Uint8Array): void
}

export function openSync(sender: SenderFacts, ours: TrustedWindow, peer: SyncCarrier): boolean {
  if (!isTrustedSender(sender, ours)) return false
  peer.syncOpen()
  return true
}

export function carrySyncFrame(sender: SenderFacts, ours: TrustedWindow, frame: unknown, peer: SyncCarrier): boolean {
  if (!isTrustedSender(sender, ours)) return false
  if (!(frame instanceof Uint8Array) || frame.byteLength > MAX_SYNC_FRAME_BYTES) return false
  peer.syncSend(frame)
  return true
}
