/**
 * Resources of a space (offers, needs, tools, facilities, skills) on the generic collection
 * store: what is particular to them is the input a member submits and the fields the peer
 * stamps (id, owner, status, times).
 */
import { randomUUID } from 'node:crypto'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { resources } from '../../../shared/collections/resources.ts'
import { ResourceInputSchema, ResourceStatus, type Resource } from '../../../shared/schemas/resource.ts'
import type { CollectionStore } from './collection-store.ts'

export class Resources {
  readonly #store: CollectionStore
  readonly #me: Did
  readonly #now: () => number

  constructor(store: CollectionStore, me: Did, now: () => number) {
    this.#store = store
    this.#me = me
    this.#now = now
  }

  /** Adds a resource and resolves only once it is flushed to disk. */
  async add(spaceId: SpaceId, input: unknown): Promise<Resource> {
    const parsed = ResourceInputSchema.safeParse(input)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new CommonweaveError(ErrorCode.ValidationFailed, issue?.message ?? 'invalid resource',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
    }
    const at = new Date(this.#now()).toISOString()
    const resource: Resource = {
      id: randomUUID(),
      kind: parsed.data.kind,
      title: parsed.data.title,
      description: parsed.data.description ?? '',
      tags: [...new Set(parsed.data.tags ?? [])],
      owner: this.#me,
      status: ResourceStatus.Open,
      createdAt: at,
      updatedAt: at,
    }
    await this.#store.put(spaceId, resources.name, resource)
    return resource
  }

  /** The resources of a space, oldest first, deleted ones left out. */
  async list(spaceId: SpaceId): Promise<Resource[]> {
    return (await this.#store.list<Resource>(spaceId, resources.name)).items
  }
}
