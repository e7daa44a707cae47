/**
 * Spaces: create one, list them, summarise one. A space is an authority document (name,
 * founder, roster, index of collections) plus its collection documents; its id is the
 * authority document's id.
 */
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { DocId, SpaceId } from '../../../shared/ids.ts'
import type { SpaceAccess, SpaceRole, SpaceSummary } from '../../../shared/api/peer-api.ts'
import {
  MemberRole, SPACE_SCHEMA_VERSION, SpaceNameSchema, type AuthorityDoc, type ResourcesDoc,
} from '../../../shared/schemas/space.ts'
import type { Identity } from '../identity/identity.ts'
import type { LocalState } from './local-state.ts'
import type { Membership } from './membership.ts'

export interface SpacesDeps {
  repo: Repo
  identity: Identity
  state: LocalState
  membership: Membership
  now: () => number
  /** This peer's role and access in a space, from its grants. */
  standing: (spaceId: SpaceId) => { role: SpaceRole; access: SpaceAccess }
}

export class Spaces {
  readonly #d: SpacesDeps
  constructor(deps: SpacesDeps) {
    this.#d = deps
  }

  /** Loads every space this peer is in and hands its authority document to membership. */
  async loadAll(log: (msg: string, data: Record<string, unknown>) => void): Promise<void> {
    // One damaged or missing space must not keep the peer (and every other space) from starting.
    await Promise.all(this.#d.state.spaces.map(async (id) => {
      try {
        const handle = await this.#d.repo.find<AuthorityDoc>(id as unknown as DocumentId, { signal: AbortSignal.timeout(30_000) })
        this.#d.membership.track(id, handle)
      } catch (err) {
        log('a space could not be loaded; it is skipped until the next start', { spaceId: id, error: String(err) })
      }
    }))
  }

  async create(name: unknown): Promise<SpaceSummary> {
    const parsed = SpaceNameSchema.safeParse(name)
    if (!parsed.success) throw new CommonweaveError(ErrorCode.ValidationFailed, parsed.error.issues[0]?.message ?? 'bad name')
    const { repo, identity } = this.#d
    const createdAt = new Date(this.#d.now()).toISOString()
    const authority = repo.create<AuthorityDoc>({
      schemaVersion: SPACE_SCHEMA_VERSION,
      type: 'space-authority',
      name: parsed.data,
      founder: identity.did,
      createdAt,
      roster: {
        [identity.did]: { did: identity.did, peerId: identity.peerIdString, name: identity.name, role: MemberRole.Founder, joinedAt: createdAt },
      },
      collections: {},
    })
    const spaceId = authority.documentId as unknown as SpaceId
    const resources = repo.create<ResourcesDoc>({ schemaVersion: SPACE_SCHEMA_VERSION, type: 'resources', space: spaceId, items: {} })
    authority.change((d) => {
      d.collections['resources'] = [resources.documentId]
    })
    await repo.flush([authority.documentId, resources.documentId])
    await this.#d.state.pinRoot(spaceId, identity.did)
    await this.#d.state.addSpace(spaceId)
    this.#d.membership.track(spaceId, authority)
    return this.summary(spaceId)
  }

  list(): SpaceSummary[] {
    return this.#d.membership.spaceIds().flatMap((id) => {
      try {
        return [this.summary(id)]
      } catch {
        return []
      }
    })
  }

  summary(spaceId: SpaceId): SpaceSummary {
    const { membership } = this.#d
    const doc = membership.authority(spaceId)
    const guest = membership.guest(spaceId)
    const root = membership.root(spaceId)
    if ((!doc && !guest) || !root) throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows the spaces you are in.`)
    const { role, access } = this.#d.standing(spaceId)
    const consent = membership.consent(spaceId)
    const now = this.#d.now()
    const members = doc ? Object.keys(doc.roster).filter((did) => did === root || consent?.chainsOf(did as never, now).some((c) => c.docs.includes('*'))).length : 0
    return {
      spaceId,
      name: doc?.name ?? guest?.name ?? '',
      founder: root,
      role,
      members,
      documents: membership.docsOf(spaceId),
      access,
    }
  }

  /** The authority handle of a space this peer is in, or SPACE_NOT_FOUND. */
  async authorityHandle(spaceId: SpaceId): Promise<DocHandle<AuthorityDoc>> {
    if (!this.#d.membership.authority(spaceId)) this.summary(spaceId)
    return this.#d.repo.find<AuthorityDoc>(spaceId as unknown as DocumentId)
  }

  /** True when `docId` belongs to this space alone (a document several spaces index is written by none). */
  owns(spaceId: SpaceId, docId: string): boolean {
    return this.#d.membership.ownerOf(docId) === spaceId
  }

  /** True when this peer's own grants let it change a document of the space (its members would drop the change otherwise). */
  mayWrite(spaceId: SpaceId, docId: string): boolean {
    const consent = this.#d.membership.consent(spaceId)
    return consent?.allows(this.#d.identity.did, 'write', docId, this.#d.membership.collectionOf(spaceId, docId), this.#d.now()) ?? false
  }

  /** The document ids of one collection of a space (for a guest, those its grant lets it see). */
  collection(spaceId: SpaceId, name: string): DocId[] {
    const doc = this.#d.membership.authority(spaceId)
    const guest = this.#d.membership.guest(spaceId)
    if (!doc && !guest) this.summary(spaceId)
    return ((doc ?? guest)?.collections[name] ?? []) as DocId[]
  }
}
