/**
 * Pools of a space: named sets of resources ("the tool library", "the van share"). A resource
 * names its pool by id; people name a pool by its name (or the start of its id).
 *
 * Invariants:
 * - a pool's name is unique in its space when made here (two made offline with one name both
 *   survive the merge; naming either by that name is then an error listing both);
 * - a peer that cannot read a space's pools (a guest granted `resources` only) shows no pool
 *   names rather than failing.
 */
import { randomUUID } from 'node:crypto'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { pools } from '../../../shared/collections/pools.ts'
import { resources } from '../../../shared/collections/resources.ts'
import { PoolInputSchema, type Pool, type PoolView } from '../../../shared/schemas/booking.ts'
import type { Resource } from '../../../shared/schemas/resource.ts'
import { MIN_PREFIX, type CollectionStore } from './collection-store.ts'
import { validated } from '../../../shared/validate.ts'

export class Pools {
  readonly #store: CollectionStore
  readonly #me: Did
  readonly #now: () => number

  constructor(store: CollectionStore, me: Did, now: () => number) {
    this.#store = store
    this.#me = me
    this.#now = now
  }

  async create(spaceId: SpaceId, input: unknown): Promise<PoolView> {
    const data = validated(PoolInputSchema, input)
    const same = (await this.#all(spaceId)).find((p) => p.name.toLowerCase() === data.name.toLowerCase())
    if (same) throw new CommonweaveError(ErrorCode.ValidationFailed, `This space has a pool named "${same.name}" already (${same.id}).`)
    const at = new Date(this.#now()).toISOString()
    const pool: Pool = { id: randomUUID(), name: data.name, description: data.description ?? '', owner: this.#me, createdAt: at, updatedAt: at }
    return { ...(await this.#store.put(spaceId, pools.name, pool)), resources: 0 }
  }

  /** The pools of a space, by name, each with how many resources it holds. */
  async list(spaceId: SpaceId): Promise<{ items: PoolView[] }> {
    const all = await this.#all(spaceId)
    const counts = new Map<string, number>()
    const { items } = await this.#store.list<Resource>(spaceId, resources.name, { where: (r) => r.pool !== undefined, key: 'in-a-pool' })
    for (const r of items) counts.set(r.pool!, (counts.get(r.pool!) ?? 0) + 1)
    return { items: all.map((p) => ({ ...p, resources: counts.get(p.id) ?? 0 })).sort((a, b) => a.name.localeCompare(b.name)) }
  }

  /** A pool by id, name (any case) or a unique start of its id; NOT_FOUND naming the pools there are. */
  async resolve(spaceId: SpaceId, ref: string): Promise<Pool> {
    const all = await this.#all(spaceId)
    const byId = all.find((p) => p.id === ref)
    if (byId) return byId
    const byName = all.filter((p) => p.name.toLowerCase() === ref.trim().toLowerCase())
    const candidates = byName.length > 0 ? byName : ref.length >= MIN_PREFIX ? all.filter((p) => p.id.startsWith(ref)) : []
    if (candidates.length === 1) return candidates[0]!
    if (candidates.length > 1) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `"${ref}" names ${candidates.length} pools: ${candidates.map((p) => `${p.name} (${p.id})`).join(', ')}. Give the id.`)
    }
    const known = all.length > 0 ? ` Its pools: ${all.map((p) => p.name).join(', ')}.` : ' It has none yet: "commonweave pool create SPACE NAME" makes one.'
    throw new CommonweaveError(ErrorCode.NotFound, `No pool "${ref}" in this space.${known}`)
  }

  /** Pool names by id, for showing resources (empty where this peer cannot read the space's pools). */
  async names(spaceId: SpaceId): Promise<ReadonlyMap<string, string>> {
    return new Map((await this.#all(spaceId)).map((p) => [p.id, p.name]))
  }

  async #all(spaceId: SpaceId): Promise<Pool[]> {
    return (await this.#store.list<Pool>(spaceId, pools.name)).items
  }
}
