/**
 * Durable before visible. A local write is made on a copy of the document first; only once its
 * change is on disk is it applied to the document everyone reads and syncs. So a write the disk
 * refuses (full, failing) is never shown, never sent to peers, and never saved later behind the
 * caller's back: it is as if it had not been asked, and the caller is told why.
 *
 * Invariants:
 * - the change's dependencies are on disk before the change is (the documents are flushed first),
 *   so a crash after it never leaves a change that cannot be applied;
 * - the copy has the document's own actor, so the change is the same one the document would
 *   have made; only one writer changes a given document at a time (its collection's queue);
 * - a change whose write failed leaves no file behind (`persist` removes it); and should that
 *   removal fail too, the document's later changes are made with a new actor each, so no two
 *   changes on disk ever share an actor and sequence number.
 */
import * as Automerge from '@automerge/automerge'
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'

/** Documents a change of which the disk refused: their later changes get a new actor each. */
const refused = new WeakSet<DocHandle<unknown>>()

export interface StagedChange { handle: DocHandle<unknown>; change: Uint8Array }

/** The change `fn` makes to the handle's document, made on a copy (with a change message, if given); undefined when it changes nothing. */
export function stageChange<T>(handle: DocHandle<T>, fn: Automerge.ChangeFn<T>, message?: string): StagedChange | undefined {
  const doc = handle.doc()
  const base = refused.has(handle) ? Automerge.clone(doc) : Automerge.clone(doc, { actor: Automerge.getActorId(doc) })
  const copy = message === undefined ? Automerge.change(base, fn) : Automerge.change(base, { message }, fn)
  const change = Automerge.getLastLocalChange(copy)
  return change === undefined ? undefined : { handle: handle as DocHandle<unknown>, change }
}

export interface CommitDeps {
  repo: Repo
  /** Writes one change of a document durably; rejects, leaving nothing behind, if it cannot. */
  persist: (documentId: DocumentId, change: Uint8Array) => Promise<void>
}

/**
 * Flushes `alsoFlush` (new documents, and the index that lists them) and the staged changes'
 * documents as they are, writes each staged change durably, then applies them. Rejects, with
 * nothing applied, if any write fails.
 */
export async function commitChanges(d: CommitDeps, staged: StagedChange[], alsoFlush: DocumentId[]): Promise<void> {
  const docs = new Set<DocumentId>([...alsoFlush, ...staged.map((s) => s.handle.documentId)])
  if (docs.size > 0) await d.repo.flush([...docs])
  await Promise.all(staged.map((s) => d.persist(s.handle.documentId, s.change).catch((err: unknown) => {
    refused.add(s.handle)
    throw err
  })))
  for (const s of staged) s.handle.update((doc) => Automerge.loadIncremental(doc, s.change))
}
