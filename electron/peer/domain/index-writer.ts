/**
 * Lists new documents in a space's index. The index is sharded: the authority document names
 * the index shards, and each shard lists at most INDEX_SHARD_CAP documents by collection, so
 * no document a joiner loads lists every document of a large space (see README, "Sharding").
 *
 * Invariants:
 * - a document is listed in the shard that has room (the fullest such), else in a new shard,
 *   which is named in the authority document in the same synchronous step;
 * - consent sees the new entries before `register` returns (the new shard is followed at once);
 * - the caller flushes the documents `register` names before acknowledging anything.
 */
import { ImmutableString } from '@automerge/automerge'
import type { DocumentId, Repo } from '@automerge/automerge-repo'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { INDEX_SHARD_TYPE, SPACE_SCHEMA_VERSION, type AuthorityDoc, type IndexShardDoc } from '../../../shared/schemas/space.ts'
import type { Membership } from './membership.ts'

/**
 * Entries per index shard. Loading one through the repo costs about 4 ms here (7.5 ms at 256,
 * and the cost grows faster than linearly past that); a 10,000-document space needs 79 (see
 * README, "Sharding", for the measurements).
 */
export const INDEX_SHARD_CAP = 128

export class IndexWriter {
  readonly #repo: Repo
  readonly #membership: Membership

  constructor(repo: Repo, membership: Membership) {
    this.#repo = repo
    this.#membership = membership
  }

  /** Lists `docIds` under `collection` in a space's index; answers the documents changed, to flush. */
  register(spaceId: SpaceId, collection: string, docIds: readonly string[]): DocumentId[] {
    const authority = this.#repo.handles[spaceId as unknown as DocumentId]
    if (!authority?.isReady() || !this.#membership.authority(spaceId)) {
      throw new CommonweaveError(ErrorCode.Forbidden, 'Only members of a space can add documents to it: this peer does not hold the space\'s index.')
    }
    const touched = new Set<DocumentId>()
    let rest = [...docIds]
    while (rest.length > 0) {
      const shards = this.#membership.indexShards(spaceId)
        .filter((s) => s.entries < INDEX_SHARD_CAP && this.#repo.handles[s.id as DocumentId]?.isReady())
        .sort((a, b) => b.entries - a.entries)
      let target = shards[0]
      if (!target) {
        const shard = this.#repo.create<IndexShardDoc>({ schemaVersion: SPACE_SCHEMA_VERSION, type: INDEX_SHARD_TYPE, space: spaceId, entries: {} })
        this.#membership.adoptIndexShard(spaceId, shard)
        authority.change((d: AuthorityDoc) => {
          d.indexShards ??= []
          d.indexShards.push(shard.documentId)
        })
        touched.add(authority.documentId)
        target = { id: shard.documentId, entries: 0 }
      }
      const take = rest.slice(0, INDEX_SHARD_CAP - target.entries)
      rest = rest.slice(take.length)
      const handle = this.#repo.handles[target.id as DocumentId]!
      handle.change((d: IndexShardDoc) => {
        // A scalar, not collaborative text: an index shard of 256 entries then loads in about 2 ms.
        for (const id of take) (d.entries as Record<string, unknown>)[id] = new ImmutableString(collection)
      })
      touched.add(handle.documentId)
    }
    return [...touched]
  }
}
