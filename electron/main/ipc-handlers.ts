/**
 * Main's answer to one call from the page: who sent it is checked first (sender-check.ts),
 * then the call itself (ipc-call.ts), and only then does it go to the peer. Every refusal and
 * failure is error data; nothing here throws back across IPC (ipcRenderer.invoke would keep
 * only an Error's message).
 */
import type { IpcMainInvokeEvent } from 'electron'
import { ErrorCode } from '../../shared/errors.ts'
import type { ApiResult } from '../../shared/api/peer-api.ts'
import { checkCall } from './ipc-call.ts'
import { refuseFile } from './ipc-files.ts'
import { isTrustedSender, type SenderFacts, type TrustedWindow } from './sender-check.ts'

export interface PeerCaller {
  call(op: string, input: unknown): Promise<ApiResult<unknown>>
}

/** What sender-check.ts needs, read off Electron's event (senderFrame is null once the frame is gone). */
export function senderFacts(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): SenderFacts {
  const contents = event.sender
  const destroyed = contents.isDestroyed()
  const frame = event.senderFrame
  let facts: SenderFacts['frame'] = null
  try {
    // A frame without a parent is its webContents' main frame; which webContents is checked by id.
    if (frame && !frame.isDestroyed() && !frame.detached) facts = { url: frame.url, isMainFrame: frame.parent === null }
  } catch {
    // a frame torn down while being read: treated as gone
  }
  return { contentsId: destroyed ? null : contents.id, destroyed, frame: facts }
}

export async function answerCall(sender: SenderFacts, ours: TrustedWindow, op: unknown, input: unknown, peer: PeerCaller, dataDir: string): Promise<ApiResult<unknown>> {
  if (!isTrustedSender(sender, ours)) {
    return { ok: false, error: { code: ErrorCode.Forbidden, message: 'Only the Commonweave window may call the peer.' } }
  }
  const checked = checkCall(op, input)
  if (!checked.ok) return checked
  const refused = refuseFile(checked.op, checked.input, dataDir)
  if (refused) return { ok: false, error: refused }
  try {
    return await peer.call(checked.op, checked.input)
  } catch (err) {
    return { ok: false, error: { code: ErrorCode.Internal, message: (err as Error).message } }
  }
}
