/**
 * Who may call the peer over IPC: only the main frame of our own window, showing a page of
 * the app's own origin. A subframe, a page navigated elsewhere (it cannot be, but this is the
 * check that does not trust that), another webContents (a devtools page, a future window), or
 * one that is gone are all refused.
 */
import { isAppUrl } from './app-protocol.ts'

/** What main knows of the sender of an IPC message, read off the event (see senderFacts in ipc-handlers.ts). */
export interface SenderFacts {
  /** The webContents' id, or null when it is gone. */
  contentsId: number | null
  destroyed: boolean
  /** The sending frame, or null when it has navigated away or been destroyed. */
  frame: { url: string; isMainFrame: boolean } | null
}

export interface TrustedWindow {
  /** Our window's webContents id; null while there is no window. */
  contentsId: number | null
}

export function isTrustedSender(sender: SenderFacts, ours: TrustedWindow): boolean {
  if (sender.destroyed || sender.contentsId === null || ours.contentsId === null) return false
  if (sender.contentsId !== ours.contentsId) return false
  if (!sender.frame || !sender.frame.isMainFrame) return false
  return isAppUrl(sender.frame.url)
}
