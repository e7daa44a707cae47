/**
 * The one contract between the peer core and everything that drives it: the local HTTP API,
 * Electron IPC, the CLI and the tests all speak `PeerApi` and `PeerEvents`.
 */
import type { Did, PeerIdString, SpaceId, DocId } from '../ids.ts'
import type { ErrorData } from '../errors.ts'
import type { ResourcesApi } from './resources-api.ts'
import type { MembersApi } from './members-api.ts'
import type { BackupApi } from './backup-api.ts'
import type { DecisionsApi } from './decisions-api.ts'
import type { PagesApi, SearchApi } from './pages-api.ts'
import type { MapApi } from './map-api.ts'
import type { InsightApi } from './insight-api.ts'
import type { AgentsApi } from './agents-api.ts'
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
  /** Items from peers that fail their collection's schema: kept out of every list, counted here. */
  quarantined: number
  /** Spaces whose documents are damaged or missing here (each served from its last valid state). */
  damagedSpaces: number
  /** The data directory on the peer's machine: identity, documents, the API token. */
  dataDir: string
  /** Commonweave's version (package.json) that this peer runs. */
  version: string
  /** Reaching beyond the LAN: the community peer's relay. */
  relay: RelayStatus
}

export interface RelayStatus {
  /** This peer runs as the community peer (`start --community`): it relays for members. */
  community: boolean
  /** At a community peer: members holding a relay slot here now. */
  slots: number
  /** At a member: the community peers through which others can reach it (it holds a relay slot there), with their roster names. */
  via: Array<{ peerId: PeerIdString; name: string | null }>
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
  /** When it last sent us a sync message (documents or their heads), or null if it has not yet. */
  lastSyncAt?: string | null
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
  /**
   * When this peer holds no valid access (cmd `none`) but did: how the last of its grants here
   * ended, so that it reads "expired on DATE" or "revoked on DATE by NAME".
   */
  ended?: AccessEnded
}

export interface AccessEnded {
  reason: 'expired' | 'revoked'
  /** The grant's expiry, or the revocation's signed time. */
  at: string
  /** Who revoked it (revocations only). */
  by?: Did
  byName?: string | null
}

export interface SpaceSummary {
  spaceId: SpaceId
  name: string
  founder: Did
  role: SpaceRole
  members: number
  documents: DocId[]
  access: SpaceAccess
  /** Why the space is not whole on this peer (a document that fails its schema, or is missing), or null. */
  damaged?: { reason: string; since: string | null } | null
  /** A space this identity holds no grant in and never did (an export imported under another identity): a local copy. */
  localCopy?: boolean
  /**
   * Set when `name` is only what a granter said, in its code or hello (a guest never holds the
   * space's authority document): a hint, shown as such. A name from the authority document is
   * never replaced by one.
   */
  nameUnsigned?: true
}

export interface InviteResult {
  code: string
  spaceId: SpaceId
  expiresAt: string
  /** How many different people the code admits. */
  uses: number
}

export interface CreateSpaceInput { name: string }
export interface CreateInviteInput { spaceId: SpaceId; expiresInSeconds?: number; uses?: number }
export interface JoinInput { code: string; timeoutMs?: number }
export interface ListItemsInput { spaceId: SpaceId; collection: string; limit?: number; offset?: number; includeDeleted?: boolean }
export interface GetItemInput { spaceId: SpaceId; collection: string; itemId: string }
/** An item of any collection, as its collection's schema describes it. */
export interface CollectionItem { id: string; createdAt: string; updatedAt: string; deleted?: boolean; [field: string]: unknown }
export interface ItemPage {
  items: CollectionItem[]
  /** Items in the collection (tombstones only with includeDeleted), before paging. */
  total: number
  /** Documents of the collection the space lists that have not reached this peer yet. */
  syncing: number
}

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
export interface RevocationResult {
  grantId: string
  spaceId: SpaceId
  /** When the grant was revoked: the signed revocation's time (whole seconds). */
  revokedAt: string
  /** True when the grant had been revoked before this call: nothing new was signed. */
  alreadyRevoked?: boolean
  /** Who revoked it (for an earlier revocation, its issuer, not the caller). */
  revokedBy?: Did
  revokedByName?: string | null
}
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
  /** A call an agent made with its token (allowed, refused or failed): `did`, `name`, `op`, `outcome`. */
  AgentCall: 'agent-call',
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
  /** For `agent-call`: the agent's name, the operation and how it ended. */
  name?: string
  op?: string
  outcome?: 'ok' | 'refused' | 'failed'
}

