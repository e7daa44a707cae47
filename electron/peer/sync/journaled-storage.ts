/**
 * Group commit for batches, on top of the per-file durable store.
 *
 * A joined space arrives as a batch of a thousand documents. Writing each one crash-safely
 * costs several fsyncs (file, rename, directory), so a batch would wait on thousands of them.
 * Instead `saveBatch` appends the whole batch to one journal file with one fsync and returns:
 * the batch is durable. The entries are then written to their own files in the background
 * (each durably, through the inner store), and the journal is deleted only once all of them
 * are. Until then reads are served from memory. After a crash, `recover()` replays every
 * complete journal before the repo reads anything; a journal torn by the crash was never
 * acknowledged, and is dropped.
 *
 * Invariants:
 * - a key's newest write wins: a `save`/`remove` of a key supersedes a pending batch entry,
 *   which is then never written (in this process) over it;
 * - a journal is replayed whole or not at all (a checksum covers it);
 * - replaying an old journal can only re-add chunks automerge-repo had compacted away, which
 *   is harmless: chunks are additive, and the next compaction removes them again.
 */
import { PendingChunks, type Pending } from './pending-chunks.ts'
import { createHash, randomBytes } from 'node:crypto'
import path from 'node:path'
import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo'
import { DurableFsStorageAdapter, ensureDir } from './durable-fs-storage.ts'
import { fsyncDir } from '../storage/durable-file.ts'
import { dataFileError, readDataFile, setAside } from '../storage/data-file.ts'
import { nodeFs, type FsOps } from '../storage/fs-ops.ts'
import { chunkDamage } from './chunk-check.ts'

const MAGIC = new TextEncoder().encode('CWJ1')
const DIGEST_BYTES = 32
const MATERIALIZE_CONCURRENCY = 16


