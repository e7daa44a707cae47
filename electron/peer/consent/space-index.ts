/**
 * Which documents belong to which space, and to which collection there: what every access
 * decision is placed in. Fed by the domain (a member space's authority document and index, a
 * guest space's catalog from its granter); it knows collections only as labels.
 *
 * Invariants:
 * - a space's own documents (its authority document and index shards) carry no collection;
 * - no space may index another member space's authority document;
 * - a guest space never lists a document that a space this peer is a member of lists;
 * - an entry whose id is not a document id is ignored (and logged), never indexed.
 */
import { looksLikeDocumentId, type Did, type DocId, type SpaceId } from '../../../shared/ids.ts'
import type { Logger } from '../log.ts'

/** A space this peer holds a grant to without being a member: what it may sync, learnt from the granter. */
export interface GuestSpace {
  root: string
  name: string
  /** The granter's peer id, dialled to sync. */
  granter: string
  /** collection name -> document ids, as the granter's hello listed them. */
  collections: Record<string, string[]>
}

/** What the domain knows of a member space: its root, its name, and its documents with their collections. */
export interface MemberSpaceView {
  root: Did
  name: string
  /** document id -> collection, or null for the space's own documents (authority, index shards). */
  docs: ReadonlyMap<string, string | null>
}

interface Entry {
  kind: 'member' | 'guest'
  root: Did
  name: string
  guest: GuestSpace | undefined
  /** document id -> collection ('' for the space's own documents) */
  docs: Map<string, string>
  /** The map a member space was last set from: the same one again changes nothing. */
  input?: ReadonlyMap<string, string | null>
}

export class SpaceIndex {
  readonly #log: Logger
  readonly #spaces = new Map<SpaceId, Entry>()
  readonly #docToSpaces = new Map<string, Set<SpaceId>>()


  constructor(log: Logger) {
    this.#log = log
  }

