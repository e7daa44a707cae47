/**
 * Resources of a space: offers, needs, tools, facilities, skills. Input is validated at the
 * boundary; items arriving from peers are validated on read and a malformed one is
 * quarantined (left out and logged), never shown half-formed.
 */
import { randomUUID } from 'node:crypto'
import type { DocumentId, Repo } from '@automerge/automerge-repo'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { ResourceInputSchema, ResourceSchema, ResourceStatus, type Resource } from '../../../shared/schemas/resource.ts'
import type { ResourcesDoc } from '../../../shared/schemas/space.ts'
import type { Identity } from '../identity/identity.ts'
import type { Logger } from '../log.ts'
import type { Spaces } from './spaces.ts'

export interface ResourcesDeps {
  repo: Repo
  identity: Identity
  spaces: Spaces
  log: Logger
  now: () => number
}

export class Resources {
  readonly #d: ResourcesDeps
  constructor(deps: ResourcesDeps) {
    this.#d = deps
  }

  /** Adds a resource and resolves only once it is flushed to disk. */
  async add(spaceId: SpaceId, input: unknown): Promise<Resource> {
    const parsed = ResourceInputSchema.safeParse(input)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new CommonweaveError(ErrorCode.ValidationFailed, issue?.message ?? 'invalid resource',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
    }
    const docId = this.#docOf(spaceId)
    if (!this.#d.spaces.mayWrite(spaceId, docId)) {
      throw new CommonweaveError(ErrorCode.Forbidden, 'You may read this space\'s resources but not change them: its members would drop the change. Ask a member for a write grant.')
    }
    const handle = await this.#d.repo.find<ResourcesDoc>(docId as DocumentId)
    const at = new Date(this.#d.now()).toISOString()
    const resource: Resource = {
      id: randomUUID(),
      kind: parsed.data.kind,
      title: parsed.data.title,
      description: parsed.data.description ?? '',
      tags: [...new Set(parsed.data.tags ?? [])],
      owner: this.#d.identity.did,
      status: ResourceStatus.Open,
      createdAt: at,
      updatedAt: at,
    }
    handle.change((d) => {
      d.items[resource.id] = resource
    })
    await this.#d.repo.flush([handle.documentId])
    return resource
  }

  async list(spaceId: SpaceId): Promise<Resource[]> {
    const docId = this.#docOf(spaceId)
    const handle = await this.#d.repo.find<ResourcesDoc>(docId as DocumentId)
    const items = handle.doc()?.items ?? {}
    const out: Resource[] = []
    for (const [id, raw] of Object.entries(items)) {
      const parsed = ResourceSchema.safeParse(raw)
      if (!parsed.success) {
        this.#d.log.warn('resource quarantined: it does not match the schema', { spaceId, id, issue: parsed.error.issues[0]?.message })
        continue
      }
      if (!parsed.data.deleted) out.push(parsed.data)
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  }

  #docOf(spaceId: SpaceId): string {
    const listed = this.#d.spaces.collection(spaceId, 'resources')
    const docId = listed.find((id) => this.#d.spaces.owns(spaceId, id))
    if (docId) return docId
    if (listed.length > 0) {
      throw new CommonweaveError(ErrorCode.Forbidden, `The resources of space ${spaceId} are also listed by another space, so this peer shares them with nobody. The other space's admins must take them out of its index.`)
    }
    throw new CommonweaveError(ErrorCode.NotFound, `Space ${spaceId} has no resources collection yet; wait for it to sync.`)
  }
}
