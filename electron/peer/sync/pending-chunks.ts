/**
 * Batch entries not yet in their own files (journaled-storage.ts), by the key's JSON and by
 * document: a load or a `holds` of one document reads its own entries, not every entry of a
 * batch of thousands.
 */
import type { StorageKey } from '@automerge/automerge-repo'

export interface Pending { key: StorageKey; data: Uint8Array }

export class PendingChunks {
  readonly #all = new Map<string, Pending>()
  readonly #byDoc = new Map<string, Set<string>>()

  get(id: string): Pending | undefined {
    return this.#all.get(id)
  }

  set(id: string, p: Pending): void {
    this.delete(id)
    this.#all.set(id, p)
    const doc = p.key[0] ?? ''
    let ids = this.#byDoc.get(doc)
    if (!ids) this.#byDoc.set(doc, (ids = new Set()))
    ids.add(id)
  }

  delete(id: string): boolean {
    const p = this.#all.get(id)
    if (!p) return false
    this.#all.delete(id)
    const doc = p.key[0] ?? ''
    const ids = this.#byDoc.get(doc)
    ids?.delete(id)
    if (ids?.size === 0) this.#byDoc.delete(doc)
    return true
  }

  /** The entries whose key starts with `documentId`. */
  ofDoc(documentId: string): Pending[] {
    return [...(this.#byDoc.get(documentId) ?? [])].map((id) => this.#all.get(id)!)
  }

  values(): IterableIterator<Pending> {
    return this.#all.values()
  }

  entries(): Array<[string, Pending]> {
    return [...this.#all.entries()]
  }
}
