/** The IPC channel names between the preload and main; the preload's bundle carries a copy. */
export const IPC_CHANNELS = {
  /** invoke(op, input) → ApiResult */
  call: 'commonweave:call',
  /** main → page: (event name, payload) */
  event: 'commonweave:event',
  /** main → page: whether the peer is running */
  connection: 'commonweave:connection',
  /** page → main: start a new live-documents session */
  syncOpen: 'commonweave:sync-open',
  /** page → main: one frame (Uint8Array) of the session */
  syncSend: 'commonweave:sync-send',
  /** main → page: one frame (Uint8Array), or null when the peer ended the session */
  syncFrame: 'commonweave:sync-frame',
} as const