export interface WhoAmI {
  did: Did
  peerId: PeerIdString
  name: string
  spaces: Array<Pick<SpaceSummary, 'spaceId' | 'name' | 'role' | 'access' | 'nameUnsigned'>>
}

/** What this peer is and whom it is connected to. */
export interface PeerInfoApi {
  status(): Promise<StatusInfo>
  whoami(): Promise<WhoAmI>
  peers(): Promise<PeerInfo[]>
}

/** Spaces: making, listing, inviting, joining. */
export interface SpacesApi {
  createSpace(input: CreateSpaceInput): Promise<SpaceSummary>
  listSpaces(): Promise<SpaceSummary[]>
  createInvite(input: CreateInviteInput): Promise<InviteResult>
  /** Resolves once the space's documents are held locally and flushed to disk. */
  joinSpace(input: JoinInput, signal?: AbortSignal): Promise<SpaceSummary>
}

/** Collections: the list and get every collection has (each collection's own operations are a feature of their own). */
export interface CollectionsApi {
  /** Items of any registered collection of a space, a page at a time. */
  listItems(input: ListItemsInput): Promise<ItemPage>
  /** One item of any registered collection, by id or a unique start of it. */
  getItem(input: GetItemInput): Promise<CollectionItem>
}

/** Consent: grants, revocations, who can see what, and the audit log. */
export interface ConsentApi {
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

/** The whole API, by feature. Every transport (HTTP, IPC, the CLI, tests) speaks it. */
export interface PeerApi extends PeerInfoApi, SpacesApi, MembersApi, CollectionsApi, ResourcesApi, DecisionsApi, PagesApi, SearchApi, MapApi, InsightApi, ConsentApi, AgentsApi, BackupApi {}

/** Who is calling: this peer's owner (the UI, the CLI, scripts with the API token), or an agent under its own grant. */
export type Principal = { kind: 'owner' } | { kind: 'agent'; did: Did; name: string }

/** What every call carries, so every transport passes the same permission check with its caller. */
export interface CallContext {
  principal: Principal
  signal: AbortSignal
}

export interface PeerEvents {
  'peer:connect': { peerId: PeerIdString; addr: string }
  'peer:disconnect': { peerId: PeerIdString }
  'space:changed': { spaceId: SpaceId }
  /** Items of a collection changed here, locally or from a peer (each registry entry raises this with its name). */
  'collection:changed': { spaceId: SpaceId; collection: string; ids: string[] }
  /** Progress of an export or import of a space: documents done of total. */
  'backup:progress': { spaceId: SpaceId; op: 'export' | 'import'; done: number; total: number }
  /** A proposal closed here: its scheduled close passed, or an early close by its author or an admin arrived. */
  'decision:closed': { spaceId: SpaceId; decisionId: string }
  /** Progress of the map metrics being computed for a space: steps done of total (a large map takes seconds). */
  'map:metrics-progress': { spaceId: SpaceId; done: number; total: number; step: string }
}
export type PeerEventName = keyof PeerEvents

/** A typed event source; every `on` returns its unsubscribe. */
export interface PeerEventSource {
  on<E extends PeerEventName>(event: E, listener: (payload: PeerEvents[E]) => void): () => void
}

/** How results cross IPC and HTTP: errors as data, because `ipcRenderer.invoke` keeps only the message. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ErrorData }
