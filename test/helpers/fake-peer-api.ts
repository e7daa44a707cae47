/**
 * A fake `PeerApi` for tests of what sits in front of the peer (the local API server, the HTTP
 * client): enough state to round-trip values, and inputs that trigger each failure path.
 */
import type {
  AuditEntry, GrantSummary, PeerApi, PeerEventName, PeerEvents, PeerEventSource, SpaceAccess, SpaceSummary,
} from '../../shared/api/peer-api.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { Did, PeerIdString, SpaceId } from '../../shared/ids.ts'
import type { ResourceView } from '../../shared/schemas/resource.ts'
import type { MemberSummary } from '../../shared/api/members-api.ts'
import type { MemberRole } from '../../shared/schemas/space.ts'
import { resourceEntry } from '../../shared/search/entries.ts'
import { SpaceSearch } from '../../shared/search/space-search.ts'

export const ME = 'did:key:z6Mkfake' as Did
export const BOB = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' as Did
const member = (did: string, name: string | null, role: MemberRole): MemberSummary => ({
  did: did as Did, name, role, status: 'member', grantExpires: role === 'founder' ? null : '2025-04-01T00:00:00.000Z', online: true, peerId: null, joinedAt: null,
})

export const FOUNDER_ACCESS: SpaceAccess = { cmd: '/', docs: ['*'], purpose: '*', expiresAt: null }
const NOW = Date.UTC(2025, 0, 1)
/** A well-formed grant id (base32 CIDv1) that the fake peer never issues. */
export const UNKNOWN_GRANT = `bafyrei${'z'.repeat(45)}`

/** What the fake does not model: the real peer's own tests cover it. */
const notInFake = async (): Promise<never> => {
  throw new CommonweaveError(ErrorCode.Internal, 'not modelled by the fake peer')
}

