/**
 * What we know a remote peer already holds, so the sync layer need not announce it.
 *
 * automerge-repo starts a sync handshake for every loaded document with every peer it may
 * announce to, each time they connect. Right after a join, the inviter knows the joiner holds
 * exactly the documents it just sent as a batch; announcing them again would be a thousand
 * handshakes that carry nothing. So the announce policy asks `holds(peer, doc)` first.
 *
 * Invariants:
 * - a record is dropped as soon as the document's heads change here, and the sync layer is
 *   told to re-evaluate, so a later change always reaches the peer;
 * - records of a peer are dropped when it disconnects: a reconnect syncs as usual;
 * - this only ever suppresses announcing; access (answering requests) is decided elsewhere.
 */
import type { DocHandle, DocumentId } from '@automerge/automerge-repo'

export class KnownRemoteHeads {
  readonly #byDoc = new Map<string, { peers: Set<string>; off: () => void }>()
  readonly #onForget: () => void
  #scheduled: ReturnType<typeof setTimeout> | undefined

  /** `onForget` runs (debounced) when records were dropped, to re-evaluate sharing. */
  constructor(onForget: () => void) {
    this.#onForget = onForget
  }

  /** `peer` holds the document exactly as `handle` has it now. */
  record(peer: string, handle: DocHandle<unknown>): void {
    let entry = this.#byDoc.get(handle.documentId)
    if (!entry) {
      const onHeads = (): void => this.#forgetDoc(handle.documentId)
      handle.on('heads-changed', onHeads)
      entry = { peers: new Set(), off: () => handle.off('heads-changed', onHeads) }
      this.#byDoc.set(handle.documentId, entry)
    }
    entry.peers.add(peer)
  }

  holds(peer: string, docId: DocumentId | string): boolean {
    return this.#byDoc.get(docId)?.peers.has(peer) ?? false
  }

  /** Drops everything recorded about `peer`; if it is still connected, sharing is re-evaluated. */
  forgetPeer(peer: string): void {
    let dropped = false
    for (const [docId, entry] of this.#byDoc) {
      if (!entry.peers.delete(peer)) continue
      dropped = true
      if (entry.peers.size === 0) {
        entry.off()
        this.#byDoc.delete(docId)
      }
    }
    if (dropped) this.#schedule()
  }

  clear(): void {
    for (const entry of this.#byDoc.values()) entry.off()
    this.#byDoc.clear()
    clearTimeout(this.#scheduled)
    this.#scheduled = undefined
  }

  #forgetDoc(docId: string): void {
    const entry = this.#byDoc.get(docId)
    if (!entry) return
    entry.off()
    this.#byDoc.delete(docId)
    this.#schedule()
  }

  #schedule(): void {
    this.#scheduled ??= setTimeout(() => {
      this.#scheduled = undefined
      this.#onForget()
    }, 10)
  }
}
