/**
 * Resources of a space (offers, needs, tools, facilities, skills) on the generic collection
 * store: what is particular to them is the input a member submits, the fields the peer stamps
 * (id, owner, status, times), who may change one, and how they are listed.
 *
 * Invariants:
 * - only the owner, an admin or the founder edits or deletes a resource (anyone else is told
 *   so in words); an agent acting for this peer's member never uses the member's admin
 *   powers: it changes only the member's own items; an edit writes only the fields it changes, so concurrent edits of other
 *   fields on other peers survive the merge;
 * - an expiry belongs to offers and needs only; an expired item leaves the default listing
 *   and is marked `expired` wherever it is shown;
 * - the default listing leaves out closed and expired items (`all` brings them back); deleted
 *   ones are never listed.
 */
import { randomUUID } from 'node:crypto'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { resources } from '../../../shared/collections/resources.ts'
import { isExpired } from '../../../shared/resources/expiry.ts'
import { validated } from '../../../shared/validate.ts'
import {
  EXPIRING_KINDS, ResourceEditSchema, ResourceInputSchema, ResourceStatus,
  type Resource, type ResourceKind, type ResourceView,
} from '../../../shared/schemas/resource.ts'
import type { ListResourcesInput } from '../../../shared/api/resources-api.ts'
import type { CollectionStore } from './collection-store.ts'
import type { Pools } from './pools.ts'

/** The listing filters (the API's, without the space). */
export type ResourceFilter = Omit<ListResourcesInput, 'spaceId'>

export interface ResourcesDeps {
  store: CollectionStore
  pools: Pools
  me: Did
  now: () => number
  /** Whether this peer is the founder or an admin of a space (and so may change anyone's items). */
  isAdmin: (spaceId: SpaceId) => boolean
  /** A member's name on a space's roster, where this peer can see it. */
  nameOf: (spaceId: SpaceId, did: string) => string | null
}

export class Resources {
  readonly #d: ResourcesDeps

  constructor(deps: ResourcesDeps) {
    this.#d = deps
  }

