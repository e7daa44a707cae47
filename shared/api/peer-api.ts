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

export interface SpaceSummary {
  spaceId: SpaceId
  name: string
  founder: Did
  role: MemberRole
  members: number
  documents: DocId[]
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

export interface PeerApi {
  status(): Promise<StatusInfo>
  peers(): Promise<PeerInfo[]>
  createSpace(input: CreateSpaceInput): Promise<SpaceSummary>
  listSpaces(): Promise<SpaceSummary[]>
  createInvite(input: CreateInviteInput): Promise<InviteResult>
  /** Resolves once the space's documents are held locally and flushed to disk. */
  joinSpace(input: JoinInput, signal?: AbortSignal): Promise<SpaceSummary>
  /** Resolves only after the new resource is flushed to disk. */
  addResource(input: AddResourceInput): Promise<Resource>
  listResources(input: ListResourcesInput): Promise<Resource[]>
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
