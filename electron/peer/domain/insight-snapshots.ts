/**
 * Health snapshots, kept on this peer only: one small JSON file per space under
 * `<data>/insight/`, written durably (temp file, fsync, rename).
 *
 * The rule: each `health` call compares against the newest snapshot kept (`previous`); its own
 * figures are kept as a new snapshot when the newest kept is at least an hour old, or there is
 * none. At most 400 are kept per space, the oldest going first: over two weeks of hourly looks,
 * more than a year of daily ones. A file that cannot be parsed is set aside (renamed beside
 * itself, never deleted) with a log line, and the space starts a new history; one that cannot
 * be read at all is left alone, and the answer has no previous snapshot.
 */
import { join } from 'node:path'
import { z } from 'zod'
import type { HealthFigures, HealthSnapshot } from '../../../shared/api/insight-api.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { Logger } from '../log.ts'
import { readDataFile, setAside } from '../storage/data-file.ts'
import { writeFileDurable } from '../storage/durable-file.ts'
import { OneAtATimePerKey } from '../../../shared/one-at-a-time.ts'

export const SNAPSHOT_EVERY_MS = 3_600_000
const MAX_SNAPSHOTS = 400
const FILE_VERSION = 1

// Every count may be null: a part the owner could not read (a guest space's roster, say).
const figure = z.number().nullable()
const FiguresSchema = z.object({
  members: figure, activeMembers: figure, needs: figure, needsMet: figure, offers: figure, offersUsed: figure,
  mapNodes: figure, mapEdges: figure, density: figure, clustering: figure, communities: figure,
  bridges: z.array(z.object({ id: z.string(), label: z.string(), communities: z.number() })),
})
const FileSchema = z.object({
  version: z.literal(FILE_VERSION),
  spaceId: z.string(),
  snapshots: z.array(z.object({ at: z.iso.datetime({ offset: true }), figures: FiguresSchema })),
})

/** Where a space's health snapshots are kept in a data directory. */
export function healthSnapshotFile(dataDir: string, spaceId: SpaceId): string {
  return join(dataDir, 'insight', `health-${spaceId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`)
}

export interface Recorded {
  /** The newest snapshot kept before this call. */
  previous: HealthSnapshot | null
  /** Every snapshot kept, this call's included when it was kept, oldest first. */
  history: HealthSnapshot[]
}

export class HealthSnapshots {
  /** The data directory. */
  readonly #dir: string
  readonly #log: Logger
  readonly #kept = new Map<SpaceId, HealthSnapshot[] | 'unreadable'>()
  /** Per space, the call under way: two at once would each read the file before the other wrote it. */
  readonly #turns = new OneAtATimePerKey<SpaceId>()

  constructor(dataDir: string, log: Logger) {
    this.#dir = dataDir
    this.#log = log
  }

  #file(spaceId: SpaceId): string {
    return healthSnapshotFile(this.#dir, spaceId)
  }

  /** Compares `figures` at `at` (ms) with the newest snapshot, and keeps them by the rule above. */
  record(spaceId: SpaceId, at: number, figures: HealthFigures): Promise<Recorded> {
    return this.#turns.run(spaceId, () => this.#record(spaceId, at, figures))
  }

  async #record(spaceId: SpaceId, at: number, figures: HealthFigures): Promise<Recorded> {
    const kept = await this.#load(spaceId)
    if (kept === 'unreadable') return { previous: null, history: [] }
    const previous = kept.at(-1) ?? null
    if (previous !== null && at - Date.parse(previous.at) < SNAPSHOT_EVERY_MS) return { previous, history: [...kept] }
    const next = [...kept, { at: new Date(at).toISOString(), figures }].slice(-MAX_SNAPSHOTS)
    try {
      await writeFileDurable(this.#file(spaceId), JSON.stringify({ version: FILE_VERSION, spaceId, snapshots: next }))
      this.#kept.set(spaceId, next)
    } catch (err) {
      // Not kept this time (a full disk, say): the answer stands, the next call tries again.
      this.#log.warn('could not keep a health snapshot', { spaceId, error: String(err) })
    }
    return { previous, history: next }
  }

  async #load(spaceId: SpaceId): Promise<HealthSnapshot[] | 'unreadable'> {
    const cached = this.#kept.get(spaceId)
    if (cached !== undefined) return cached
    const path = this.#file(spaceId)
    let loaded: HealthSnapshot[] | 'unreadable'
    try {
      const bytes = await readDataFile(path, 'a new history of health snapshots is started')
      loaded = bytes === undefined ? [] : await this.#parse(spaceId, path, bytes)
    } catch (err) {
      this.#log.warn('cannot read the health snapshots of a space: answered without them until the file is readable again', { spaceId, path, error: String(err) })
      return 'unreadable'
    }
    this.#kept.set(spaceId, loaded)
    return loaded
  }

  async #parse(spaceId: SpaceId, path: string, bytes: Buffer): Promise<HealthSnapshot[]> {
    let problem: string
    try {
      const parsed = FileSchema.safeParse(JSON.parse(bytes.toString('utf8')))
      if (parsed.success && parsed.data.spaceId === spaceId) return parsed.data.snapshots
      problem = parsed.success ? `it holds the snapshots of another space (${parsed.data.spaceId})` : `it does not hold snapshots: ${parsed.error.issues[0]?.message ?? 'wrong shape'}`
    } catch (err) {
      problem = `it is not JSON: ${err instanceof Error ? err.message : String(err)}`
    }
    const keptAs = await setAside(path)
    this.#log.warn('a damaged file of health snapshots was set aside; a new history is started', { spaceId, problem, keptAs })
    return []
  }
}