  /** Adds a resource and resolves only once it is flushed to disk. */
  async add(spaceId: SpaceId, input: unknown): Promise<ResourceView> {
    const data = validated(ResourceInputSchema, input)
    const at = new Date(this.#d.now()).toISOString()
    const expiresAt = this.#expiry(data.kind, data)
    const resource: Resource = {
      id: randomUUID(),
      kind: data.kind,
      title: data.title,
      description: data.description ?? '',
      tags: [...new Set(data.tags ?? [])],
      owner: this.#d.me,
      status: ResourceStatus.Open,
      ...(data.quantity !== undefined ? { quantity: data.quantity } : {}),
      ...(data.location ? { location: data.location } : {}),
      ...(data.coordinates ? { coordinates: data.coordinates } : {}),
      ...(data.availability ? { availability: data.availability } : {}),
      ...(data.pool !== undefined ? { pool: (await this.#d.pools.resolve(spaceId, data.pool)).id } : {}),
      ...(expiresAt ? { expiresAt } : {}),
      createdAt: at,
      updatedAt: at,
    }
    return this.#view(spaceId, await this.#d.store.put(spaceId, resources.name, resource))
  }

  /** A page of a space's resources, oldest first, with the names behind their keys. */
  async list(spaceId: SpaceId, filter: ResourceFilter = {}): Promise<{ items: ResourceView[]; total: number; syncing: number }> {
    const now = this.#d.now()
    const pool = filter.pool !== undefined ? (await this.#d.pools.resolve(spaceId, filter.pool)).id : undefined
    const tag = filter.tag?.normalize('NFC').toLowerCase()
    const page = await this.#d.store.list<Resource>(spaceId, resources.name, {
      where: (r) => (filter.kind === undefined || r.kind === filter.kind) &&
        (filter.status !== undefined ? r.status === filter.status : filter.all === true || r.status !== ResourceStatus.Closed) &&
        (filter.all === true || !isExpired(r, now)) &&
        (tag === undefined || r.tags.includes(tag)) &&
        (pool === undefined || r.pool === pool) &&
        (filter.mine !== true || r.owner === this.#d.me),
      key: JSON.stringify([filter.kind, filter.status, tag, pool, filter.mine === true, filter.all === true]),
      ...(filter.all === true ? {} : { changesAt: (r: Resource) => (r.expiresAt !== undefined ? Date.parse(r.expiresAt) : undefined) }),
      ...(filter.limit !== undefined ? { limit: filter.limit } : {}),
      ...(filter.offset !== undefined ? { offset: filter.offset } : {}),
    })
    const names = await this.#d.pools.names(spaceId)
    return { items: page.items.map((r) => this.#viewWith(spaceId, r, names, now)), total: page.total, syncing: page.syncing }
  }

  /** One resource by id or a unique start of it. */
  async get(spaceId: SpaceId, idOrPrefix: string): Promise<ResourceView> {
    return this.#view(spaceId, await this.#d.store.get<Resource>(spaceId, resources.name, idOrPrefix))
  }

  /**
   * Changes the fields given (a null clears an optional one); the owner, an admin or the
   * founder only; for an `agent` (its name), the member's own items only.
   */
  async edit(spaceId: SpaceId, idOrPrefix: string, input: unknown, agent?: string): Promise<ResourceView> {
    const data = validated(ResourceEditSchema, input)
    const { expiresInSeconds, expiresAt, pool, ...fields } = data
    if (Object.keys(data).length === 0) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, 'Nothing to change: give at least one field (title, description, tags, quantity, location, coordinates, availability, pool, status, expires).')
    }
    const current = await this.#d.store.get<Resource>(spaceId, resources.name, idOrPrefix)
    const patch: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(fields)) patch[k] = v === null ? undefined : v
    if (fields.tags) patch['tags'] = [...new Set(fields.tags)]
    if (pool !== undefined) patch['pool'] = pool === null ? undefined : (await this.#d.pools.resolve(spaceId, pool)).id
    if (expiresAt === null) patch['expiresAt'] = undefined
    else if (expiresAt !== undefined || expiresInSeconds !== undefined) patch['expiresAt'] = this.#expiry(current.kind, { expiresAt, expiresInSeconds })
    const updated = await this.#d.store.update<Resource>(spaceId, resources.name, current.id, patch as Partial<Resource>, (r) => this.#mayChange(spaceId, r, 'edit', agent))
    return this.#view(spaceId, updated)
  }

  /** Deletes a resource: a tombstone that syncs. The owner, an admin or the founder only; an `agent`, the member's own only. */
  async delete(spaceId: SpaceId, idOrPrefix: string, agent?: string): Promise<{ id: string; deleted: true }> {
    const current = await this.#d.store.get<Resource>(spaceId, resources.name, idOrPrefix)
    await this.#d.store.tombstone<Resource>(spaceId, resources.name, current.id, (r) => this.#mayChange(spaceId, r, 'delete', agent))
    return { id: current.id, deleted: true }
  }

  #mayChange(spaceId: SpaceId, r: Resource, verb: 'edit' | 'delete', agent: string | undefined): void {
    const owner = this.#d.nameOf(spaceId, r.owner) ?? r.owner
    // An agent's grant is its member's consent to an assistant, not a delegation of the member's role.
    if (agent !== undefined) {
      if (r.owner === this.#d.me) return
      const member = this.#d.nameOf(spaceId, this.#d.me) ?? 'its member'
      throw new CommonweaveError(ErrorCode.Forbidden, `${agent} is an agent: it may ${verb} only ${member}'s own items, and "${r.title}" is ${owner}'s.`)
    }
    if (r.owner === this.#d.me || this.#d.isAdmin(spaceId)) return
    throw new CommonweaveError(ErrorCode.Forbidden, `Only ${owner}, who posted "${r.title}", or an admin of the space can ${verb} it.`)
  }

  /** The expiry an add or edit asks for, as an ISO time; offers and needs only, and in the future. */
  #expiry(kind: ResourceKind, e: { expiresAt?: string | null | undefined; expiresInSeconds?: number | undefined }): string | undefined {
    if (e.expiresAt == null && e.expiresInSeconds === undefined) return undefined
    if (!EXPIRING_KINDS.includes(kind)) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `Only offers and needs expire; a ${kind} stays until it is closed or deleted.`)
    }
    if (e.expiresAt != null && e.expiresInSeconds !== undefined) throw new CommonweaveError(ErrorCode.ValidationFailed, 'Give expiresAt or expiresInSeconds, not both.')
    const now = this.#d.now()
    const at = e.expiresAt != null ? Date.parse(e.expiresAt) : now + e.expiresInSeconds! * 1000
    if (Number.isNaN(at)) throw new CommonweaveError(ErrorCode.ValidationFailed, `expiresAt "${e.expiresAt}" is not a time.`)
    if (at <= now) throw new CommonweaveError(ErrorCode.ValidationFailed, `expiresAt ${new Date(at).toISOString()} is in the past; give a later time, or close the item instead.`)
    return new Date(at).toISOString()
  }

  async #view(spaceId: SpaceId, r: Resource): Promise<ResourceView> {
    return this.#viewWith(spaceId, r, await this.#d.pools.names(spaceId), this.#d.now())
  }

  #viewWith(spaceId: SpaceId, r: Resource, poolNames: ReadonlyMap<string, string>, now: number): ResourceView {
    return {
      ...r,
      ownerName: this.#d.nameOf(spaceId, r.owner),
      poolName: r.pool !== undefined ? poolNames.get(r.pool) ?? null : null,
      expired: isExpired(r, now),
    }
  }
}
