/**
 * Durable before visible. A local write is made on a copy of the document first; only once its
 * change is on disk is it applied to the document everyone reads and syncs. So a write the disk
 * refuses (full, failing) is never shown, never sent to peers, and never saved later behind the
 * caller's back: it is as if it had not been asked, and the caller is told why.
 *
 * Applying a change is making the copy the document, when the document has not changed since
 * the copy was made (the usual case): the copy already holds the change, materialised, so it is
 * not worked out a second time (loading the change into the document would cost as much again
 * as making it). When something arrived meanwhile (a peer's change), the change is loaded into
 * the document instead.
 *
 * Invariants:
 * - the change's dependencies are on disk before the change is (the documents are flushed first),
 *   so a crash after it never leaves a change that cannot be applied;
 * - the copy has the document's own actor, so the change is the same one the document would
 *   have made; only one writer changes a given document at a time (its collection's queue);
 * - a change whose write failed leaves no file behind (`persist` removes it); and should that
 *   removal fail too, the document's later changes are made with a new actor each, so no two
 *   changes on disk ever share an actor and sequence number;
 * - a large write can be staged as several changes (`stagePieces`), each made in its own turn of
 *   the event loop and applied in its own turn, so none stalls the loop for long; all of them
 *   are on disk, as one chunk, before any is applied.
 */
import * as Automerge from '@automerge/automerge'
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'

/** Documents a change of which the disk refused: their later changes get a new actor each. */
const refused = new WeakSet<DocHandle<unknown>>()

/** One change, with the document it was made on and that document with the change (a copy). */
interface Step { change: Uint8Array; on: Automerge.Doc<unknown>; after: Automerge.Doc<unknown> }

/** Changes of one document, in order, each made on the copy the one before made. */
export interface StagedChange { handle: DocHandle<unknown>; steps: Step[] }

/** Hands the event loop back: timers, sockets and other calls run before the next piece. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** `fn`'s change to `on`, made on a copy of it; undefined when it changes nothing. */
function step<T>(handle: DocHandle<T>, on: Automerge.Doc<T>, fn: Automerge.ChangeFn<T>, message?: string): Step | undefined {
  const base = refused.has(handle) ? Automerge.clone(on) : Automerge.clone(on, { actor: Automerge.getActorId(on) })
  const after = message === undefined ? Automerge.change(base, fn) : Automerge.change(base, { message }, fn)
  // A change that did nothing leaves the heads; the last local change is then an older one.
  const change = sameHeads(after, on) ? undefined : Automerge.getLastLocalChange(after)
  return change === undefined ? undefined : { change, on: on as Automerge.Doc<unknown>, after: after as Automerge.Doc<unknown> }
}

/** The change `fn` makes to the handle's document, made on a copy (with a change message, if given); undefined when it changes nothing. */
export function stageChange<T>(handle: DocHandle<T>, fn: Automerge.ChangeFn<T>, message?: string): StagedChange | undefined {
  const s = step(handle, handle.doc(), fn, message)
  return s === undefined ? undefined : { handle: handle as DocHandle<unknown>, steps: [s] }
}

/**
 * The changes `pieces` make to the handle's document, one change each, each made on a copy of
 * the one before, with the event loop handed back between them; undefined when they change nothing.
 */
export async function stagePieces<T>(handle: DocHandle<T>, pieces: ReadonlyArray<Automerge.ChangeFn<T>>, pause = nextTurn): Promise<StagedChange | undefined> {
  const steps: Step[] = []
  let on = handle.doc()
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) await pause()
    const s = step(handle, on, piece)
    if (s === undefined) continue
    steps.push(s)
    on = s.after as Automerge.Doc<T>
  }
  return steps.length === 0 ? undefined : { handle: handle as DocHandle<unknown>, steps }
}

export interface CommitDeps {
  repo: Repo
  /** Writes one change of a document durably; rejects, leaving nothing behind, if it cannot. */
  persist: (documentId: DocumentId, change: Uint8Array) => Promise<void>
}

/**
 * Flushes `alsoFlush` (new documents, and the index that lists them) and the staged changes'
 * documents as they are, writes each document's staged changes durably (as one chunk), then
 * applies them, one change per turn of the event loop. Rejects, with nothing applied, if any
 * write fails.
 */
export async function commitChanges(d: CommitDeps, staged: StagedChange[], alsoFlush: DocumentId[], pause = nextTurn): Promise<void> {
  const docs = new Set<DocumentId>([...alsoFlush, ...staged.map((s) => s.handle.documentId)])
  if (docs.size > 0) await d.repo.flush([...docs])
  await Promise.all(staged.map((s) => d.persist(s.handle.documentId, joined(s.steps.map((st) => st.change))).catch((err: unknown) => {
    refused.add(s.handle)
    throw err
  })))
  let first = true
  for (const s of staged) {
    for (const st of s.steps) {
      if (!first) await pause()
      first = false
      // The copy is the document with the change, unless the document changed since it was made.
      s.handle.update((doc) => (doc === st.on ? st.after : Automerge.loadIncremental(doc, st.change)))
    }
  }
}

function sameHeads(a: Automerge.Doc<unknown>, b: Automerge.Doc<unknown>): boolean {
  const x = Automerge.getHeads(a)
  const y = Automerge.getHeads(b)
  return x.length === y.length && x.every((h, i) => h === y[i])
}

/** Changes one after another: a chunk Automerge loads as it is. */
function joined(changes: readonly Uint8Array[]): Uint8Array {
  if (changes.length === 1) return changes[0]!
  const out = new Uint8Array(changes.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of changes) {
    out.set(c, at)
    at += c.length
  }
  return out
}
