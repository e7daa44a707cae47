/**
 * The one contract between the peer core and everything that drives it: the local HTTP API,
 * Electron IPC, the CLI and the tests all speak `PeerApi` and `PeerEvents`.
 */
import type { Did, PeerIdString, SpaceId, DocId } from '../ids.ts'
import type { ErrorData } from '../errors.ts'
import type { Resource, ResourceInput } from '../schemas/resource.ts'
import type { MemberRole } from '../schemas/space.ts'

export interface StatusInfo {
  did: Did
  peerId: PeerIdString
  name: string
  addrs: string[]
  api: string | null
  mdns: boolean
  connections: number
  spaces: number
  documents: number
  startedAt: string
}

export const PeerLink = { Lan: 'lan', Direct: 'direct', Relay: 'relay' } as const
export type PeerLink = (typeof PeerLink)[keyof typeof PeerLink]

export interface PeerInfo {
  peerId: PeerIdString
  did: Did
  /** The name this peer goes by on the roster of a space we share, if any. */
  name: string | null
  addr: string
  direction: 'inbound' | 'outbound'
  link: PeerLink
  since: string
  /** Spaces this peer shares with us (by roster). */
  spaces: SpaceId[]
}

/** A member's role, or `guest` for a peer outside the space that holds a grant to part of it. */
export type SpaceRole = MemberRole | 'guest'

/** What this peer may do in a space, and until when (null: the founder's own, unending authority). */
export interface SpaceAccess {
  cmd: string
  docs: string[]
  purpose: string
  expiresAt: string | null
}

export interface SpaceSummary {
  spaceId: SpaceId
  name: string
  founder: Did
  role: SpaceRole
  members: number
  documents: DocId[]
  access: SpaceAccess
}

export interface InviteResult {
  code: string
  spaceId: SpaceId
  expiresAt: string
}

export interface CreateSpaceInput { name: string }
export interface CreateInviteInput { spaceId: SpaceId; expiresInSeconds?: number }
export interface JoinInput { code: string; timeoutMs?: number }
export interface AddResourceInput extends ResourceInput { spaceId: SpaceId }
export interface ListResourcesInput { spaceId: SpaceId }

/** A grant's standing, as this peer judges it now. */
export const GrantStatus = {
  Valid: 'valid', Expired: 'expired', Revoked: 'revoked', NotYetValid: 'not-yet-valid', Invalid: 'invalid',
} as const
export type GrantStatus = (typeof GrantStatus)[keyof typeof GrantStatus]

/** One grant, in words a person can check: who may do what, with which documents, why, until when. */
export interface GrantSummary {
  grantId: string
  spaceId: SpaceId
  issuer: Did
  issuerName: string | null
  audience: Did
  audienceName: string | null
  /** `/doc/read`, `/doc/write`, `/` (an admin's) … */
  cmd: string
  /** Collection names or document ids, as granted; `*` is the whole space. */
  docs: string[]
  purpose: string
  purposeLabel: string
  notBefore: string | null
  expiresAt: string
  /** How many further links of delegation this grant allows. */
  delegation: number
  status: GrantStatus
  /** Why it is not valid, when it is not. */
  problem: ErrorData | null
  /** The human consent text the issuer attached. It grants nothing. */
  note: string | null
  issuedAt: string
}

export interface CreateGrantInput {
  spaceId: SpaceId
  to: Did
  cmd: 'read' | 'write'
  docs: string[]
  purpose: string
  expiresInSeconds?: number
  note?: string
}
export interface GrantResult {
  grant: GrantSummary
  /** The grant with its proof chain and the granter's addresses, for an audience off this LAN. */
  code: string
}
export interface AcceptGrantInput { code: string }
export interface RevokeGrantInput { grantId: string }
export interface RevocationResult { grantId: string; spaceId: SpaceId; revokedAt: string }
export interface ListGrantsInput { spaceId: SpaceId }
export interface AuditInput { spaceId: SpaceId }

export const AuditKind = {
  GrantIssued: 'grant-issued',
  GrantReceived: 'grant-received',
  GrantRevoked: 'grant-revoked',
  RevocationReceived: 'revocation-received',
  DocsSent: 'docs-sent',
  RequestRefused: 'request-refused',
  WriteDropped: 'write-dropped',
  ConnectionRefused: 'connection-refused',
  ConnectionClosed: 'connection-closed',
} as const
export type AuditKind = (typeof AuditKind)[keyof typeof AuditKind]

/** One line of the local, append-only audit log. */
export interface AuditEntry {
  at: string
  kind: AuditKind
  spaceId: SpaceId | null
  peer?: PeerIdString
  did?: Did
  grantId?: string
  docs?: DocId[]
  /** For `docs-sent`: sync messages sent on that connection for those documents. */
  count?: number
  detail?: string
}

export interface WhoAmI {
  did: Did
  peerId: PeerIdString
  name: string
  spaces: Array<{ spaceId: SpaceId; name: string; role: SpaceRole; access: SpaceAccess }>
}

export interface PeerApi {
  status(): Promise<StatusInfo>
  whoami(): Promise<WhoAmI>
  peers(): Promise<PeerInfo[]>
  createSpace(input: CreateSpaceInput): Promise<SpaceSummary>
  listSpaces(): Promise<SpaceSummary[]>
  createInvite(input: CreateInviteInput): Promise<InviteResult>
  /** Resolves once the space's documents are held locally and flushed to disk. */
  joinSpace(input: JoinInput, signal?: AbortSignal): Promise<SpaceSummary>
  /** Resolves only after the new resource is flushed to disk. */
  addResource(input: AddResourceInput): Promise<Resource>
  listResources(input: ListResourcesInput): Promise<Resource[]>
  /** Signs a grant (read or write on some of a space's documents, for a purpose, until a date) and stores it in the space. */
  createGrant(input: CreateGrantInput): Promise<GrantResult>
  /** Stores a grant received as a code and dials its granter. */
  acceptGrant(input: AcceptGrantInput): Promise<SpaceSummary>
  /** Signs a revocation; it takes effect here at once and reaches connected peers first of all. */
  revokeGrant(input: RevokeGrantInput): Promise<RevocationResult>
  /** Who can see what in a space, why, and until when. */
  listGrants(input: ListGrantsInput): Promise<GrantSummary[]>
  /** This peer's audit log for one space, oldest first. */
  audit(input: AuditInput): Promise<AuditEntry[]>
}

export interface PeerEvents {
  'peer:connect': { peerId: PeerIdString; addr: string }
  'peer:disconnect': { peerId: PeerIdString }
  'space:changed': { spaceId: SpaceId }
  'resources:changed': { spaceId: SpaceId }
}
export type PeerEventName = keyof PeerEvents

/** A typed event source; every `on` returns its unsubscribe. */
export interface PeerEventSource {
  on<E extends PeerEventName>(event: E, listener: (payload: PeerEvents[E]) => void): () => void
}

/** How results cross IPC and HTTP: errors as data, because `ipcRenderer.invoke` keeps only the message. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ErrorData }
