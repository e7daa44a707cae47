/**
 * Who may receive which document. This is the one module the sync layer asks; today it
 * answers from each space's roster, and signed consent grants replace it behind the same
 * interface (`mayRead`, `spacesOf`, `onChange`).
 *
 * Invariants:
 * - a document is shared only with peers on the roster of the space that indexes it;
 * - a document no space indexes is shared with nobody;
 * - an authority document that fails its schema is quarantined: it grants nothing.
 */
import type { DocHandle } from '@automerge/automerge-repo'
import { AuthorityDocSchema, type AuthorityDoc } from '../../../shared/schemas/space.ts'
import type { DocId, PeerIdString, SpaceId } from '../../../shared/ids.ts'
import type { Logger } from '../log.ts'

interface SpaceIndex {
  doc: AuthorityDoc | undefined
  members: Set<string>
  docs: Set<string>
}

export class Membership {
  readonly #shareConfigChanged: () => void
  readonly #log: Logger
  readonly #spaces = new Map<SpaceId, SpaceIndex>()
  readonly #docToSpace = new Map<string, SpaceId>()
  readonly #listeners = new Set<(spaceId: SpaceId) => void>()
  readonly #unsubscribers: Array<() => void> = []

  /** `shareConfigChanged` tells the sync layer to re-evaluate who gets what (automerge-repo's `repo.shareConfigChanged`). */
  constructor(shareConfigChanged: () => void, log: Logger) {
    this.#shareConfigChanged = shareConfigChanged
    this.#log = log
  }

  /** Indexes a space's authority document and follows its changes. */
  track(spaceId: SpaceId, handle: DocHandle<AuthorityDoc>): void {
    if (this.#spaces.has(spaceId)) return
    this.#spaces.set(spaceId, { doc: undefined, members: new Set(), docs: new Set([spaceId]) })
    this.#docToSpace.set(spaceId, spaceId)
    const onChange = (): void => this.#reindex(spaceId, handle.doc())
    handle.on('change', onChange)
    this.#unsubscribers.push(() => handle.off('change', onChange))
    this.#reindex(spaceId, handle.doc())
  }

  authority(spaceId: SpaceId): AuthorityDoc | undefined {
    return this.#spaces.get(spaceId)?.doc
  }

  spaceIds(): SpaceId[] {
    return [...this.#spaces.keys()]
  }

  spaceOfDoc(docId: string): SpaceId | undefined {
    return this.#docToSpace.get(docId)
  }

  docsOf(spaceId: SpaceId): DocId[] {
    return [...(this.#spaces.get(spaceId)?.docs ?? [])] as DocId[]
  }

  isMember(spaceId: SpaceId, peerId: string): boolean {
    return this.#spaces.get(spaceId)?.members.has(peerId) ?? false
  }

  /** The access decision the sync layer enforces for reads and announcements. */
  mayRead(peerId: string, docId: string): boolean {
    const spaceId = this.#docToSpace.get(docId)
    return spaceId !== undefined && this.isMember(spaceId, peerId)
  }

  spacesOf(peerId: string): SpaceId[] {
    return [...this.#spaces].filter(([, s]) => s.members.has(peerId)).map(([id]) => id)
  }

  onChange(listener: (spaceId: SpaceId) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  stop(): void {
    for (const u of this.#unsubscribers.splice(0)) u()
    this.#listeners.clear()
  }

  #reindex(spaceId: SpaceId, raw: unknown): void {
    const index = this.#spaces.get(spaceId)
    if (!index || raw === undefined) return
    const parsed = AuthorityDocSchema.safeParse(raw)
    if (!parsed.success) {
      this.#log.warn('authority document quarantined: it does not match the schema', { spaceId, issue: parsed.error.issues[0] })
      return
    }
    const doc = parsed.data
    const members = new Set(Object.values(doc.roster).map((m) => m.peerId as PeerIdString))
    const docs = new Set<string>([spaceId, ...Object.values(doc.collections).flat()])
    const changed = !sameSet(members, index.members) || !sameSet(docs, index.docs)
    for (const d of index.docs) if (!docs.has(d)) this.#docToSpace.delete(d)
    for (const d of docs) this.#docToSpace.set(d, spaceId)
    index.doc = doc
    index.members = members
    index.docs = docs
    if (changed) this.#shareConfigChanged()
    for (const l of this.#listeners) l(spaceId)
  }
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false
  for (const x of a) if (!b.has(x)) return false
  return true
}
