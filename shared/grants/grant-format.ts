/**
 * The grant and revocation formats, shaped like UCAN 1.0 delegations so that real UCAN interop
 * stays a small step.
 *
 * An envelope is the DAG-CBOR array `[signature, sigPayload]`, and `sigPayload` is the map
 * `{h: VARSIG_HEADER, "<tag>": payload}`. The tag (`cw/grant@1` or `cw/revoke@1`) names the
 * format and its version inside the signed bytes, so a signature over one kind can never be
 * read as the other. The signature covers the canonical DAG-CBOR bytes of `sigPayload`.
 *
 * The id of a grant or revocation is the CIDv1 (dag-cbor, sha2-256) of its whole envelope.
 */
import type { Did } from '../ids.ts'

export const GRANT_TAG = 'cw/grant@1'
export const REVOCATION_TAG = 'cw/revoke@1'
/** varsig v1 header: Ed25519 signature over DAG-CBOR bytes (as UCAN 1.0 writes it). */
export const VARSIG_HEADER = Uint8Array.of(0x34, 0xed, 0x01, 0xed, 0x01, 0x13, 0x71)

/** Caps: anything larger or longer is refused before its signature is even checked. */
export const MAX_ENVELOPE_BYTES = 4096
export const MAX_CHAIN_LENGTH = 5
export const MAX_DELEGATION_DEPTH = 4
export const MAX_DOCS = 32
export const MAX_DOC_REF_LENGTH = 128
export const MAX_NOTE_BYTES = 1000
export const MAX_AFTER_HEADS = 64
export const NONCE_BYTES = { min: 12, max: 32 } as const
/** Clock difference allowed between issuer and verifier, for `nbf` only: `exp` is never stretched. */
export const CLOCK_SKEW_SECONDS = 60

/** The whole space: every collection and the authority document. */
export const ALL_DOCS = '*'

export const Cmd = {
  /** Everything, including granting and revoking: an admin's grant. */
  All: '/',
  Read: '/doc/read',
  /** Write includes read. */
  Write: '/doc/write',
  Revoke: '/grant/revoke',
  Agent: '/api/agent',
} as const

const DAY = 86_400
/** How long a grant may last, by what it allows: admins a year, members 90 days (renewed), agents a day. */
export function maxLifetimeSeconds(cmd: string): number {
  if (cmd === Cmd.All) return 365 * DAY
  if (cmd === Cmd.Agent || cmd.startsWith(Cmd.Agent + '/')) return DAY
  return 90 * DAY
}

/** Whether a command is one this version knows (an unknown command is refused, never ignored). */
export function isKnownCmd(cmd: string): boolean {
  if (cmd === Cmd.All || cmd === Cmd.Read || cmd === Cmd.Write || cmd === Cmd.Revoke || cmd === Cmd.Agent) return true
  return cmd.startsWith(Cmd.Agent + '/') && /^\/api\/agent(\/[a-z0-9-]{1,32}){1,4}$/.test(cmd)
}

/** True when a grant of `parent` may be narrowed to `child`. Write covers read; `/` covers all. */
export function cmdCovers(parent: string, child: string): boolean {
  if (parent === Cmd.All || parent === child) return true
  if (parent === Cmd.Write && child === Cmd.Read) return true
  return child.startsWith(parent + '/')
}

/** True when a `cmd` lets its holder read documents. */
export function cmdReads(cmd: string): boolean {
  return cmd === Cmd.All || cmd === Cmd.Read || cmd === Cmd.Write
}

/** True when a `cmd` lets its holder change documents. */
export function cmdWrites(cmd: string): boolean {
  return cmd === Cmd.All || cmd === Cmd.Write
}

/** True when every document reference of `child` is one of `parent`'s, or `parent` holds the whole space. */
export function docsCover(parent: readonly string[], child: readonly string[]): boolean {
  if (parent.includes(ALL_DOCS)) return true
  return child.every((d) => parent.includes(d))
}

export interface GrantPolicy {
  /** Collection names (`resources`), document ids, or `*` for the whole space. */
  docs: string[]
  /** An id from the purpose list. */
  purpose: string
}

export interface GrantMeta {
  /** The human consent text. It grants nothing. */
  note?: string
}

/** The payload of a grant, as signed. Times are integer seconds since the epoch. */
export interface GrantPayload {
  iss: Did
  aud: Did
  /** The space: the id of its authority document. */
  sub: string
  cmd: string
  pol: GrantPolicy
  nbf: number
  exp: number
  nonce: Uint8Array
  /** Remaining delegation depth: 0 means the audience may not delegate further. */
  dlg: number
  meta?: GrantMeta
}

/** The payload of a revocation. Revocations are grow-only and cannot be undone. */
export interface RevocationPayload {
  iss: Did
  sub: string
  /** The id of the grant revoked. */
  target: string
  /** Heads of the space's authority document when the revocation was made. */
  afterHeads: string[]
  iat: number
  nonce: Uint8Array
}

/** A decoded, canonical, well-formed envelope. Its signature is checked separately. */
export interface Signed<P> {
  id: string
  bytes: Uint8Array
  payload: P
  signature: Uint8Array
  /** The exact bytes the signature covers. */
  signedBytes: Uint8Array
  issuerKey: Uint8Array
}

export type Grant = Signed<GrantPayload>
export type Revocation = Signed<RevocationPayload>
