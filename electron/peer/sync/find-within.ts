/**
 * `repo.find` with a time limit. automerge-repo's own `signal` option leaves a rejection behind:
 * a find that loads from disk never races the signal's promise, so when the signal fires later
 * that promise rejects with nobody listening (an unhandled AbortError, long after the find
 * succeeded). This races the find against a timer of our own instead, cleared when either
 * settles; the find itself always settles (ready, or unavailable after the repo's own timeout).
 */
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'

export async function findWithin<T>(repo: Repo, docId: string, ms: number): Promise<DocHandle<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`document ${docId.slice(0, 12)}… did not load within ${ms} ms`)), ms)
    timer.unref?.()
  })
  const find = repo.find<T>(docId as DocumentId)
  // Once the timer has won, the find's own outcome is of no interest (and must not go unhandled).
  find.catch(() => {})
  try {
    return await Promise.race([find, late])
  } finally {
    clearTimeout(timer)
  }
}
