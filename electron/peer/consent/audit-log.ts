/**
 * The local, append-only audit log of consent events: grants issued, received and revoked,
 * which documents were sent to which peer and when, refused requests, dropped writes,
 * refused connections, and every call an agent made with its token. It is this peer's own record, never synced: one JSON object per line
 * in `audit.jsonl` (mode 0600) in the data directory.
 *
 * Invariants:
 * - `record`, `sentDocs` and `endConnection` never throw and never wait on the disk. Entries
 *   are queued and appended in batches, each with one write and one fdatasync: at most every
 *   200 ms, or at once when 500 are queued. An entry is on disk once `flush()` resolves; a
 *   crash can lose what was recorded in the last moments before it.
 * - The hot path is aggregated. Sync messages sent are counted per (peer, space) and written
 *   as one `docs-sent` line at most once a second, listing the distinct documents and the
 *   total count: syncing a thousand documents costs one line, not a thousand.
 * - Repeats are throttled. An identical `request-refused` or `write-dropped` (same kind,
 *   space, peer and documents) is written once per 10 s; the repeats in between are folded
 *   into one later line whose `count` is the number of repeats it stands for. A hostile peer
 *   cannot turn refusals into a line per request.
 * - Agents' calls are counted the same way, per (agent, operation, outcome) and second: the
 *   first of each second is written at once, the rest folded into one line with its `count`.
 *   An agent calling in a loop costs a few lines a second, so it cannot push the history of
 *   grants out of the log's two generations; the counts stay exact (a line without `count`
 *   stands for one call).
 * - The file is bounded. A batch that would take `audit.jsonl` past 64 MiB first renames it
 *   to `audit.1.jsonl` (replacing the older generation) and starts a new file, so the log
 *   uses at most about 128 MiB on disk and keeps the most recent history.
 * - A line torn by a crash is skipped when reading, and the next append starts on a fresh
 *   line so that it does not glue onto the torn one.
 */
import { rename } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { AppendFile, forEachLine, openToRead } from '../storage/append-file.ts'
import { fsyncDir } from '../storage/durable-file.ts'
import { OneAtATime } from '../../../shared/one-at-a-time.ts'
import type { Logger } from '../log.ts'
import { AuditKind, type AuditEntry } from '../../../shared/api/peer-api.ts'
import type { DocId, PeerIdString, SpaceId } from '../../../shared/ids.ts'

export const AUDIT_FILE = 'audit.jsonl'
/** The previous generation, kept after a rotation. */
export const AUDIT_OLD_FILE = 'audit.1.jsonl'
export const AUDIT_MAX_BYTES = 64 * 1024 * 1024

const FLUSH_INTERVAL_MS = 200
const FLUSH_NOW_AT = 500
const DOCS_SENT_WINDOW_MS = 1_000
const REPEAT_WINDOW_MS = 10_000
const AGENT_CALL_WINDOW_MS = 1_000
const DEFAULT_READ_LIMIT = 1_000
/** Entries held in memory while the disk refuses them (full, failing); beyond this the oldest are dropped. */
const MAX_QUEUED = 100_000

/** A line read back from disk is input like any other: it is validated, and a damaged one is skipped. */
const AuditLineSchema = z.object({
  at: z.string(),
  kind: z.enum(AuditKind),
  spaceId: z.string().nullable(),
  peer: z.string().optional(),
  did: z.string().optional(),
  grantId: z.string().optional(),
  docs: z.array(z.string()).optional(),
  count: z.number().int().nonnegative().optional(),
  detail: z.string().optional(),
  name: z.string().optional(),
  op: z.string().optional(),
  outcome: z.enum(['ok', 'refused', 'failed']).optional(),
})

/** What `record` takes: an entry whose time defaults to now. */
export type AuditRecordInput = Omit<AuditEntry, 'at'> & { at?: string }

export interface AuditLogOptions {
  /** The clock for timestamps and the aggregation windows (tests move it). */
  now?: () => number
  /** The size past which the file is rotated (tests make it small). */
  maxBytes?: number
}

interface SentAggregate { peer: PeerIdString; spaceId: SpaceId; docs: Set<DocId>; count: number; since: number; last: number }
interface RepeatState { windowStart: number; windowMs: number; suppressed: number; last: AuditEntry }

export class AuditLog {
  readonly #path: string
  readonly #oldPath: string
  readonly #log: Logger | undefined
  readonly #now: () => number
  readonly #maxBytes: number
  #file: AppendFile | null
  #queue: AuditEntry[] = []
  readonly #sent = new Map<string, SentAggregate>()
  readonly #repeats = new Map<string, RepeatState>()
  #timer: NodeJS.Timeout | undefined
  #timerSoon = false
  /** Writes, rotations and the opening of files to read run one at a time, in this chain. */
  readonly #turns = new OneAtATime()
  #closing: Promise<void> | undefined
  #failing = false
  #damageReported = false

