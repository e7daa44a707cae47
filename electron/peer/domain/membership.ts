/**
 * Who may receive which document. This is the one module the sync layer asks; today it
 * answers from each space's roster, and signed consent grants replace it behind the same
 * interface (`mayRead`, `spacesOf`, `onChange`).
 *
 * Invariants:
 * - a document is shared only with peers on the roster of the space that indexes it; a
 *   document two spaces index is shared only with peers on both rosters, so listing another
 *   space's document in your own index can never open it to your members;
 * - a document no space indexes is shared with nobody; no index can claim another space's
 *   authority document;
 * - a roster entry counts only if its peer id is the one its did:key derives (one key, both ids);
 * - an authority document that fails its schema is quarantined: the last valid version stays
 *   in force, and the failure is logged.
 */
import { isValidDocumentId, type DocHandle } from '@automerge/automerge-repo'
import { AuthorityDocSchema, type AuthorityDoc } from '../../../shared/schemas/space.ts'
import type { DocId, PeerIdString, SpaceId } from '../../../shared/ids.ts'
import type { Logger } from '../log.ts'
import { peerIdFromDid } from '../identity/identity.ts'

interface SpaceIndex {
  doc: AuthorityDoc | undefined
  members: Set<string>
  docs: Set<string>
}

export class Membership {
  readonly #shareConfigChanged: () => void
  readonly #log: Logger
  readonly #spaces = new Map<SpaceId, SpaceIndex>()
  readonly #docToSpaces = new Map<string, Set<SpaceId>>()
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
    // No other space may go on indexing this space's authority document.
    for (const [otherId, other] of this.#spaces) {
      if (other.docs.delete(spaceId)) this.#docToSpaces.get(spaceId)?.delete(otherId)
    }
    this.#spaces.set(spaceId, { doc: undefined, members: new Set(), docs: new Set() })
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

  /** Whether any space here indexes this document (a join must never write into such a document). */
  isIndexed(docId: string): boolean {
    return (this.#docToSpaces.get(docId)?.size ?? 0) > 0
  }

  /** The one space that indexes a document, or undefined if none or several do. */
  ownerOf(docId: string): SpaceId | undefined {
    const spaces = this.#docToSpaces.get(docId)
    return spaces?.size === 1 ? [...spaces][0] : undefined
  }

  docsOf(spaceId: SpaceId): DocId[] {
    return [...(this.#spaces.get(spaceId)?.docs ?? [])] as DocId[]
  }

  isMember(spaceId: SpaceId, peerId: string): boolean {
    return this.#spaces.get(spaceId)?.members.has(peerId) ?? false
  }

  /** The access decision the sync layer enforces for reads and announcements. */
  mayRead(peerId: string, docId: string): boolean {
    const spaces = this.#docToSpaces.get(docId)
    if (!spaces || spaces.size === 0) return false
    for (const spaceId of spaces) if (!this.isMember(spaceId, peerId)) return false
    return true
  }

  /** The roster name of a peer, from the first space we share with it. */
  nameOf(peerId: string): string | undefined {
    for (const s of this.#spaces.values()) {
      if (!s.members.has(peerId)) continue
      const entry = Object.values(s.doc?.roster ?? {}).find((m) => m.peerId === peerId)
      if (entry) return entry.name
    }
    return undefined
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
    const members = new Set<string>()
    for (const m of Object.values(doc.roster)) {
      if (peerIdFromDid(m.did) === m.peerId) members.add(m.peerId as PeerIdString)
      else this.#log.warn('roster entry ignored: its peer id is not the one its did derives', { spaceId, did: m.did })
    }
    const docs = new Set<string>([spaceId])
    for (const id of Object.values(doc.collections).flat()) {
      if (!isValidDocumentId(id)) this.#log.warn('index entry ignored: not a document id', { spaceId, id: id.slice(0, 60) })
      else if ((id as string) !== spaceId && this.#spaces.has(id as string as SpaceId)) this.#log.warn('index entry ignored: it is another space\'s authority document', { spaceId, id })
      else docs.add(id)
    }
    const changed = !sameSet(members, index.members) || !sameSet(docs, index.docs)
    for (const d of index.docs) if (!docs.has(d)) this.#docToSpaces.get(d)?.delete(spaceId)
    for (const d of docs) {
      let owners = this.#docToSpaces.get(d)
      if (!owners) this.#docToSpaces.set(d, (owners = new Set()))
      owners.add(spaceId)
      if (owners.size > 1) this.#log.warn('a document is indexed by several spaces: only members of all of them get it', { docId: d, spaces: [...owners] })
    }
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
