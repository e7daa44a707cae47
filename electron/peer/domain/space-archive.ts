/**
 * Backup and restore of a whole space: `export` writes one file (archive-format.ts) with every
 * document the space owns; `import` checks the whole file, then stores its documents as a
 * join does (one journal write, durable before it answers) and loads the space.
 *
 * Invariants:
 * - an export holds every document of the space, each exactly as this peer has it (identical
 *   heads after an import into a fresh data directory), or it is not written at all;
 * - the export file appears whole or not at all (temp file, fsync, rename);
 * - import writes nothing until the whole file has passed every check;
 * - a space already here takes the file's changes in (Automerge merges them); a space whose
 *   founder differs from the one this peer pinned is refused.
 */
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import * as Automerge from '@automerge/automerge'
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import type { ExportResult, ImportResult } from '../../../shared/api/backup-api.ts'
import type { AuthorityDoc } from '../../../shared/schemas/space.ts'
import type { Consent } from '../consent/consent.ts'
import type { Identity } from '../identity/identity.ts'
import type { JournaledStorage } from '../sync/journaled-storage.ts'
import { findWithin } from '../sync/find-within.ts'
import { writeFileDurable } from '../storage/durable-file.ts'
import type { Logger } from '../log.ts'
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, ArchiveWriter, docEntry, readArchive, type ArchiveDocEntry } from './archive-format.ts'
import type { CollectionStore } from './collection-store.ts'
import type { LocalState } from './local-state.ts'
import type { Membership } from './membership.ts'
import { toPlain } from './stored-values.ts'
import { mapLimit } from './live-collection.ts'

export interface ArchiveDeps {
  repo: Repo
  storage: Pick<JournaledStorage, 'saveBatch' | 'loadRange'>
  consent: Consent
  membership: Membership
  state: LocalState
  store: CollectionStore
  identity: Identity
  log: Logger
  now: () => number
  /** Progress of a long export or import (documents done of total). */
  progress: (p: { spaceId: SpaceId; op: 'export' | 'import'; done: number; total: number }) => void
  /** This peer's role in a space, from its grants. */
  standing: (spaceId: SpaceId) => { role: string; access: { cmd: string } }
}

const LOAD_TIMEOUT_MS = 10_000
const JOURNAL_BATCH_BYTES = 16 * 1024 * 1024
const MAX_ARCHIVE_BYTES = 2 * 1024 ** 3 - 1

export class SpaceArchive {
  readonly #d: ArchiveDeps
  constructor(deps: ArchiveDeps) {
    this.#d = deps
  }

