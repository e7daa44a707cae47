/**
 * The last valid state of each space this peer is in, kept on this machine: the authority
 * document's fields (without its envelopes, which the consent log keeps) in one file, and the
 * entries of each index shard in another. A space whose documents are damaged or missing here is
 * served from it until a valid version arrives, so no document a peer writes can keep another
 * from starting. Start-up reads only the small authority file; the index (10,000 entries in a
 * large space) is read right after.
 *
 * Invariants:
 * - only a state that passed the schema is written; a write replaces a file durably (temp
 *   file, fsync, rename), so a crash leaves the old state or the new one;
 * - writes are coalesced (one per space per second at most), the index only when it changed,
 *   and flushed on stop;
 * - a damaged or foreign cache file is ignored (the documents decide), never fatal.
 */
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { SpaceId } from '../../../shared/ids.ts'
import { DepartedEntrySchema, RosterEntrySchema } from '../../../shared/schemas/space.ts'
import { writeFileDurable } from '../storage/durable-file.ts'
import { dataFileError } from '../storage/data-file.ts'
import { CommonweaveError } from '../../../shared/errors.ts'
import type { Logger } from '../log.ts'

export const SPACE_CACHE_DIR = 'space-cache'
const WRITE_EVERY_MS = 1_000

const CachedAuthoritySchema = z.object({
  v: z.literal(1),
  authority: z.object({
    name: z.string(),
    founder: z.string(),
    createdAt: z.string(),
    roster: z.record(z.string(), RosterEntrySchema),
    departed: z.record(z.string(), DepartedEntrySchema).optional(),
    collections: z.record(z.string(), z.array(z.string())),
    indexShards: z.array(z.string()).optional(),
  }),
})
export type CachedAuthority = z.infer<typeof CachedAuthoritySchema>['authority']

/** index shard id -> its entries (document id -> collection) */
export type CachedIndex = Record<string, Record<string, string>>

/** Checked by hand: zod takes 20 ms over 10,000 entries. */
function isIndex(v: unknown): v is CachedIndex {
  return isRecordOf(v, (entries) => isRecordOf(entries, (name) => typeof name === 'string'))
}

function isRecordOf(v: unknown, each: (value: unknown) => boolean): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  for (const value of Object.values(v)) if (!each(value)) return false
  return true
}

interface Pending { authority?: CachedAuthority; index?: CachedIndex }

export class SpaceCache {
  readonly #dir: string
  readonly #log: Logger
  readonly #pending = new Map<SpaceId, Pending>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #writing: Promise<void> = Promise.resolve()

  constructor(dataDir: string, log: Logger) {
    this.#dir = join(dataDir, SPACE_CACHE_DIR)
    this.#log = log
  }

  async readAuthority(spaceId: SpaceId): Promise<CachedAuthority | undefined> {
    const raw = await this.#read(spaceId, 'json')
    if (raw === undefined) return undefined
    const parsed = CachedAuthoritySchema.safeParse(raw)
    if (parsed.success) return parsed.data.authority
    this.#log.warn(`${this.#file(spaceId, 'json')} is damaged: ignored; the space is read from its documents, and the file written again from them`, { spaceId, file: this.#file(spaceId, 'json') })
    return undefined
  }

  async readIndex(spaceId: SpaceId): Promise<CachedIndex | undefined> {
    const raw = await this.#read(spaceId, 'index.json')
    if (raw === undefined) return undefined
    if (typeof raw === 'object' && raw !== null && (raw as { v?: unknown }).v === 1 && isIndex((raw as { index?: unknown }).index)) return (raw as { index: CachedIndex }).index
    this.#log.warn(`${this.#file(spaceId, 'index.json')} is damaged: ignored; the space's index is read from its documents, and the file written again from them`, { spaceId, file: this.#file(spaceId, 'index.json') })
    return undefined
  }

  /** Keeps a valid state (its authority fields, its index when that changed), written within a second. */
  write(spaceId: SpaceId, state: Pending): void {
    this.#pending.set(spaceId, { ...this.#pending.get(spaceId), ...state })
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
      for (const [spaceId, { authority, index }] of batch) {
        const fail = (err: unknown): void => this.#log.error('could not keep the last valid state of a space', { spaceId, error: String(err) })
        if (authority) await writeFileDurable(this.#file(spaceId, 'json'), JSON.stringify({ v: 1, authority })).catch(fail)
        if (index) await writeFileDurable(this.#file(spaceId, 'index.json'), JSON.stringify({ v: 1, index })).catch(fail)
      }
    })
    return this.#writing
  }

  /** Forgets a space this peer left. */
  async remove(spaceId: SpaceId): Promise<void> {
    this.#pending.delete(spaceId)
    await this.#writing
    for (const ext of ['json', 'index.json']) await rm(this.#file(spaceId, ext), { force: true })
  }

  /** A cache file's JSON; undefined when it is missing, or cannot be read or parsed (said in the log, naming the file). */
  async #read(spaceId: SpaceId, ext: string): Promise<unknown> {
    const file = this.#file(spaceId, ext)
    try {
      return JSON.parse(await readFile(file, 'utf8')) as unknown
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      const error = dataFileError(file, err, 'it is written again from the space\'s documents')
      this.#log.warn(error instanceof CommonweaveError ? `${error.message} Until then it is ignored.` : `${file} is damaged: ignored; the space is read from its documents, and the file written again from them`,
        { spaceId, file, error: String(err) })
      return undefined
    }
  }

  #file(spaceId: SpaceId, ext: string): string {
    // A space id is a document id (base58): safe as a file name; anything else never gets here.
    return join(this.#dir, `${spaceId.replace(/[^A-Za-z0-9]/g, '_')}.${ext}`)
  }
}