/** A stored chunk found damaged: where it was, why, and where it was set aside. */
export interface ChunkDamage { documentId: string; file: string; reason: string; keptAs?: string }
const CHUNK_KINDS = new Set(['snapshot', 'incremental'])
const MAX_SAVED_CHANGES = 4096
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')
const STORAGE_ID_KEY = ['storage-adapter-id']
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export class JournaledStorage implements StorageAdapterInterface {
  readonly #inner: DurableFsStorageAdapter
  readonly #journalDir: string
  /** Batch entries not yet in their own files, by the key's JSON. */
  readonly #pending = new PendingChunks()
  #background: Promise<void> = Promise.resolve()
  /** Documents forgotten here (`forget`): their saves are dropped. */
  readonly #forgotten = new Set<string>()
  /** Single writes under way (batches are in #background). */
  readonly #inFlight = new Set<Promise<void>>()
  #closed = false

  readonly #onError: (err: unknown) => void
  /** Changes written by `saveChange`, by the digest of their bytes. */
  readonly #savedChanges = new Map<string, StorageKey>()
  readonly #onDamaged: ((damage: ChunkDamage) => void) | undefined
  readonly #fs: FsOps

  /**
   * `onError` hears of a background write that failed (disk full, permissions): the data stays
   * safe in the journal. With `onDamaged`, every document chunk read is checked (chunk-check.ts):
   * one found damaged is set aside, not loaded, and reported; the document loads from its other
   * chunks, and peers send what it lacks. (Without it the store holds any bytes, as
   * automerge-repo's adapter acceptance tests expect.) `fs` is the file-system calls it makes
   * (a crash-consistency test records them).
   */
  constructor(baseDirectory: string, journalDirectory: string, onError: (err: unknown) => void = () => {}, onDamaged?: (damage: ChunkDamage) => void, fs: FsOps = nodeFs) {
    this.#fs = fs
    this.#inner = new DurableFsStorageAdapter(baseDirectory, fs)
    this.#journalDir = journalDirectory
    this.#onError = onError
    this.#onDamaged = onDamaged
  }

  /** Replays complete journals left by a crash and removes torn ones and stale temp files. Call before use. */
  async recover(): Promise<{ replayed: number; dropped: number }> {
    let replayed = 0
    let dropped = 0
    const names = await this.#fs.readdir(this.#journalDir).catch(() => [] as string[])
    for (const name of names.filter((n) => n.endsWith('.journal')).sort()) {
      const file = path.join(this.#journalDir, name)
      const entries = decodeJournal(await this.#fs.readFile(file).catch((err: unknown) => {
        throw dataFileError(file, err, 'the writes it holds are lost: they were acknowledged, so restore it if you can')
      }))
      if (entries) {
        for (const e of entries) await this.#inner.save(e.key, e.data)
        replayed++
        await this.#fs.unlink(file)
      } else {
        // Torn by a crash before its fsync (never acknowledged), or damaged: set it aside, never replay it.
        dropped++
        await this.#fs.rename(file, `${file}.damaged`)
      }
    }
    if (replayed + dropped > 0) await fsyncDir(this.#journalDir, this.#fs)
    return { replayed, dropped }
  }

  /**
   * Checks the id automerge-repo keeps for this store (peers key their sync state by it). One
   * that cannot be read refuses the start; a damaged one is set aside, and automerge-repo makes
   * a new one (peers then sync this peer's documents once from the start). Resolves to the
   * damaged file's new place, or undefined when the id is fine or missing.
   */
  async checkStorageId(): Promise<{ file: string; keptAs: string } | undefined> {
    const file = this.#inner.fileOf(STORAGE_ID_KEY)
    const bytes = await readDataFile(file, 'a new one will be made', this.#fs)
    if (bytes === undefined || UUID_RE.test(bytes.toString('utf8'))) return undefined
    return { file, keptAs: await setAside(file, undefined, this.#fs) }
  }

  /**
   * Deletes temp files left by writes a crash interrupted. They are never read, so this only
   * reclaims space, and may run in the background: it walks the whole store, which a start-up
   * with thousands of documents should not wait for. Resolves to the number deleted.
   */
  sweepTempFiles(): Promise<number> {
    return this.#inner.recover()
  }

  /** Makes every entry durable with one journal write; resolves once it is on disk. */
  async saveBatch(entries: Pending[]): Promise<void> {
    if (entries.length === 0) return
    // A batch (a join, an import) brings a forgotten document back.
    for (const e of entries) this.#forgotten.delete(e.key[0]!)
    // A batch that finds the directory just made by a concurrent one must still wait until its
    // entry is durable, or it could be acknowledged in a directory a power cut takes away.
    await ensureDir(this.#journalDir, this.#fs)
    const file = path.join(this.#journalDir, `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}.journal`)
    const fh = await this.#fs.open(file, 'wx', 0o600)
    try {
      await fh.writeFile(encodeJournal(entries))
      await fh.sync()
    } finally {
      await fh.close()
    }
    await fsyncDir(this.#journalDir, this.#fs)
    const mine: Pending[] = []
    for (const e of entries) {
      const p = { key: e.key, data: e.data }
      this.#pending.set(JSON.stringify(e.key), p)
      mine.push(p)
    }
    this.#background = this.#background.then(() => this.#materialize(mine, file))
  }

  /**
   * Removes every chunk of a document (a space this peer left) once the writes under way have
   * landed, and drops its later saves: automerge-repo may still save it (a save it had scheduled,
   * a sync state), which would put files back. A batch that holds it brings it back.
   */
  async forget(documentId: string): Promise<void> {
    this.#forgotten.add(documentId)
    await Promise.allSettled([...this.#inFlight])
    await this.removeRange([documentId])
  }

  /** Resolves once every batch so far is in its own files and its journal is gone. */
  drain(): Promise<void> {
    return this.#background
  }

  /**
   * Lets every write under way finish, then drops any later one. Called when the peer stops,
   * after the repo has flushed every document: what automerge-repo still writes after that
   * (its notes of a disconnected peer's sync state) is not the peer's data, and must not land
   * in a data directory that is no longer the peer's (being backed up, moved, or opened by the
   * next start).
   */
  async close(): Promise<void> {
    this.#closed = true
    await this.#background
    await Promise.allSettled([...this.#inFlight])
  }

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    return this.#pending.get(JSON.stringify(key))?.data ?? this.#inner.load(key)
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    if (this.#closed || this.#forgotten.has(key[0]!)) return
    this.#pending.delete(JSON.stringify(key))
    // The very change `saveChange` wrote, saved again by automerge-repo (which names a chunk by
    // its SHA-256 too, so usually under the same key): it is not written twice, and a full disk
    // cannot fail a save of what is already on disk.
    const digest = this.#savedChanges.size > 0 && key[1] === 'incremental' ? sha256(data) : undefined
    const saved = digest === undefined ? undefined : this.#savedChanges.get(digest)
    if (saved !== undefined && saved[0] === key[0]) {
      this.#savedChanges.delete(digest!)
      await this.#track(this.#inner.move(saved, key))
      return
    }
    await this.#track(this.#inner.save(key, data))
  }

  async remove(key: StorageKey): Promise<void> {
    if (this.#closed) return
    this.#pending.delete(JSON.stringify(key))
    await this.#track(this.#inner.remove(key))
  }

  /**
   * Writes one Automerge change of a document durably, as a chunk of its own. If the write
   * fails, nothing of it is left: a retry makes a new change with the same sequence number.
   */
  async saveChange(documentId: string, change: Uint8Array): Promise<void> {
    // After close nothing is written: a write acknowledged then would not be on disk.
    if (this.#closed) throw new Error('the store is closed: the peer is stopping')
    if (this.#forgotten.has(documentId)) throw new Error('the document was forgotten here: this peer left its space')
    const digest = sha256(change)
    const key = [documentId, 'incremental', digest]
    try {
      await this.save(key, change)
    } catch (err) {
      await this.#inner.remove(key).catch(() => {})
      throw err
    }
    this.#savedChanges.set(digest, key)
    // automerge-repo saves most of them again, and is matched then; the others need not be kept track of forever.
    if (this.#savedChanges.size > MAX_SAVED_CHANGES) this.#savedChanges.delete(this.#savedChanges.keys().next().value!)
  }

  #track(op: Promise<void>): Promise<void> {
    this.#inFlight.add(op)
    void op.then(() => this.#inFlight.delete(op), () => this.#inFlight.delete(op))
    return op
  }

  /** Whether a document has any chunk here (on disk or in a batch not yet in its own files), read without loading it. */
  async holds(documentId: string): Promise<boolean> {
    const isChunk = (key: StorageKey): boolean => key[0] === documentId && CHUNK_KINDS.has(key[1]!)
    if (this.#pending.ofDoc(documentId).some((p) => isChunk(p.key))) return true
    return (await this.#inner.listKeys([documentId])).some(isChunk)
  }

  async loadRange(keyPrefix: StorageKey): Promise<Chunk[]> {
    // Take the pending entries before reading the disk: one materialised in between is then
    // found in one place or the other, never in neither.
    const fromBatch = (keyPrefix.length > 0 ? this.#pending.ofDoc(keyPrefix[0]!) : [...this.#pending.values()]).filter((p) => hasPrefix(p.key, keyPrefix))
    const checked = this.#onDamaged
    if (checked && keyPrefix.length === 2 && CHUNK_KINDS.has(keyPrefix[1]!)) await this.#setAsideUnreadable(keyPrefix, checked)
    const onDisk = checked ? await this.#whole(await this.#inner.loadRange(keyPrefix), checked) : await this.#inner.loadRange(keyPrefix)
    if (fromBatch.length === 0) return onDisk
    const batchIds = new Set(fromBatch.map((p) => JSON.stringify(p.key)))
    return [...onDisk.filter((c) => !batchIds.has(JSON.stringify(c.key))), ...fromBatch.map((p) => ({ key: p.key, data: p.data }))]
  }

  /** The chunks that are whole; a damaged document chunk is set aside (never deleted) and reported. */
  async #whole(chunks: Chunk[], onDamaged: (damage: ChunkDamage) => void): Promise<Chunk[]> {
    const out: Chunk[] = []
    for (const c of chunks) {
      const reason = c.data !== undefined && c.key.length === 3 && CHUNK_KINDS.has(c.key[1]!) ? chunkDamage(c.data) : undefined
      if (reason === undefined) {
        out.push(c)
        continue
      }
      const file = this.#inner.fileOf(c.key)
      const keptAs = await setAside(file, undefined, this.#fs).catch(() => undefined)
      onDamaged({ documentId: c.key[0]!, file, reason, ...(keptAs === undefined ? {} : { keptAs }) })
    }
    return out
  }

  /** Sets aside what stands where a document's chunk file should be but is no file (a directory: nothing could be read from it or written over it). */
  async #setAsideUnreadable(prefix: StorageKey, onDamaged: (damage: ChunkDamage) => void): Promise<void> {
    const dir = this.#inner.fileOf(prefix)
    for (const entry of await this.#fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isFile() || entry.name.startsWith('.') || entry.name.includes('.damaged-')) continue
      const file = path.join(dir, entry.name)
      const keptAs = await setAside(file, undefined, this.#fs).catch(() => undefined)
      onDamaged({ documentId: prefix[0]!, file, reason: 'it is not a file and cannot be read', ...(keptAs === undefined ? {} : { keptAs }) })
    }
  }

  async removeRange(keyPrefix: StorageKey): Promise<void> {
    if (this.#closed) return
    for (const [id, p] of this.#pending.entries()) if (hasPrefix(p.key, keyPrefix)) this.#pending.delete(id)
    await this.#track(this.#inner.removeRange(keyPrefix))
  }

  async #materialize(entries: Pending[], journal: string): Promise<void> {
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < entries.length) {
        const e = entries[next++]!
        const id = JSON.stringify(e.key)
        if (this.#pending.get(id) !== e) continue // superseded by a newer save or a remove
        await this.#inner.save(e.key, e.data)
        if (this.#pending.get(id) === e) this.#pending.delete(id)
      }
    }
    try {
      await Promise.all(Array.from({ length: MATERIALIZE_CONCURRENCY }, worker))
      await this.#fs.unlink(journal)
      await fsyncDir(this.#journalDir, this.#fs)
    } catch (err) {
      // Leave the journal: the next start replays it; until then reads are served from memory.
      this.#onError(err)
    }
  }
}

function hasPrefix(key: StorageKey, prefix: StorageKey): boolean {
  return prefix.length <= key.length && prefix.every((p, i) => key[i] === p)
}

/** MAGIC, then per entry: u32 key length, key JSON, u32 data length, data; then sha256 of all that. */
export function encodeJournal(entries: Pending[]): Uint8Array {
  const enc = new TextEncoder()
  const keys = entries.map((e) => enc.encode(JSON.stringify(e.key)))
  const size = MAGIC.length + entries.reduce((n, e, i) => n + 8 + keys[i]!.length + e.data.length, 0)
  const out = new Uint8Array(size + DIGEST_BYTES)
  const view = new DataView(out.buffer)
  out.set(MAGIC, 0)
  let at = MAGIC.length
  entries.forEach((e, i) => {
    const k = keys[i]!
    view.setUint32(at, k.length); at += 4
    out.set(k, at); at += k.length
    view.setUint32(at, e.data.length); at += 4
    out.set(e.data, at); at += e.data.length
  })
  out.set(createHash('sha256').update(out.subarray(0, size)).digest(), size)
  return out
}

/** The entries of a complete journal, or undefined if it is torn or damaged. */
export function decodeJournal(bytes: Uint8Array): Pending[] | undefined {
  if (bytes.length < MAGIC.length + DIGEST_BYTES || !MAGIC.every((b, i) => bytes[i] === b)) return undefined
  const size = bytes.length - DIGEST_BYTES
  const digest = createHash('sha256').update(bytes.subarray(0, size)).digest()
  if (!digest.equals(bytes.subarray(size))) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const dec = new TextDecoder()
  const out: Pending[] = []
  let at = MAGIC.length
  try {
    while (at < size) {
      const kl = view.getUint32(at); at += 4
      const key = JSON.parse(dec.decode(bytes.subarray(at, at + kl))) as StorageKey; at += kl
      const dl = view.getUint32(at); at += 4
      if (at + dl > size || !Array.isArray(key) || !key.every((k) => typeof k === 'string')) return undefined
      out.push({ key, data: bytes.slice(at, at + dl) }); at += dl
    }
  } catch {
    return undefined
  }
  return at === size ? out : undefined
}
