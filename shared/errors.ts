/**
 * Errors carry a stable `code`; tests and callers check the code, never the message.
 * Across IPC, HTTP and the CLI they travel as data: `{ error: { code, message } }`.
 */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  ValidationFailed: 'VALIDATION_FAILED',
  NotFound: 'NOT_FOUND',
  SpaceNotFound: 'SPACE_NOT_FOUND',
  InviteInvalid: 'INVITE_INVALID',
  InviteExpired: 'INVITE_EXPIRED',
  InviteUsed: 'INVITE_USED',
  InviterUnreachable: 'INVITER_UNREACHABLE',
  NotMember: 'NOT_MEMBER',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  DataDirLocked: 'DATA_DIR_LOCKED',
  DataDirMissing: 'DATA_DIR_MISSING',
  // The identity file: missing where a peer's data is, unreadable, or locked with a passphrase.
  IdentityMissing: 'IDENTITY_MISSING',
  IdentityUnreadable: 'IDENTITY_UNREADABLE',
  PassphraseRequired: 'PASSPHRASE_REQUIRED',
  PassphraseWrong: 'PASSPHRASE_WRONG',
  /** A file of the data directory exists but cannot be read (a directory in its place, permissions, I/O error). */
  DataFileUnreadable: 'DATA_FILE_UNREADABLE',
  /** A file of the data directory holds what cannot be used and cannot be rebuilt. */
  DataFileDamaged: 'DATA_FILE_DAMAGED',
  /** The disk holding the data directory is full: the write was not made. */
  DiskFull: 'DISK_FULL',
  DaemonNotRunning: 'DAEMON_NOT_RUNNING',
  AddressInUse: 'ADDRESS_IN_USE',
  Timeout: 'TIMEOUT',
  Aborted: 'ABORTED',
  Internal: 'INTERNAL',
  /** What was asked for is not on this peer yet (a document still syncing). */
  Unavailable: 'UNAVAILABLE',
  /** An export file that is cut short, altered, of another format, or not one this version can read. */
  ArchiveInvalid: 'ARCHIVE_INVALID',
  // Consent grants: each names the rule a grant, chain or revocation failed.
  GrantMalformed: 'GRANT_MALFORMED',
  GrantTooLarge: 'GRANT_TOO_LARGE',
  NonCanonical: 'NON_CANONICAL',
  UnknownField: 'UNKNOWN_FIELD',
  BadKey: 'BAD_KEY',
  SignatureInvalid: 'SIGNATURE_INVALID',
  GrantExpired: 'GRANT_EXPIRED',
  GrantNotYetValid: 'GRANT_NOT_YET_VALID',
  ExpiryTooLong: 'EXPIRY_TOO_LONG',
  PurposeUnknown: 'PURPOSE_UNKNOWN',
  ChainTooLong: 'CHAIN_TOO_LONG',
  ChainMisaligned: 'CHAIN_MISALIGNED',
  WrongRoot: 'WRONG_ROOT',
  WrongAudience: 'WRONG_AUDIENCE',
  WrongSpace: 'WRONG_SPACE',
  NotDelegable: 'NOT_DELEGABLE',
  CmdEscalated: 'CMD_ESCALATED',
  DocsEscalated: 'DOCS_ESCALATED',
  PurposeEscalated: 'PURPOSE_ESCALATED',
  ExpiryExtended: 'EXPIRY_EXTENDED',
  GrantRevoked: 'GRANT_REVOKED',
  GrantNotFound: 'GRANT_NOT_FOUND',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export interface ErrorData {
  code: ErrorCode
  message: string
  /** Optional machine-readable details, e.g. the failing field paths of a validation error. */
  details?: unknown
}

export class CommonweaveError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'CommonweaveError'
    this.code = code
    if (details !== undefined) this.details = details
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode))

/** True for one of our error codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN_CODES.has(code)
}

/**
 * Any thrown value as error data, holding only `code`, `message` and `details`. Anything that
 * is not one of ours (a Node `ENOENT`, a plain Error) becomes INTERNAL, and no stack leaks.
 */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof CommonweaveError) return err.toData()
  if (!(err instanceof Error) && isErrorData(err)) {
    return err.details === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, details: err.details }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { code: ErrorCode.Internal, message }
}

/** True for `{code, message}` whose code is one of ours. */
export function isErrorData(value: unknown): value is ErrorData {
  return typeof value === 'object' && value !== null &&
    isErrorCode((value as ErrorData).code) &&
    typeof (value as ErrorData).message === 'string'
}