/** A fake peer: enough state to round-trip values, and codes that trigger each failure path. */
export function fakePeer() {
  const listeners = new Map<PeerEventName, Set<(p: unknown) => void>>()
  const events: PeerEventSource = {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener as (p: unknown) => void)
      return () => set.delete(listener as (p: unknown) => void)
    },
  }
  const fire = <E extends PeerEventName>(event: E, payload: PeerEvents[E]): void => {
    for (const l of listeners.get(event) ?? []) l(payload)
  }
  const subscribers = (): number => [...listeners.values()].reduce((n, s) => n + s.size, 0)
  const spaces: SpaceSummary[] = []
  const resources: ResourceView[] = []
  const hung: AbortSignal[] = []
  const grants: GrantSummary[] = []
  const log: AuditEntry[] = []
  const findSpace = (id: SpaceId): SpaceSummary => {
    const space = spaces.find((s) => s.spaceId === id)
    if (!space) throw new CommonweaveError(ErrorCode.SpaceNotFound, `no space ${id}`)
    return space
  }
  const findGrant = (grantId: string): GrantSummary => {
    const grant = grants.find((g) => g.grantId === grantId)
    if (!grant) throw new CommonweaveError(ErrorCode.GrantNotFound, `no grant ${grantId}`)
    return grant
  }
  const api: PeerApi = {
    status: async () => ({
      did: ME, peerId: '12D3KooWfake' as PeerIdString, name: 'ada', addrs: [], api: null,
      mdns: true, connections: 0, spaces: spaces.length, documents: 0, startedAt: '2025-01-01T00:00:00.000Z', quarantined: 0, damagedSpaces: 0, dataDir: '/tmp/fake-peer', version: '0.0.0-test', relay: { community: false, slots: 0, via: [] },
    }),
    peers: async () => [],
    listSpaces: async () => spaces,
    createSpace: async ({ name }) => {
      if (name === 'reserved') throw new CommonweaveError(ErrorCode.ValidationFailed, 'that name is reserved')
      if (name === 'explode') throw new Error('disk on fire')
      const space: SpaceSummary = { spaceId: `space${spaces.length + 1}` as SpaceId, name,
        founder: ME, role: 'founder', members: 1, documents: [], access: FOUNDER_ACCESS, damaged: null }
      spaces.push(space)
      return space
    },
    createInvite: async ({ spaceId, expiresInSeconds, uses }) => ({ uses: uses ?? 1,
      code: `cw1.${findSpace(spaceId).spaceId}`, spaceId, expiresAt: new Date(Date.UTC(2025, 0, 1) + (expiresInSeconds ?? 0) * 1000).toISOString(),
    }),
    joinSpace: async ({ code }, signal) => {
      if (code === 'cw1.expired') throw new CommonweaveError(ErrorCode.InviteExpired, 'the invite has expired')
      if (code !== 'cw1.hang' || !signal) return findSpace(code.slice(4) as SpaceId)
      hung.push(signal)
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new CommonweaveError(ErrorCode.Aborted, 'cancelled'))))
      throw new Error('unreachable')
    },
    addResource: async ({ spaceId, kind, title, description, tags }) => {
      findSpace(spaceId)
      const r: ResourceView = { id: `r${resources.length}`, kind, title, description: description ?? '', tags: tags ?? [], owner: ME, ownerName: 'ada',
        status: 'open', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', poolName: null, expired: false }
      resources.push(r)
      return r
    },
    listResources: async ({ spaceId }) => (findSpace(spaceId), { items: resources, total: resources.length, syncing: 0 }),
    getResource: async ({ spaceId, resourceId }) => {
      findSpace(spaceId)
      const r = resources.find((x) => x.id === resourceId)
      if (!r) throw new CommonweaveError(ErrorCode.NotFound, `no resource ${resourceId}`)
      return r
    },
    editResource: notInFake, deleteResource: notInFake, createPool: notInFake, listPools: notInFake,
    book: notInFake, listBookings: notInFake, cancelBooking: notInFake,
    proposeDecision: notInFake, listDecisions: notInFake, getDecision: notInFake, castStance: notInFake, closeDecision: notInFake, importDecisions: notInFake,
    // The real matching, over the fake's resources (one document, readable).
    search: async ({ spaceId, query, limit, kinds }) => {
      findSpace(spaceId)
      const index = new SpaceSearch()
      for (const r of resources) {
        const entry = resourceEntry(r, 'fake-shard')
        if (entry) index.set(entry)
      }
      return index.search(query, { ...(limit !== undefined ? { limit } : {}), ...(kinds ? { kinds } : {}), mayRead: () => true })
    },
    createPage: notInFake, listPages: notInFake, getPage: notInFake, editPage: notInFake, deletePage: notInFake, importPages: notInFake, pageHistory: notInFake, restorePage: notInFake,
    getMap: notInFake, getMapGraph: notInFake, getMapNode: notInFake, addMapNode: notInFake, editMapNode: notInFake, deleteMapNode: notInFake,
    addMapEdge: notInFake, deleteMapEdge: notInFake, importMap: notInFake, exportMap: notInFake, mapMetrics: notInFake,
    match: notInFake, gaps: notInFake, suggest: notInFake, health: notInFake,
    addAgent: notInFake, listAgents: notInFake, renewAgent: notInFake, revokeAgent: notInFake,
    listItems: async ({ spaceId, collection, limit, offset }) => {
      findSpace(spaceId)
      if (collection !== 'resources') throw new CommonweaveError(ErrorCode.NotFound, `no collection ${collection}`)
      const start = offset ?? 0
      return { items: resources.slice(start, limit === undefined ? undefined : start + limit), total: resources.length, syncing: 0 }
    },
    getItem: async ({ spaceId, collection, itemId }) => {
      findSpace(spaceId)
      const item = collection === 'resources' ? resources.find((r) => r.id === itemId) : undefined
      if (!item) throw new CommonweaveError(ErrorCode.NotFound, `no item ${itemId}`)
      return item
    },
    whoami: async () => ({
      did: ME, peerId: '12D3KooWfake' as PeerIdString, name: 'ada',
      spaces: spaces.map(({ spaceId, name, role, access }) => ({ spaceId, name, role, access })),
    }),
    createGrant: async ({ spaceId, to, cmd, docs, purpose, expiresInSeconds, note }) => {
      findSpace(spaceId)
      if (purpose === 'surveillance') throw new CommonweaveError(ErrorCode.PurposeUnknown, `no purpose "${purpose}"`)
      const grant: GrantSummary = {
        grantId: `bafyrei${'q'.repeat(45)}${String.fromCharCode(97 + grants.length)}`, spaceId,
        issuer: ME, issuerName: 'ada', audience: to, audienceName: null, cmd: `/doc/${cmd}`, docs, purpose,
        purposeLabel: purpose, notBefore: null, expiresAt: new Date(NOW + (expiresInSeconds ?? 86400) * 1000).toISOString(),
        delegation: 0, status: 'valid', problem: null, note: note ?? null, issuedAt: new Date(NOW).toISOString(),
      }
      grants.push(grant)
      log.push({ at: grant.issuedAt, kind: 'grant-issued', spaceId, did: to, grantId: grant.grantId, docs: [] })
      return { grant, code: `cwg1.${grant.grantId}` }
    },
    acceptGrant: async ({ code }) => {
      if (code === 'cwg1.expired') throw new CommonweaveError(ErrorCode.GrantExpired, 'the grant has expired')
      const grant = findGrant(code.slice(5))
      const { cmd, docs, purpose, expiresAt } = grant
      return { ...findSpace(grant.spaceId), role: 'guest', members: 0, access: { cmd, docs, purpose, expiresAt } }
    },
    revokeGrant: async ({ grantId }) => {
      const grant = findGrant(grantId)
      grant.status = 'revoked'
      grant.problem = { code: ErrorCode.GrantRevoked, message: 'revoked' }
      const revokedAt = new Date(NOW + 60_000).toISOString()
      log.push({ at: revokedAt, kind: 'grant-revoked', spaceId: grant.spaceId, grantId })
      return { grantId, spaceId: grant.spaceId, revokedAt }
    },
    listMembers: async ({ spaceId }) => (findSpace(spaceId), [member(ME, 'ada', 'founder')]),
    setMemberRole: async ({ spaceId, did, role }) => (findSpace(spaceId), member(did, null, role)),
    removeMember: async ({ spaceId, did }) => (findSpace(spaceId), { ...member(did, null, 'member'), status: 'removed', online: false, grantExpires: null }),
    leaveSpace: async ({ spaceId }) => {
      const space = findSpace(spaceId)
      spaces.splice(spaces.indexOf(space), 1)
      return { spaceId, name: space.name, leftAt: new Date(NOW).toISOString(), announced: true, revoked: 1, forgotten: 1 }
    },
    rename: async ({ name }) => ({ name, spaces: spaces.length }),
    exportSpace: async ({ spaceId, file }) => ({ file, spaceId, name: findSpace(spaceId).name, documents: 1, items: 0, bytes: 100 }),
    importSpace: async ({ file }) => {
      if (file.endsWith('.zip')) throw new CommonweaveError(ErrorCode.ArchiveInvalid, 'not an export')
      return { spaceId: 'space1' as SpaceId, name: 'Imported', documents: 1, merged: 0, member: true }
    },
    listGrants: async ({ spaceId }) => (findSpace(spaceId), grants.filter((g) => g.spaceId === spaceId)),
    audit: async ({ spaceId }) => (findSpace(spaceId), log.filter((e) => e.spaceId === spaceId)),
  }
  return { api, events, fire, subscribers, hung }
}
