import { ProtocolError } from './protocol-error.ts'

/** How a remote broke the sync protocol; its link is aborted with a SyncProtocolError carrying one of these codes. */
export const SyncErrorCode = {
  CborInvalid: 'CBOR_INVALID',
  HandshakeInvalid: 'HANDSHAKE_INVALID',
  HandshakeTimeout: 'HANDSHAKE_TIMEOUT',
  PeerIdMismatch: 'PEER_ID_MISMATCH',
  PeerIdConflict: 'PEER_ID_CONFLICT',
  MessageInvalid: 'MESSAGE_INVALID',
  UnexpectedData: 'UNEXPECTED_DATA',
  SendQueueOverflow: 'SEND_QUEUE_OVERFLOW',
} as const
export type SyncErrorCode = (typeof SyncErrorCode)[keyof typeof SyncErrorCode]

/** A remote broke the sync protocol (or outran our queue); its link is aborted with this error. */
export class SyncProtocolError extends ProtocolError<SyncErrorCode> {}
