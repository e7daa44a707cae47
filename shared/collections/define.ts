/**
 * How a kind of shared data is declared: one `defineCollection` entry gives the store, sync,
 * grants and the API's list/get everything they need (its name, its item schema and versions,
 * how it shards, the event its changes raise). Nothing else names a collection.
 *
 * Invariants:
 * - every stored item carries `id`, `createdAt`, `updatedAt` and, when tombstoned, `deleted`;
 *   `schemaVersion` is absent on items written before versions existed, and counts as 1;
 * - an item is read through `parseItem`: migrated up to the current version, then checked
 *   against the schema; anything that fails is quarantined, never shown half-formed;
 * - an item written by a newer version of the app (a higher `schemaVersion`) is quarantined
 *   rather than misread: this version cannot know what its fields mean.
 */
import { z } from 'zod'

/** Every item of every collection has these. */
export const ItemBaseSchema = z.object({
  id: z.string().min(1).max(64),
  schemaVersion: z.number().int().min(1).optional(),
  createdAt: z.string().max(64),
  updatedAt: z.string().max(64),
  deleted: z.boolean().optional(),
})
export type ItemBase = z.infer<typeof ItemBaseSchema>

/**
 * How a collection's items are spread over documents. `fill`: new items go to the newest shard
 * document until it holds `cap` items, then a new shard is made (chosen by measurement: see
 * README "Sharding"). A collection never keeps its items in one document that grows without bound.
 */
export type ShardLayout =
  | {
    kind: 'fill'
    /** Items per shard document before a new one is started (a soft cap: concurrent offline adds may pass it). */
    cap: number
  }
  /**
   * Each item is an Automerge document of its own (knowledge pages: text-heavy, edited live,
   * and shared one by one by document id). The generic store does not hold these; their own
   * store does, and lists each in the space's index under the collection's name.
   */
  | { kind: 'document' }

/** Each item its own document. */
export function ownDocuments(): ShardLayout {
  return { kind: 'document' }
}

/** Items of a new shard go in until it holds `cap`. */
export function byFill(cap: number): ShardLayout {
  if (!Number.isInteger(cap) || cap < 1) throw new Error(`a shard cap is a positive whole number, not ${cap}`)
  return { kind: 'fill', cap }
}

/** Migrates an item stored at version `n` to version `n + 1`. */
export type Migration = (item: Record<string, unknown>) => Record<string, unknown>

export interface CollectionInit<I extends ItemBase> {
  /** The name grants, the API and the index use: lower case, e.g. `resources`. */
  name: string
  /** What people call it, e.g. "Resources". */
  label: string
  /** The current item schema version (the first is 1). */
  version: number
  /** The schema of a stored item at the current version. */
  item: z.ZodType<I>
  /** `migrate[n]` turns a version-n item into a version-(n+1) one. One entry for each older version. */
  migrate?: Record<number, Migration>
  shard: ShardLayout
  /**
   * Top-level string fields kept as collaborative text (concurrent edits inside them merge
   * character by character). Every other string is kept as a scalar (the last write wins):
   * one operation instead of one per character, which makes a shard several times cheaper to
   * load (see README, "Sharding").
   */
  text?: readonly string[]
  /**
   * Top-level fields holding a map of free keys (a node's attributes), written key by key: two
   * peers changing different keys apart both keep their change. Any other object field (a
   * pair of coordinates) is one value, replaced whole.
   */
  keyed?: readonly string[]
}

export interface Collection<I extends ItemBase = ItemBase> extends Readonly<CollectionInit<I>> {
  readonly migrate: Readonly<Record<number, Migration>>
  readonly text: readonly string[]
  readonly keyed: readonly string[]
  /** The event a change to this collection raises: `collection:changed` with `{ collection: name }`. */
  readonly event: 'collection:changed'
}

export type ItemOf<C> = C extends Collection<infer I> ? I : never

export type ParsedItem<I> = { ok: true; item: I } | { ok: false; reason: string }

export const COLLECTION_NAME = /^[a-z][a-z0-9-]{0,39}$/

/** Declares a collection. Fails at load time when the declaration cannot work. */
export function defineCollection<I extends ItemBase>(init: CollectionInit<I>): Collection<I> {
  if (!COLLECTION_NAME.test(init.name)) throw new Error(`collection name "${init.name}" must be lower case letters, digits and "-"`)
  if (!Number.isInteger(init.version) || init.version < 1) throw new Error(`collection ${init.name}: version must be 1 or more`)
  const migrate = init.migrate ?? {}
  for (let v = 1; v < init.version; v++) {
    if (typeof migrate[v] !== 'function') throw new Error(`collection ${init.name}: no migration from version ${v} to ${v + 1}`)
  }
  return Object.freeze({ ...init, migrate: Object.freeze({ ...migrate }), text: Object.freeze([...(init.text ?? [])]), keyed: Object.freeze([...(init.keyed ?? [])]), event: 'collection:changed' as const })
}

/** Reads one stored item: migrates it to the current version, then validates it. */
export function parseItem<I extends ItemBase>(c: Collection<I>, raw: unknown): ParsedItem<I> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' }
  let value = { ...(raw as Record<string, unknown>) }
  const stored = value['schemaVersion'] ?? 1
  if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 1) return { ok: false, reason: 'schemaVersion is not a version' }
  if (stored > c.version) return { ok: false, reason: `written by a newer version of Commonweave (item version ${stored}, this one reads up to ${c.version})` }
  try {
    for (let v = stored; v < c.version; v++) value = { ...c.migrate[v]!(value), schemaVersion: v + 1 }
  } catch (err) {
    return { ok: false, reason: `migration from version ${stored} failed: ${String(err)}` }
  }
  const parsed = c.item.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { ok: false, reason: issue ? `${issue.path.join('.') || 'item'}: ${issue.message}` : 'does not match the schema' }
  }
  return { ok: true, item: parsed.data }
}