  async export(spaceId: SpaceId, file: string, overwrite = false): Promise<ExportResult> {
    const doc = this.#d.membership.authority(spaceId)
    if (!doc) {
      if (this.#d.consent.spaces.guest(spaceId)) throw new CommonweaveError(ErrorCode.Forbidden, 'You hold a grant to part of this space, not membership: only members can export it.')
      throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows the spaces you are in.`)
    }
    if (!overwrite && (await stat(file).then(() => true, () => false))) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `${file} already exists. Choose another file, or replace it with --overwrite.`)
    }
    await this.#d.membership.settled(spaceId)
    const spaces = this.#d.consent.spaces
    const ids: string[] = [spaceId, ...spaces.docsOf(spaceId).filter((id) => (id as string) !== spaceId && spaces.ownerOf(id) === spaceId)]
    let done = 0
    const loaded = await mapLimit(ids, 8, async (id) => {
      const handle = await findWithin<unknown>(this.#d.repo, id, LOAD_TIMEOUT_MS).catch(() => undefined)
      this.#tick(spaceId, 'export', ++done, ids.length)
      return { id, handle }
    })
    const missing = loaded.filter((l) => !l.handle)
    if (missing.length > 0) {
      throw new CommonweaveError(ErrorCode.Unavailable, `${missing.length} of the space's ${ids.length} documents are not on this peer yet (${missing.slice(0, 3).map((m) => m.id).join(', ')}…): wait until it has synced with a member, then export again.`)
    }
    const entries: ArchiveDocEntry[] = []
    const binaries: Uint8Array[] = []
    const views: Array<Record<string, unknown>> = []
    for (const { id, handle } of loaded) {
      const am = (handle as DocHandle<unknown>).doc() as Automerge.Doc<unknown>
      const data = Automerge.save(am)
      const collection = id === spaceId ? null : spaces.collectionOf(spaceId, id) || null
      entries.push(docEntry(id, collection, data, Automerge.getHeads(am)))
      binaries.push(data)
      const items = collection ? (am as { items?: Record<string, unknown> }).items : undefined
      for (const [itemId, item] of Object.entries(items ?? {})) views.push({ collection, id: itemId, ...(toPlain(item) as object) })
    }
    const w = new ArchiveWriter()
    w.manifest({
      format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, spaceId, name: doc.name, exportedAt: new Date(this.#d.now()).toISOString(),
      exportedBy: this.#d.identity.did, documents: entries, items: views.length,
    })
    for (const [i, e] of entries.entries()) w.doc(e.id, binaries[i]!)
    for (const v of views) w.item(v)
    const bytes = w.finish()
    await writeFileDurable(file, bytes, 0o600)
    this.#d.log.info('space exported', { spaceId, file, documents: entries.length, items: views.length, bytes: bytes.byteLength })
    return { file, spaceId, name: doc.name, documents: entries.length, items: views.length, bytes: bytes.byteLength }
  }

  async import(file: string): Promise<ImportResult> {
    const name = basename(file)
    const data = await readImportFile(file)
    const { manifest, docs, authority } = readArchive(data, name)
    const spaceId = manifest.spaceId as SpaceId
    const pinned = this.#d.state.root(spaceId)
    if (pinned !== undefined && pinned !== authority.founder) {
      throw new CommonweaveError(ErrorCode.ArchiveInvalid, `${name} cannot be imported: it names another founder for space ${spaceId} than the one this peer knows. Nothing was changed.`)
    }
    if (this.#d.consent.spaces.has(spaceId) && !this.#d.consent.spaces.isMember(spaceId)) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `You hold a grant to part of "${authority.name}" here; leave it first (commonweave leave), then import the whole space.`)
    }
    // Documents listed by another space here are never written by an import.
    for (const id of docs.keys()) {
      const owner = this.#d.consent.spaces.ownerOf(id)
      if (owner !== undefined && owner !== spaceId) throw new CommonweaveError(ErrorCode.ArchiveInvalid, `${name} cannot be imported: document ${id} belongs to another space here. Nothing was changed.`)
    }
    // Checked: now written. Documents open here take the changes in; the others go to disk in journal batches.
    let merged = 0
    let batch: Array<{ key: string[]; data: Uint8Array }> = []
    let batchBytes = 0
    let done = 0
    for (const [id, bytes] of docs) {
      const open = this.#d.repo.handles[id as DocumentId]
      if (open?.isReady()) {
        open.update((d) => Automerge.loadIncremental(d as Automerge.Doc<unknown>, bytes))
        merged++
      } else {
        if ((await this.#d.storage.loadRange([id])).length > 0) merged++
        batch.push({ key: [id, 'snapshot', `import-${createHash('sha256').update(bytes).digest('hex')}`], data: bytes })
        batchBytes += bytes.byteLength
        if (batchBytes >= JOURNAL_BATCH_BYTES) {
          await this.#d.storage.saveBatch(batch)
          batch = []
          batchBytes = 0
        }
      }
      this.#tick(spaceId, 'import', ++done, docs.size)
    }
    await this.#d.storage.saveBatch(batch)
    await this.#d.repo.flush(Object.values(this.#d.repo.handles).filter((h) => h.isReady() && docs.has(h.documentId)).map((h) => h.documentId))
    await this.#d.state.pinRoot(spaceId, authority.founder)
    await this.#d.state.addSpace(spaceId)
    const handle = await findWithin<AuthorityDoc>(this.#d.repo, spaceId, LOAD_TIMEOUT_MS)
    this.#d.membership.track(spaceId, handle)
    await this.#d.membership.settled(spaceId)
    this.#d.store.spaceChanged(spaceId)
    const standing = this.#d.standing(spaceId)
    const member = standing.role === 'founder' || standing.access.cmd !== 'none'
    this.#d.log.info('space imported', { spaceId, file, documents: docs.size, merged, member })
    if (!member) this.#d.log.info('the imported space is a local copy: this peer holds no grant in it', { spaceId, did: this.#d.identity.did as Did })
    return { spaceId, name: authority.name, documents: docs.size, merged, member }
  }

  #tick(spaceId: SpaceId, op: 'export' | 'import', done: number, total: number): void {
    if (done === total || done % 100 === 0) this.#d.progress({ spaceId, op, done, total })
  }
}

/** Reads and checks an export file without touching any peer: ARCHIVE_INVALID (or a file error) in words when it cannot be imported. */
export async function checkArchiveFile(file: string): Promise<void> {
  readArchive(await readImportFile(file), basename(file))
}

async function readImportFile(file: string): Promise<Uint8Array> {
  try {
    const size = (await stat(file)).size
    if (size > MAX_ARCHIVE_BYTES) throw new CommonweaveError(ErrorCode.ArchiveInvalid, `${basename(file)} is larger than an export this peer reads (2 GiB). Nothing was changed.`)
    return await readFile(file)
  } catch (err) {
    if (err instanceof CommonweaveError) throw err
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new CommonweaveError(ErrorCode.NotFound, `There is no file ${file}. Give the path of an export file.`)
    if (code === 'EISDIR') throw new CommonweaveError(ErrorCode.ValidationFailed, `${file} is a folder, not an export file.`)
    if (code === 'EACCES' || code === 'EPERM') throw new CommonweaveError(ErrorCode.Forbidden, `${file} cannot be read: permission denied. Check its permissions.`)
    throw err
  }
}
