/**
 * Spaces: create one, load them all, list them, summarise one. A space is an authority
 * document (name, founder, roster, the names of its index shards, signed grants) plus the
 * documents its index lists; its id is the authority document's id. Collections are made the
 * first time they are used, so a new space is one document.
 */
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import type { SpaceAccess, SpaceRole, SpaceSummary } from '../../../shared/api/peer-api.ts'
import { MemberRole, SPACE_SCHEMA_VERSION, SpaceNameSchema, type AuthorityDoc } from '../../../shared/schemas/space.ts'
import { ALL_DOCS } from '../../../shared/grants/grant-format.ts'
import type { Consent } from '../consent/consent.ts'
import type { Identity } from '../identity/identity.ts'
import type { LocalState } from './local-state.ts'
import type { Membership } from './membership.ts'

export interface SpacesDeps {
  repo: Repo
  identity: Identity
  state: LocalState
  consent: Consent
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

  /** Loads every space this peer is in or holds a grant to. A damaged or missing space never stops the others. */
  async loadAll(): Promise<void> {
    for (const [id, guest] of Object.entries(this.#d.state.guests)) this.#d.consent.setGuestSpace(id as SpaceId, guest)
    await Promise.all(this.#d.state.spaces.map((id) => this.#d.membership.load(id)))
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
      indexShards: [],
    })
    const spaceId = authority.documentId as unknown as SpaceId
    await repo.flush([authority.documentId])
    await this.#d.state.pinRoot(spaceId, identity.did)
    await this.#d.state.addSpace(spaceId)
    this.#d.membership.track(spaceId, authority)
    return this.summary(spaceId)
  }

  list(): SpaceSummary[] {
    return this.#d.consent.spaces.spaceIds().flatMap((id) => {
      try {
        return [this.summary(id)]
      } catch {
        return []
      }
    })
  }

  summary(spaceId: SpaceId): SpaceSummary {
    const { consent, membership } = this.#d
    const doc = membership.authority(spaceId)
    const guest = consent.spaces.guest(spaceId)
    const root = consent.spaces.root(spaceId)
    if ((!doc && !guest) || !root) throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows the spaces you are in.`)
    const { role, access } = this.#d.standing(spaceId)
    const index = consent.index(spaceId)
    const now = this.#d.now()
    const members = doc ? Object.keys(doc.roster).filter((did) => did === root || index?.chainsOf(did as Did, now).some((c) => c.docs.includes(ALL_DOCS))).length : 0
    const health = membership.health(spaceId)
    return {
      spaceId,
      name: doc?.name ?? guest?.name ?? '',
      founder: root,
      role,
      members,
      documents: consent.spaces.docsOf(spaceId),
      access,
      damaged: health.problem === null ? null : { reason: health.problem, since: health.since },
      ...(doc && role !== 'founder' && access.cmd === 'none' && !access.ended ? { localCopy: true } : {}),
      ...(doc ? {} : { nameUnsigned: true as const }),
    }
  }

  /** The authority handle of a space this peer is a member of, or SPACE_NOT_FOUND. */
  async authorityHandle(spaceId: SpaceId): Promise<DocHandle<AuthorityDoc>> {
    if (!this.#d.membership.authority(spaceId)) this.summary(spaceId)
    return this.#d.repo.find<AuthorityDoc>(spaceId as unknown as DocumentId)
  }
}
