/**
 * Writes through the real store the way the peer does, on a RecordingFs, noting when each write
 * was acknowledged (how many disk changes had been logged by then):
 * - two batches of documents, saved concurrently through the journal (as a join or an import);
 * - documents made in an automerge-repo Repo over the store, and local writes to them and to
 *   the batch documents through commitChanges (flush, then saveChange: the app's own path);
 * - some writes two at a time, to different documents, so writes, fsyncs and renames interleave;
 * - automerge-repo compacting as it does: a small document on every save, a larger one once its
 *   incremental chunks outweigh its snapshot (snapshot written, incremental chunks unlinked).
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import * as Automerge from '@automerge/automerge'
import { Repo, generateAutomergeUrl, parseAutomergeUrl, type DocHandle, type DocumentId, type PeerId } from '@automerge/automerge-repo'
import { JournaledStorage } from '../../../electron/peer/sync/journaled-storage.ts'
import { commitChanges, stageChange } from '../../../electron/peer/domain/durable-change.ts'
import { RecordingFs, type FsOp, type RecordingOptions } from './recording-fs.ts'

type Doc = { title: string; pad: string; items: Record<string, number> }

/** One acknowledged write: after it, the document holds these heads. */
export interface Ack { doc: string; heads: Automerge.Heads; at: number; what: string }

export interface Workload { ops: FsOp[]; acks: Ack[]; docs: string[]; backgroundErrors: unknown[] }

export const STORE = 'automerge'
export const JOURNAL = 'automerge-journal'

/** A document's padding: random, so its snapshot is about `bytes` long and does not compress. */
const pad = (bytes: number): string => randomBytes(Math.ceil(bytes * 0.75)).toString('base64').slice(0, bytes)

export async function runWorkload(root: string, writes: number, opts: RecordingOptions = {}): Promise<Workload> {
  const fs = new RecordingFs(root, opts)
  const backgroundErrors: unknown[] = []
  const storage = new JournaledStorage(path.join(root, STORE), path.join(root, JOURNAL), (e) => backgroundErrors.push(e), undefined, fs)
  await storage.recover()
  const acks: Ack[] = []
  const ack = (doc: string, heads: Automerge.Heads, what: string): void => { acks.push({ doc, heads, at: fs.ops.length, what }) }

  // Two batches at once, as two joins landing together: both make the journal directory.
  const batchDocs = [0, 1, 2, 3].map((i) => {
    const id = parseAutomergeUrl(generateAutomergeUrl()).documentId as string
    const doc = Automerge.from<Doc>({ title: `joined ${i}`, pad: pad(i % 2 === 0 ? 200 : 1300), items: {} })
    return { id, doc, bytes: Automerge.save(doc) }
  })
  await Promise.all([batchDocs.slice(0, 2), batchDocs.slice(2)].map(async (batch, b) => {
    await storage.saveBatch(batch.map((d) => ({ key: [d.id, 'snapshot', `join-${b}`], data: d.bytes })))
    for (const d of batch) ack(d.id, Automerge.getHeads(d.doc), `the join batch holding ${d.id}`)
  }))

  // automerge-repo saves a document when it is flushed (each write flushes its own first), not on a timer: the log is the writes'.
  const repo = new Repo({ storage, network: [], peerId: 'crash-check' as PeerId, saveDebounceRate: 60_000 })
  const handles: Array<DocHandle<Doc>> = [
    repo.create<Doc>({ title: 'large', pad: pad(1400), items: {} }),
    repo.create<Doc>({ title: 'small', pad: pad(100), items: {} }),
    repo.create<Doc>({ title: 'medium', pad: pad(1100), items: {} }),
  ]
  for (const d of batchDocs) handles.push(await repo.find<Doc>(d.id as DocumentId))
  const created = new Set(handles.slice(0, 3).map((h) => h.documentId))

  const write = async (h: DocHandle<Doc>, n: number): Promise<void> => {
    const staged = stageChange(h, (d) => { d.items[`w${n}`] = n })!
    const flushFirst = created.delete(h.documentId) ? [h.documentId] : []
    await commitChanges({ repo, persist: (id, change) => storage.saveChange(id, change) }, [staged], flushFirst)
    ack(h.documentId, Automerge.getHeads(staged.steps.at(-1)!.after), `write w${n} to ${h.documentId}`)
  }
  // Half the writes go to the large document, the rest round the others; every other pair one
  // after the other, as automerge-repo skips compacting while another document is compacting.
  for (let n = 0; n < writes; n += 2) {
    const other = handles[1 + ((n / 2) % (handles.length - 1))]!
    if (n % 4 === 0) await Promise.all([write(handles[0]!, n), write(other, n + 1)])
    else {
      await write(handles[0]!, n)
      await write(other, n + 1)
    }
  }
  await repo.flush()
  await repo.shutdown()
  await storage.drain()
  await storage.close()
  return { ops: fs.ops, acks, docs: handles.map((h) => h.documentId as string), backgroundErrors }
}
