import { z } from 'zod'
import { visibleText } from './text.ts'

export const SPACE_SCHEMA_VERSION = 1

export const MemberRole = { Founder: 'founder', Admin: 'admin', Member: 'member' } as const
export type MemberRole = (typeof MemberRole)[keyof typeof MemberRole]

/** How many people one invite code may admit (one, unless made for a meeting). */
export const INVITE_USES = { max: 500, message: 'an invite admits 1 to 500 people (--uses N)' } as const

/** A space's name as a member gives it: one line, with something visible in it. */
export const SpaceNameSchema = visibleText('name', 120)
/** A space's name as stored (and synced from peers): checked loosely, so a name set elsewhere never makes a space unreadable. */
const StoredSpaceNameSchema = z.string().trim().min(1, 'a space needs a name').max(120, 'a space name is at most 120 characters')

/** A member's display name (`init --name`, `rename`). */
export const MemberNameSchema = visibleText('name', 120)

export const RosterEntrySchema = z.object({
  did: z.string().min(1).max(200),
  peerId: z.string().min(1).max(200),
  name: z.string().max(120),
  role: z.enum([MemberRole.Founder, MemberRole.Admin, MemberRole.Member]),
  joinedAt: z.string(),
})
export type RosterEntry = z.infer<typeof RosterEntrySchema>

/**
 * Someone who left or was removed, kept so that the others see them gone and by whose hand. For
 * display only, like the roster: whether they may still read or write is their grants' to say.
 */
export const DepartedEntrySchema = z.object({
  did: z.string().min(1).max(200),
  name: z.string().max(120),
  role: z.enum([MemberRole.Founder, MemberRole.Admin, MemberRole.Member]),
  reason: z.enum(['left', 'removed']),
  at: z.string(),
  by: z.string().max(200).optional(),
})
export type DepartedEntry = z.infer<typeof DepartedEntrySchema>

/**
 * The authority document of a space: its name, founder, roster and the index of its
 * collection documents, and its signed grants and revocations. The roster gives names and
 * roles for display; what a peer may do comes from its grants alone.
 */
export const AuthorityDocSchema = z.object({
  schemaVersion: z.literal(SPACE_SCHEMA_VERSION),
  type: z.literal('space-authority'),
  name: StoredSpaceNameSchema,
  founder: z.string().min(1),
  createdAt: z.string(),
  roster: z.record(z.string(), RosterEntrySchema),
  /** Those who left or were removed, by did. */
  departed: z.record(z.string(), DepartedEntrySchema).optional(),
  /**
   * collection name -> document ids holding it, kept in the authority document itself. Spaces
   * made before the index was sharded list their documents here; it is still read, and new
   * documents are listed in the index shards instead.
   */
  collections: z.record(z.string(), z.array(z.string())),
  /** The space's index shards (documents listing the space's documents by collection), oldest first. */
  indexShards: z.array(z.string()).optional(),
  /**
   * Signed grants and revocations by id (DAG-CBOR envelopes, see shared/grants). Each peer
   * checks every one and keeps a local copy, so deleting one here takes nothing away.
   */
  grants: z.record(z.string(), z.instanceof(Uint8Array)).optional(),
  revocations: z.record(z.string(), z.instanceof(Uint8Array)).optional(),
})
export type AuthorityDoc = z.infer<typeof AuthorityDocSchema>

/** The type of an index shard document. */
export const INDEX_SHARD_TYPE = 'space-index'

/**
 * One shard of a space's index: which documents belong to which collection. A space's index
 * is spread over such shards, each holding at most `INDEX_SHARD_CAP` entries (see README,
 * "Sharding"), so no reader loads one document listing every document of a large space.
 * Entries are checked one by one: a bad one is skipped, never the shard.
 */
export const IndexShardDocSchema = z.object({
  schemaVersion: z.literal(SPACE_SCHEMA_VERSION),
  type: z.literal(INDEX_SHARD_TYPE),
  space: z.string(),
  /** document id -> collection name */
  entries: z.record(z.string(), z.unknown()),
})
export type IndexShardDoc = { schemaVersion: number; type: typeof INDEX_SHARD_TYPE; space: string; entries: Record<string, string> }

/**
 * One shard document of a collection: items by id. Its `type` is the collection's name (so the
 * single `resources` document of a space made before sharding is its first shard, unchanged).
 * Items are validated one by one when read: a malformed one is quarantined, never the shard.
 */
export const CollectionShardDocSchema = z.object({
  schemaVersion: z.literal(SPACE_SCHEMA_VERSION),
  type: z.string().max(40),
  space: z.string(),
  items: z.record(z.string(), z.unknown()),
})
export type CollectionShardDoc = z.infer<typeof CollectionShardDocSchema>
/** A shard of the resources collection, as tests reach into it. */
export type ResourcesDoc = CollectionShardDoc