  /** Indexes a member space; true when its documents or their collections changed. */
  setMember(spaceId: SpaceId, view: MemberSpaceView): boolean {
    const previous = this.#spaces.get(spaceId)
    if (previous?.kind === 'member' && previous.input === view.docs && previous.root === view.root) {
      previous.name = view.name
      return false
    }
    if (previous?.kind !== 'member') {
      // No other space may go on indexing this space's authority document.
      for (const [otherId, other] of this.#spaces) {
        if (otherId !== spaceId && other.docs.delete(spaceId)) this.#docToSpaces.get(spaceId)?.delete(otherId)
      }
    }
    const docs = new Map<string, string>([[spaceId, '']])
    for (const [id, collection] of view.docs) {
      if (id === spaceId) continue
      if (!looksLikeDocumentId(id)) this.#log.warn('index entry ignored: not a document id', { spaceId, id: id.slice(0, 60) })
      else if (this.#spaces.get(id as string as SpaceId)?.kind === 'member') this.#log.warn('index entry ignored: it is another space\'s authority document', { spaceId, id })
      else docs.set(id, collection ?? '')
    }
    const entry: Entry = { kind: 'member', root: view.root, name: view.name, guest: undefined, docs: previous?.docs ?? new Map(), input: view.docs }
    this.#spaces.set(spaceId, entry)
    return this.#replaceDocs(spaceId, entry, docs) || previous?.kind !== 'member' || previous.root !== view.root
  }

  /** Indexes a space this peer holds a grant to without being a member; a member space stays one. */
  setGuest(spaceId: SpaceId, guest: GuestSpace): boolean {
    const existing = this.#spaces.get(spaceId)
    if (existing?.kind === 'member') return false
    const entry: Entry = existing ?? { kind: 'guest', root: guest.root as Did, name: guest.name, guest, docs: new Map() }
    entry.guest = guest
    entry.name = guest.name
    this.#spaces.set(spaceId, entry)
    const docs = new Map<string, string>()
    for (const [name, ids] of Object.entries(guest.collections)) {
      for (const id of ids) {
        if (!looksLikeDocumentId(id)) continue
        // A guest's list comes from its granter: it may never name a document a member space here lists.
        const owners = this.#docToSpaces.get(id)
        if (owners && [...owners].some((s) => s !== spaceId && this.#spaces.get(s)?.kind === 'member')) continue
        docs.set(id, name)
      }
    }
    return this.#replaceDocs(spaceId, entry, docs) || existing === undefined
  }

  /** Forgets a space and its documents (this peer left it). */
  remove(spaceId: SpaceId): void {
    const entry = this.#spaces.get(spaceId)
    if (!entry) return
    this.#replaceDocs(spaceId, entry, new Map())
    for (const [d, owners] of [...this.#docToSpaces]) if (owners.size === 0) this.#docToSpaces.delete(d)
    this.#spaces.delete(spaceId)
  }

  spaceIds(): SpaceId[] {
    return [...this.#spaces.keys()]
  }

  has(spaceId: SpaceId): boolean {
    return this.#spaces.has(spaceId)
  }

  isMember(spaceId: SpaceId): boolean {
    return this.#spaces.get(spaceId)?.kind === 'member'
  }

  guest(spaceId: SpaceId): GuestSpace | undefined {
    const s = this.#spaces.get(spaceId)
    return s?.kind === 'guest' ? s.guest : undefined
  }

  root(spaceId: SpaceId): Did | undefined {
    return this.#spaces.get(spaceId)?.root
  }

  name(spaceId: SpaceId): string | undefined {
    return this.#spaces.get(spaceId)?.name
  }

  /** Whether any space here indexes this document (a join must never write into such a document). */
  isIndexed(docId: string): boolean {
    return (this.#docToSpaces.get(docId)?.size ?? 0) > 0
  }

  /** The spaces that index a document. */
  spacesOfDoc(docId: string): ReadonlySet<SpaceId> {
    return this.#docToSpaces.get(docId) ?? EMPTY
  }

  /** The one space that indexes a document, or undefined if none or several do. */
  ownerOf(docId: string): SpaceId | undefined {
    const spaces = this.#docToSpaces.get(docId)
    return spaces?.size === 1 ? [...spaces][0] : undefined
  }

  /** Every document of a space, its own first. */
  docsOf(spaceId: SpaceId): DocId[] {
    return [...(this.#spaces.get(spaceId)?.docs.keys() ?? [])] as DocId[]
  }

  /** The collection a document belongs to in a space; undefined for the space's own documents and strangers. */
  collectionOf(spaceId: SpaceId, docId: string): string | undefined {
    const c = this.#spaces.get(spaceId)?.docs.get(docId)
    return c === '' ? undefined : c
  }

  /** The documents of one collection of a space that this space alone indexes (a contested document is written by none). */
  docsIn(spaceId: SpaceId, collection: string): DocId[] {
    const out: DocId[] = []
    for (const [id, c] of this.#spaces.get(spaceId)?.docs ?? []) if (c === collection) out.push(id as DocId)
    return out
  }

  /** collection -> document ids of a space, for the collections named (a guest's catalog). */
  catalog(spaceId: SpaceId, collections: ReadonlySet<string>): Record<string, string[]> {
    const out: Record<string, string[]> = {}
    for (const [id, c] of this.#spaces.get(spaceId)?.docs ?? []) {
      if (c !== '' && collections.has(c)) (out[c] ??= []).push(id)
    }
    return out
  }

  /** Collection names with at least one document in a space. */
  collections(spaceId: SpaceId): string[] {
    const out = new Set<string>()
    for (const c of this.#spaces.get(spaceId)?.docs.values() ?? []) if (c !== '') out.add(c)
    return [...out]
  }

  #replaceDocs(spaceId: SpaceId, entry: Entry, docs: Map<string, string>): boolean {
    const before = entry.docs
    let changed = before.size !== docs.size
    for (const d of before.keys()) if (!docs.has(d)) this.#docToSpaces.get(d)?.delete(spaceId)
    for (const [d, c] of docs) {
      if (before.get(d) !== c) changed = true
      let owners = this.#docToSpaces.get(d)
      if (!owners) this.#docToSpaces.set(d, (owners = new Set()))
      if (!owners.has(spaceId)) {
        owners.add(spaceId)
        if (owners.size > 1) this.#log.warn('a document is indexed by several spaces: only peers allowed by all of them get it', { docId: d, spaces: [...owners] })
      }
    }
    entry.docs = docs
    return changed
  }
}

const EMPTY: ReadonlySet<SpaceId> = new Set()

