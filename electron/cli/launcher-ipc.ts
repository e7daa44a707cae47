/**
 * The one message a launcher (`npm start`'s electron/launch.ts) sends the peer it started
 * over their IPC channel: "stop cleanly". Unlike a signal it is idempotent: however often it
 * comes, it is never the "second Ctrl+C" that stops the peer unsaved.
 */
export const STOP_MESSAGE = { type: 'commonweave-stop' } as const

export function isStopMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === STOP_MESSAGE.type
}
