/**
 * The last valid state of each space this peer is in, kept on this machine: the authority
 * document's fields (without its envelopes, which the consent log keeps) and the entries of
 * each index shard. A space whose documents are damaged or missing here is served from it
 * until a valid version arrives, so no document a peer writes can keep another from starting.
 *
 * Invariants:
 * - only a state that passed the schema is written; a write replaces the file durably
 *   (temp file, fsync, rename), so a crash leaves the old state or the new one;
 * - writes are coalesced (one per space per second at most) and flushed on stop;
 * - a damaged or foreign cache file is ignored (the documents decide), never fatal.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { SpaceId } from '../../../shared/ids.ts'
import { RosterEntrySchema } from '../../../shared/schemas/space.ts'
import { writeFileDurable } from '../storage/durable-file.ts'
import type { Logger } from '../log.ts'

export const SPACE_CACHE_DIR = 'space-cache'
const WRITE_EVERY_MS = 1_000

/** The index is checked by hand: zod takes 20 ms over 10,000 entries, on every start. */
const IndexSchema = z.custom<Record<string, Record<string, string>>>((v) => isRecordOf(v, (entries) => isRecordOf(entries, (name) => typeof name === 'string')))

function isRecordOf(v: unknown, each: (value: unknown) => boolean): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  for (const value of Object.values(v)) if (!each(value)) return false
  return true
}

const CachedSpaceSchema = z.object({
  v: z.literal(1),
  authority: z.object({
    name: z.string(),
    founder: z.string(),
    createdAt: z.string(),
    roster: z.record(z.string(), RosterEntrySchema),
    collections: z.record(z.string(), z.array(z.string())),
    indexShards: z.array(z.string()).optional(),
  }),
  /** index shard id -> its entries (document id -> collection) */
  index: IndexSchema,
})
export type CachedSpace = z.infer<typeof CachedSpaceSchema>

export class SpaceCache {
  readonly #dir: string
  readonly #log: Logger
  readonly #pending = new Map<SpaceId, CachedSpace>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #writing: Promise<void> = Promise.resolve()

  constructor(dataDir: string, log: Logger) {
    this.#dir = join(dataDir, SPACE_CACHE_DIR)
    this.#log = log
  }

  async read(spaceId: SpaceId): Promise<CachedSpace | undefined> {
    try {
      const parsed = CachedSpaceSchema.safeParse(JSON.parse(await readFile(this.#file(spaceId), 'utf8')))
      if (parsed.success) return parsed.data
      this.#log.warn('the cached state of a space is damaged: ignored', { spaceId })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.#log.warn('the cached state of a space cannot be read: ignored', { spaceId, error: String(err) })
    }
    return undefined
  }

  /** Keeps a valid state, written within a second. */
  write(spaceId: SpaceId, state: CachedSpace): void {
    this.#pending.set(spaceId, state)
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined
      void this.flush()
    }, WRITE_EVERY_MS)
    this.#timer.unref?.()
  }

  /** Writes what is pending now. */
  flush(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const batch = [...this.#pending]
    this.#pending.clear()
    this.#writing = this.#writing.then(async () => {
      if (batch.length === 0) return
      for (const [spaceId, state] of batch) {
        await writeFileDurable(this.#file(spaceId), JSON.stringify(state)).catch((err: unknown) =>
          this.#log.error('could not keep the last valid state of a space', { spaceId, error: String(err) }))
      }
    })
    return this.#writing
  }

  #file(spaceId: SpaceId): string {
    // A space id is a document id (base58): safe as a file name; anything else never gets here.
    return join(this.#dir, `${spaceId.replace(/[^A-Za-z0-9]/g, '_')}.json`)
  }
}
