/**
 * Spaces: create one, list them, summarise one. A space is an authority document (name,
 * founder, roster, index of collections) plus its collection documents; its id is the
 * authority document's id.
 */
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { DocId, SpaceId } from '../../../shared/ids.ts'
import type { SpaceSummary } from '../../../shared/api/peer-api.ts'
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
    const doc = this.#d.membership.authority(spaceId)
    if (!doc) throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows the spaces you are in.`)
    const me = doc.roster[this.#d.identity.did]
    return {
      spaceId,
      name: doc.name,
      founder: doc.founder as SpaceSummary['founder'],
      role: me?.role ?? MemberRole.Member,
      members: Object.keys(doc.roster).length,
      documents: this.#d.membership.docsOf(spaceId),
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

  /** The document ids of one collection of a space. */
  collection(spaceId: SpaceId, name: string): DocId[] {
    const doc = this.#d.membership.authority(spaceId)
    if (!doc) this.summary(spaceId)
    return (doc?.collections[name] ?? []) as DocId[]
  }
}
