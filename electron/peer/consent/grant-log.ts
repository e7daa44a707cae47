/**
 * The local, append-only log of consent envelopes: every signed grant and revocation this
 * peer has seen, as the raw bytes it saw them, by space. A space's shared document can be
 * edited to drop a grant or a revocation; this log is only ever appended to, so a revocation
 * once seen keeps applying and a grant once seen stays on record. One JSON object per line
 * in `consent.jsonl` (mode 0600) in the data directory, the bytes in base64.
 *
 * Invariants:
 * - `add` resolves only once the record is on disk (write + fdatasync), and a record is in
 *   memory (`has`, `all`) only once it is on disk.
 * - Ids are unique: adding an id that is there, or on its way there, writes nothing.
 * - Writes never interleave: adds that arrive while a write is under way are written
 *   together next, with one fdatasync for the lot.
 * - A line torn by a crash was never acknowledged. Loading skips it (and any other damaged
 *   line, reporting how many), and the next append starts on a fresh line.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { AppendFile } from '../storage/append-file.ts'
import type { Logger } from '../log.ts'
import type { SpaceId } from '../../../shared/ids.ts'

export const CONSENT_FILE = 'consent.jsonl'

export type ConsentKind = 'grant' | 'revocation'

/** One consent envelope as this peer keeps it. The bytes are shared with the log: do not mutate them. */
export interface ConsentRecord {
  /** The envelope's id (a grant's or revocation's content id). */
  id: string
  spaceId: SpaceId
  kind: ConsentKind
  /** The signed envelope exactly as received or issued. */
  bytes: Uint8Array
  /** Where it was seen: issued here, received from a peer, read from a space document. Free text. */
  source: string
  /** When this peer first logged it (ISO 8601). */
  at: string
}

export type NewConsentRecord = Omit<ConsentRecord, 'at'>

/** The file is read back as untrusted input: a line that does not fit is skipped. */
const ConsentLineSchema = z.object({
  id: z.string().min(1),
  spaceId: z.string().min(1),
  kind: z.enum(['grant', 'revocation']),
  bytes: z.base64(),
  source: z.string(),
  at: z.string(),
})

interface Pending { rec: ConsentRecord; line: string; resolve: (added: boolean) => void; reject: (err: unknown) => void }

export class GrantLog {
  readonly #file: AppendFile
  readonly #byId = new Map<string, ConsentRecord>()
  readonly #bySpace = new Map<SpaceId, ConsentRecord[]>()
  readonly #all: ConsentRecord[] = []
  /** Adds accepted but not yet on disk, by id, so that a second add of the same id waits for the first. */
  readonly #inFlight = new Map<string, Promise<boolean>>()
  #pending: Pending[] = []
  #writing: Promise<void> | null = null
  #closing: Promise<void> | undefined

  private constructor(file: AppendFile) {
    this.#file = file
  }

  /** Opens (creating if missing) `consent.jsonl` in `dataDir` and loads it into memory. */
  static async open(dataDir: string, log?: Logger): Promise<GrantLog> {
    const path = join(dataDir, CONSENT_FILE)
    const file = await AppendFile.open(path, 'the grants this peer holds are read again from the spaces\' documents (grants it issued that no document holds are lost)')
    const gl = new GrantLog(file)
    let damaged = 0
    try {
      for (const line of (await file.readAll()).toString('utf8').split('\n')) {
        if (line === '') continue
        const rec = parseLine(line)
        if (rec === null) damaged++
        else if (!gl.#byId.has(rec.id)) gl.#index(rec)
      }
    } catch (err) {
      await file.close().catch(() => {})
      throw err
    }
    if (damaged > 0) log?.warn('consent log has damaged lines (torn by a crash?); skipped them', { damaged, path })
    return gl
  }

  /** True once a record with this id is on disk. */
  has(id: string): boolean {
    return this.#byId.has(id)
  }

  /**
   * Appends a record durably. Resolves true once it is on disk, false if the id was already
   * logged (nothing is written then). Rejects if the disk refuses it, or the log is closed.
   */
  add(rec: NewConsentRecord): Promise<boolean> {
    if (this.#closing) return Promise.reject(new Error('the consent log is closed'))
    if (this.#byId.has(rec.id)) return Promise.resolve(false)
    const earlier = this.#inFlight.get(rec.id)
    // If the earlier add of this id fails, this one is the next attempt.
    if (earlier) return earlier.then(() => false, () => this.add(rec))
    // Copied, so that the caller reusing its buffer cannot change what was logged.
    const full: ConsentRecord = { ...rec, bytes: new Uint8Array(rec.bytes), at: new Date().toISOString() }
    const line = JSON.stringify({ ...full, bytes: Buffer.from(full.bytes).toString('base64') })
    const added = new Promise<boolean>((resolve, reject) => {
      this.#pending.push({ rec: full, line, resolve, reject })
    })
    this.#inFlight.set(rec.id, added)
    this.#drain()
    return added
  }

  /** Every record (of `spaceId`, if given) in the order it was logged. */
  all(spaceId?: SpaceId): ConsentRecord[] {
    return spaceId === undefined ? this.#all.slice() : (this.#bySpace.get(spaceId) ?? []).slice()
  }

  /** Waits for adds under way, then closes the file. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      while (this.#writing) await this.#writing
      await this.#file.close()
    })()
    return this.#closing
  }

  #drain(): void {
    if (this.#writing || this.#pending.length === 0) return
    const batch = this.#pending
    this.#pending = []
    this.#writing = this.#write(batch).finally(() => {
      this.#writing = null
      this.#drain()
    })
  }

  /** Writes a batch with one fdatasync and settles its adds; never rejects. */
  async #write(batch: Pending[]): Promise<void> {
    try {
      await this.#file.append(Buffer.from(batch.map((p) => p.line).join('\n') + '\n'))
    } catch (err) {
      for (const p of batch) {
        this.#inFlight.delete(p.rec.id)
        p.reject(err)
      }
      return
    }
    for (const p of batch) {
      this.#index(p.rec)
      this.#inFlight.delete(p.rec.id)
      p.resolve(true)
    }
  }

  #index(rec: ConsentRecord): void {
    this.#byId.set(rec.id, rec)
    this.#all.push(rec)
    const list = this.#bySpace.get(rec.spaceId)
    if (list) list.push(rec)
    else this.#bySpace.set(rec.spaceId, [rec])
  }
}

function parseLine(line: string): ConsentRecord | null {
  try {
    const parsed = ConsentLineSchema.safeParse(JSON.parse(line))
    if (!parsed.success) return null
    const { bytes, spaceId, ...rest } = parsed.data
    // The space id was branded when the record was added.
    return { ...rest, spaceId: spaceId as SpaceId, bytes: new Uint8Array(Buffer.from(bytes, 'base64')) }
  } catch {
    return null
  }
}
