/**
 * The access decision the sync layer, the API and agents share, as a pure function of the
 * consent of every space that indexes a document, the asker, and the time.
 *
 * Invariants:
 * - a document no space indexes is shared with nobody;
 * - a document several spaces index is allowed only when every one of them allows it (so
 *   listing another space's document in your own index can never open it to your members);
 * - a space's authority document and its index shards belong to no collection: only grants
 *   on the whole space (`*`) reach them;
 * - the verdict says until when it holds, so it can be cached until then.
 */
import type { Did } from '../ids.ts'
import type { AccessMode, ConsentIndex } from './consent-index.ts'

/** Where a document sits in one space that indexes it. */
export interface DocPlacement {
  /** That space's consent; undefined while it is not known (then nobody may). */
  consent: ConsentIndex | undefined
  /** The collection holding the document there; undefined for the space's own documents (authority, index). */
  collection: string | undefined
}

export interface Verdict {
  ok: boolean
  /** Until when (ms) the verdict holds: the earliest expiry among the chains it rests on. 0 when refused. */
  until: number
}

const NO: Verdict = { ok: false, until: 0 }

/** Whether `did` may read or write `docId`, placed in the spaces that index it. */
export function decide(mode: AccessMode, did: Did | undefined, docId: string, placements: readonly DocPlacement[], now: number): Verdict {
  if (did === undefined || placements.length === 0) return NO
  let until = Infinity
  for (const p of placements) {
    const u = p.consent?.until(did, mode, docId, p.collection, now) ?? 0
    if (u <= now) return NO
    until = Math.min(until, u)
  }
  return { ok: true, until }
}

export function mayRead(did: Did | undefined, docId: string, placements: readonly DocPlacement[], now: number): Verdict {
  return decide('read', did, docId, placements, now)
}

export function mayWrite(did: Did | undefined, docId: string, placements: readonly DocPlacement[], now: number): Verdict {
  return decide('write', did, docId, placements, now)
}
