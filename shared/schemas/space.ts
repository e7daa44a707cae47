import { z } from 'zod'

export const SPACE_SCHEMA_VERSION = 1

export const MemberRole = { Founder: 'founder', Admin: 'admin', Member: 'member' } as const
export type MemberRole = (typeof MemberRole)[keyof typeof MemberRole]

export const SpaceNameSchema = z.string().trim().min(1, 'a space needs a name').max(120, 'a space name is at most 120 characters')

export const RosterEntrySchema = z.object({
  did: z.string().min(1).max(200),
  peerId: z.string().min(1).max(200),
  name: z.string().max(120),
  role: z.enum([MemberRole.Founder, MemberRole.Admin, MemberRole.Member]),
  joinedAt: z.string(),
})
export type RosterEntry = z.infer<typeof RosterEntrySchema>

/**
 * The authority document of a space: its name, founder, roster and the index of its
 * collection documents, and its signed grants and revocations. The roster gives names and
 * roles for display; what a peer may do comes from its grants alone.
 */
export const AuthorityDocSchema = z.object({
  schemaVersion: z.literal(SPACE_SCHEMA_VERSION),
  type: z.literal('space-authority'),
  name: SpaceNameSchema,
  founder: z.string().min(1),
  createdAt: z.string(),
  roster: z.record(z.string(), RosterEntrySchema),
  /** collection name -> document ids holding it (a collection may be sharded over several). */
  collections: z.record(z.string(), z.array(z.string())),
  /**
   * Signed grants and revocations by id (DAG-CBOR envelopes, see shared/grants). Each peer
   * checks every one and keeps a local copy, so deleting one here takes nothing away.
   */
  grants: z.record(z.string(), z.instanceof(Uint8Array)).optional(),
  revocations: z.record(z.string(), z.instanceof(Uint8Array)).optional(),
})
export type AuthorityDoc = z.infer<typeof AuthorityDocSchema>

export const ResourcesDocSchema = z.object({
  schemaVersion: z.literal(SPACE_SCHEMA_VERSION),
  type: z.literal('resources'),
  space: z.string(),
  items: z.record(z.string(), z.unknown()),
})
export type ResourcesDoc = z.infer<typeof ResourcesDocSchema>