  private constructor(path: string, file: AppendFile, log: Logger | undefined, opts: AuditLogOptions) {
    this.#path = path
    this.#oldPath = join(dirname(path), AUDIT_OLD_FILE)
    this.#file = file
    this.#log = log
    this.#now = opts.now ?? Date.now
    this.#maxBytes = opts.maxBytes ?? AUDIT_MAX_BYTES
  }

  /** Opens (creating if missing) `audit.jsonl` in `dataDir`. */
  static async open(dataDir: string, log?: Logger, opts: AuditLogOptions = {}): Promise<AuditLog> {
    const path = join(dataDir, AUDIT_FILE)
    return new AuditLog(path, await AppendFile.open(path, 'a new, empty audit log is started (the record of what was shared before is lost)'), log, opts)
  }

  /** Queues one entry (its `at` defaults to now). Never throws; repeated refusals are throttled. */
  record(entry: AuditRecordInput): void {
    if (this.#closing) return
    try {
      const now = this.#now()
      const full: AuditEntry = { ...entry, at: entry.at ?? new Date(now).toISOString() }
      const throttle = throttleOf(full)
      if (throttle && this.#isRepeat(full, throttle, now)) return
      this.#enqueue(full)
    } catch (err) {
      this.#log?.warn('audit entry not recorded', { kind: entry.kind, err: String(err) })
    }
  }

  /** Counts one sync message sent to `peer` for `docId`; written as part of one `docs-sent` line per second per peer and space. */
  sentDocs(peer: PeerIdString, spaceId: SpaceId, docId: DocId): void {
    if (this.#closing) return
    const key = `${peer}\n${spaceId}`
    const now = this.#now()
    let agg = this.#sent.get(key)
    if (!agg) {
      agg = { peer, spaceId, docs: new Set(), count: 0, since: now, last: now }
      this.#sent.set(key, agg)
    }
    agg.docs.add(docId)
    agg.count++
    agg.last = now
    this.#schedule()
  }

  /** Ends the aggregation window of `peer`'s `docs-sent` lines: call it when the connection closes. They go to the next batch. */
  endConnection(peer: PeerIdString): void {
    if (this.#closing) return
    for (const [key, agg] of this.#sent) {
      if (agg.peer !== peer) continue
      this.#sent.delete(key)
      this.#enqueue(docsSentEntry(agg))
    }
  }

  /** Writes everything recorded so far, including open aggregates and throttled repeats. */
  async flush(): Promise<void> {
    this.#sweep(true)
    await this.#write()
  }

  /** Flushes, stops the timers and closes the file. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown()
    return this.#closing
  }

  /**
   * The entries of `spaceId` (entries for no space are not included), oldest first: the
   * newest `limit` of them (default 1000). Includes the rotated generation, and flushes
   * first so what was recorded is there. Lines are only parsed when they mention the space,
   * so damaged lines are counted among those; they are skipped, and reported once.
   */
  async read(spaceId: SpaceId, opts: { limit?: number } = {}): Promise<AuditEntry[]> {
    const limit = Math.max(0, Math.floor(opts.limit ?? DEFAULT_READ_LIMIT))
    if (limit === 0) return []
    // A failed flush was reported by the write; what is on disk can still be read.
    if (!this.#closing) await this.flush().catch(() => {})
    // Open both generations (and note how much of the live one is complete) between writes,
    // so that a rotation or a half-done append is never seen; then read without blocking writes.
    const sources = await this.#turns.run(async () => [
      await openToRead(this.#oldPath),
      await openToRead(this.#path, this.#file?.size),
    ])
    const out: AuditEntry[] = []
    let damaged = 0
    try {
      for (const src of sources) {
        if (!src) continue
        await forEachLine(src.fh, src.size, (line) => {
          if (!line.includes(spaceId)) return
          const entry = parseLine(line)
          if (!entry) damaged++
          else if (entry.spaceId === spaceId) {
            out.push(entry)
            if (out.length >= 2 * limit) out.splice(0, out.length - limit)
          }
        })
      }
    } finally {
      await Promise.all(sources.map((s) => s?.fh.close()))
    }
    if (damaged > 0 && !this.#damageReported) {
      this.#damageReported = true
      this.#log?.warn('audit log has damaged lines (torn by a crash?); skipped them', { damaged, path: this.#path })
    }
    return out.slice(-limit)
  }

  /** True if `entry` repeats one written within its window: then it is only counted. */
  #isRepeat(entry: AuditEntry, { key, windowMs }: Throttle, now: number): boolean {
    const state = this.#repeats.get(key)
    if (state && now - state.windowStart < windowMs) {
      state.suppressed++
      state.last = entry
      this.#schedule()
      return true
    }
    if (state && state.suppressed > 0) this.#enqueue({ ...state.last, count: state.suppressed })
    this.#repeats.set(key, { windowStart: now, windowMs, suppressed: 0, last: entry })
    return false
  }

  /** Moves due aggregates and throttled repeats (all of them if `all`) into the queue. */
  #sweep(all: boolean): void {
    const now = this.#now()
    for (const [key, agg] of this.#sent) {
      if (!all && now - agg.since < DOCS_SENT_WINDOW_MS) continue
      this.#sent.delete(key)
      this.#enqueue(docsSentEntry(agg))
    }
    for (const [key, state] of this.#repeats) {
      const expired = now - state.windowStart >= state.windowMs
      if (state.suppressed > 0 && (all || expired)) {
        this.#enqueue({ ...state.last, count: state.suppressed })
        state.suppressed = 0
        // A flood that goes on stays throttled: the next window starts now.
        if (expired) state.windowStart = now
      } else if (expired) {
        this.#repeats.delete(key)
      }
    }
  }

  #enqueue(entry: AuditEntry): void {
    this.#queue.push(entry)
    this.#schedule()
  }

  #schedule(): void {
    if (this.#closing) return
    if (this.#queue.length >= FLUSH_NOW_AT) {
      if (this.#timerSoon) return
      clearTimeout(this.#timer)
      this.#timerSoon = true
      this.#timer = setTimeout(() => this.#tick(), 0)
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.#tick(), FLUSH_INTERVAL_MS)
    } else {
      return
    }
    // The log never keeps the process alive: shutdown flushes it through close().
    this.#timer.unref()
  }

  #tick(): void {
    this.#timer = undefined
    this.#timerSoon = false
    this.#sweep(false)
    // Failures are reported (once per run of them) in #write; the entries stay queued.
    this.#write().catch(() => {})
    if (this.#sent.size > 0 || this.#repeats.size > 0) this.#schedule()
  }

  /** Appends what is queued when its turn comes: one write and one fdatasync. */
  #write(): Promise<void> {
    return this.#turns.run(async () => {
      const file = this.#file
      if (this.#queue.length === 0 || !file) return
      const batch = this.#queue
      this.#queue = []
      try {
        const data = Buffer.from(batch.map((e) => JSON.stringify(e)).join('\n') + '\n')
        if (file.size > 0 && file.size + data.length > this.#maxBytes) await this.#rotate()
        await (this.#file ?? file).append(data)
        if (this.#failing) this.#log?.info('audit log writes again')
        this.#failing = false
      } catch (err) {
        this.#requeue(batch)
        if (!this.#failing) this.#log?.warn('audit log write failed; entries kept in memory and retried', { err: String(err) })
        this.#failing = true
        throw err
      }
    })
  }

  /** Puts a batch that could not be written back in front of the queue, dropping the oldest past the cap. */
  #requeue(batch: AuditEntry[]): void {
    this.#queue = batch.concat(this.#queue)
    const excess = this.#queue.length - MAX_QUEUED
    if (excess > 0) {
      this.#queue.splice(0, excess)
      this.#log?.error('audit log entries dropped: the disk refuses them', { dropped: excess })
    }
    this.#schedule()
  }

  /** `audit.jsonl` becomes `audit.1.jsonl`; a new file takes its place. If that fails, appending goes on. */
  async #rotate(): Promise<void> {
    const old = this.#file
    if (!old) return
    try {
      await rename(this.#path, this.#oldPath)
      await fsyncDir(dirname(this.#path))
    } catch (err) {
      this.#log?.warn('audit log rotation failed; the file keeps growing', { err: String(err) })
      return
    }
    this.#file = await AppendFile.open(this.#path)
    await old.close().catch(() => {})
  }

  async #shutdown(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    try {
      await this.flush()
    } finally {
      const file = this.#file
      this.#file = null
      await this.#turns.run(async () => file?.close())
    }
  }
}

interface Throttle { key: string; windowMs: number }

/** Which entries are folded into counts, by what they share and over how long; null for those always written. */
function throttleOf(e: AuditEntry): Throttle | null {
  if (e.kind === AuditKind.RequestRefused || e.kind === AuditKind.WriteDropped) {
    return { key: JSON.stringify([e.kind, e.spaceId, e.peer ?? null, e.docs ?? []]), windowMs: REPEAT_WINDOW_MS }
  }
  if (e.kind === AuditKind.AgentCall) {
    return { key: JSON.stringify([e.kind, e.spaceId, e.did ?? null, e.op ?? null, e.outcome ?? null]), windowMs: AGENT_CALL_WINDOW_MS }
  }
  return null
}

function docsSentEntry(agg: SentAggregate): AuditEntry {
  return {
    at: new Date(agg.last).toISOString(),
    kind: AuditKind.DocsSent,
    spaceId: agg.spaceId,
    peer: agg.peer,
    docs: [...agg.docs],
    count: agg.count,
  }
}

function parseLine(line: string): AuditEntry | null {
  try {
    const parsed = AuditLineSchema.safeParse(JSON.parse(line))
    // The ids on disk were branded when they were recorded.
    return parsed.success ? (parsed.data as AuditEntry) : null
  } catch {
    return null
  }
}
