/** The IPC channel names between the preload and main; the preload's bundle carries a copy. */
export const IPC_CHANNELS = {
  /** invoke(op, input) → ApiResult */
  call: 'commonweave:call',
  /** main → page: (event name, payload) */
  event: 'commonweave:event',
  /** main → page: whether the peer is running */
  connection: 'commonweave:connection',
} as const
