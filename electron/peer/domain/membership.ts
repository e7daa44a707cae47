/**
 * Who may receive, and who may change, which document. This is the one module the sync layer
 * asks (`mayRead`, `mayWrite`, `knows`); it answers from each space's signed consent grants.
 *
 * Invariants:
 * - a document is shared only with peers holding a valid read chain for it in the space that
 *   indexes it; a document two spaces index is shared only with peers allowed by both, so
 *   listing another space's document in your own index can never open it to your members;
 * - a document no space indexes is shared with nobody; no index can claim another space's
 *   authority document;
 * - a space's root is its founder as pinned when this peer first met the space; a later edit of
 *   the `founder` field changes nothing;
 * - grants and revocations are kept in the local log as well as the shared document, so
 *   deleting one from the document takes nothing away; every one is signature-checked once;
 * - verdicts are cached until the index changes or the verdict's own expiry passes; the index
 *   is rebuilt when a grant or revocation arrives and when an expiry or nbf passes;
 * - an authority document that fails its schema is quarantined: the last valid version stays
 *   in force, and the failure is logged.
 */
import { isValidDocumentId, type DocHandle } from '@automerge/automerge-repo'
import { peerIdFromString } from '@libp2p/peer-id'
import { AuthorityDocSchema, type AuthorityDoc } from '../../../shared/schemas/space.ts'
import type { Did, DocId, SpaceId } from '../../../shared/ids.ts'
import { ErrorCode, type ErrorData } from '../../../shared/errors.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import { ConsentIndex, type AccessMode } from '../../../shared/grants/consent-index.ts'
import type { Grant, Revocation } from '../../../shared/grants/grant-format.ts'
import type { GrantCrypto } from '../../../shared/grants/signature.ts'
import { verifyRevocation } from '../../../shared/grants/grant-verify.ts'
import { decodeGrant } from '../../../shared/grants/grant-codec.ts'
import type { GrantLog } from '../grants/grant-log.ts'
import type { Logger } from '../log.ts'
import type { GuestSpace, LocalState } from './local-state.ts'

interface SpaceEntry {
  kind: 'member' | 'guest'
  root: Did | undefined
  doc: AuthorityDoc | undefined
  guest: GuestSpace | undefined
  docs: Set<string>
  /** document id -> the collection holding it */
  collectionOf: Map<string, string>
  consent: ConsentIndex | undefined
}

export interface MembershipDeps {
  /** Tells the sync layer to re-evaluate who gets what (automerge-repo's `repo.shareConfigChanged`). */
  shareConfigChanged: () => void
  log: Logger
  state: LocalState
  grantLog: GrantLog
  crypto: GrantCrypto
  now: () => number
}

const VERDICT_CACHE_MAX = 200_000
/** Envelopes remembered as refused (by hash), so a peer repeating them costs no signature check. */
const REJECTED_MAX = 10_000

export class Membership {
  readonly #d: MembershipDeps
  readonly #spaces = new Map<SpaceId, SpaceEntry>()
  readonly #docToSpaces = new Map<string, Set<SpaceId>>()
  readonly #listeners = new Set<(spaceId: SpaceId) => void>()
  readonly #unsubscribers: Array<() => void> = []
  readonly #grants = new Map<string, Grant>()
  readonly #revocations = new Map<string, Revocation>()
  /** Envelope bytes already judged bad, by the key they came under: not checked again. */
  readonly #rejected = new Set<string>()
  readonly #verdicts = new Map<string, number>()
  readonly #dids = new Map<string, Did | null>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #stopped = false

  constructor(deps: MembershipDeps) {
    this.#d = deps
    for (const rec of deps.grantLog.all()) this.#admit(rec.spaceId, rec.kind, rec.bytes)
  }

  /** Indexes a space's authority document and follows its changes. */
  track(spaceId: SpaceId, handle: DocHandle<AuthorityDoc>): void {
    const previous = this.#spaces.get(spaceId)
    if (previous?.kind === 'member') return
    // A guest space becoming a member space: its guest listing goes, the authority document decides now.
    if (previous) for (const d of previous.docs) this.#docToSpaces.get(d)?.delete(spaceId)
    // No other space may go on indexing this space's authority document.
    for (const [otherId, other] of this.#spaces) {
      if (other.docs.delete(spaceId)) this.#docToSpaces.get(spaceId)?.delete(otherId)
    }
    this.#spaces.set(spaceId, emptyEntry('member', this.#d.state.root(spaceId) as Did | undefined))
    const onChange = (): void => this.#reindex(spaceId, handle.doc())
    handle.on('change', onChange)
    this.#unsubscribers.push(() => handle.off('change', onChange))
    this.#reindex(spaceId, handle.doc())
  }

  /** Indexes a space this peer holds a grant to without being a member. */
  trackGuest(spaceId: SpaceId, guest: GuestSpace): void {
    const existing = this.#spaces.get(spaceId)
    if (existing?.kind === 'member') return
    const entry = existing ?? emptyEntry('guest', guest.root as Did)
    entry.guest = guest
    this.#spaces.set(spaceId, entry)
    // A guest's list comes from its granter: it may never name a document a space this peer is a member of lists.
    const collections: Record<string, string[]> = {}
    for (const [name, ids] of Object.entries(guest.collections)) collections[name] = ids.filter((id) => ![...(this.#docToSpaces.get(id) ?? [])].some((s) => s !== spaceId && this.#spaces.get(s)?.kind === 'member'))
    this.#setDocs(spaceId, entry, collections, false)
    this.#rebuild(spaceId)
  }

  authority(spaceId: SpaceId): AuthorityDoc | undefined {
    return this.#spaces.get(spaceId)?.doc
  }

  guest(spaceId: SpaceId): GuestSpace | undefined {
    const s = this.#spaces.get(spaceId)
    return s?.kind === 'guest' ? s.guest : undefined
  }

  root(spaceId: SpaceId): Did | undefined {
    return this.#spaces.get(spaceId)?.root
  }

  consent(spaceId: SpaceId): ConsentIndex | undefined {
    return this.#spaces.get(spaceId)?.consent
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

  collectionOf(spaceId: SpaceId, docId: string): string | undefined {
    return this.#spaces.get(spaceId)?.collectionOf.get(docId)
  }

  /** The access decision the sync layer enforces for reads and announcements. */
  mayRead(peerId: string, docId: string): boolean {
    return this.#decide(peerId, docId, 'read')
  }

  /** The access decision the sync layer enforces for changes arriving from a peer. */
  mayWrite(peerId: string, docId: string): boolean {
    return this.#decide(peerId, docId, 'write')
  }

  /** True when the peer is the root of, or holds a valid grant in, any space here: only such peers stay connected. */
  knows(peerId: string): boolean {
    const did = this.didOf(peerId)
    if (!did) return false
    const now = this.#d.now()
    for (const s of this.#spaces.values()) if (s.consent?.knows(did, now)) return true
    return false
  }

  /** The did:key of a libp2p peer id (Ed25519 keys only), cached. */
  didOf(peerId: string): Did | undefined {
    let did = this.#dids.get(peerId)
    if (did === undefined) {
      try {
        const key = peerIdFromString(peerId).publicKey
        did = key?.type === 'Ed25519' ? didFromPublicKey(key.raw) : null
      } catch {
        did = null
      }
      if (this.#dids.size > 10_000) this.#dids.clear()
      this.#dids.set(peerId, did)
    }
    return did ?? undefined
  }

  /** The roster name of a peer, from the first space we share with it. */
  nameOf(peerId: string): string | undefined {
    const did = this.didOf(peerId)
    if (!did) return undefined
    for (const s of this.#spaces.values()) {
      const entry = s.doc?.roster[did]
      if (entry && entry.peerId === peerId) return entry.name
    }
    return undefined
  }

  /** The spaces in which a peer is root or holds a valid grant. */
  spacesOf(peerId: string): SpaceId[] {
    const did = this.didOf(peerId)
    if (!did) return []
    const now = this.#d.now()
    return [...this.#spaces].filter(([, s]) => s.consent?.knows(did, now)).map(([id]) => id)
  }

  /**
   * Checks signed envelopes received from `source` (a peer, a code, this peer) and keeps the
   * good ones, in the local log and the index. Answers how many were new and why others failed.
   */
  async addEnvelopes(
    spaceId: SpaceId, env: { grants?: Uint8Array[]; revocations?: Uint8Array[] }, source: string, revokerOk?: (iss: Did) => boolean,
  ): Promise<{ added: string[]; rejected: ErrorData[] }> {
    const added: Array<{ id: string; kind: 'grant' | 'revocation'; bytes: Uint8Array }> = []
    const rejected: ErrorData[] = []
    const take = (kind: 'grant' | 'revocation', bytes: Uint8Array): void => {
      const known = this.#d.grantLog
      const r = this.#admit(spaceId, kind, bytes, revokerOk)
      if (!r.ok) rejected.push(r.error)
      else if (!known.has(r.id) && !added.some((a) => a.id === r.id)) added.push({ id: r.id, kind, bytes })
    }
    for (const b of env.revocations ?? []) take('revocation', b)
    for (const b of env.grants ?? []) take('grant', b)
    // In force at once (a revocation must not wait for the disk), then kept.
    if (added.length > 0) this.#rebuild(spaceId)
    const kept: string[] = []
    for (const a of added) if (await this.#d.grantLog.add({ id: a.id, spaceId, kind: a.kind, bytes: a.bytes, source })) kept.push(a.id)
    return { added: kept, rejected }
  }

  /** Every signature-checked grant of a space, and every revocation, as envelopes. */
  envelopes(spaceId: SpaceId): { grants: Grant[]; revocations: Revocation[] } {
    return {
      grants: [...this.#grants.values()].filter((g) => g.payload.sub === spaceId),
      revocations: [...this.#revocations.values()].filter((r) => r.payload.sub === spaceId),
    }
  }

  grantById(grantId: string): Grant | undefined {
    return this.#grants.get(grantId)
  }

  onChange(listener: (spaceId: SpaceId) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
    for (const u of this.#unsubscribers.splice(0)) u()
    this.#listeners.clear()
  }

  #decide(peerId: string, docId: string, mode: AccessMode): boolean {
    const now = this.#d.now()
    const key = `${peerId}\u0000${docId}\u0000${mode}`
    const cached = this.#verdicts.get(key)
    if (cached !== undefined) return cached > now
    const until = this.#until(peerId, docId, mode, now)
    if (this.#verdicts.size >= VERDICT_CACHE_MAX) this.#verdicts.clear()
    this.#verdicts.set(key, until)
    return until > now
  }

  #until(peerId: string, docId: string, mode: AccessMode, now: number): number {
    const spaces = this.#docToSpaces.get(docId)
    const did = this.didOf(peerId)
    if (!spaces || spaces.size === 0 || !did) return 0
    let until = Infinity
    for (const spaceId of spaces) {
      const s = this.#spaces.get(spaceId)
      const u = s?.consent?.until(did, mode, docId, docId === spaceId ? undefined : s.collectionOf.get(docId), now) ?? 0
      until = Math.min(until, u)
    }
    return until
  }

  /** Decodes and signature-checks one envelope once; keeps it if good. */
  #admit(spaceId: SpaceId, kind: 'grant' | 'revocation', bytes: Uint8Array, revokerOk?: (iss: Did) => boolean): { ok: true; id: string } | { ok: false; error: ErrorData } {
    const key = `${kind}:${spaceId}:${this.#d.crypto.sha256(bytes).join(',')}`
    if (this.#rejected.has(key)) return { ok: false, error: { code: ErrorCode.GrantMalformed, message: 'this envelope was refused before' } }
    if (kind === 'grant') {
      // Time, chain and revocation are the index's to judge, and change; the signature and space do not.
      const decoded = decodeGrant(bytes, this.#d.crypto)
      if (!decoded.ok) return this.#refuse(key, decoded.error)
      const g = decoded.value
      if (!this.#d.crypto.verify(g.signature, g.signedBytes, g.issuerKey)) return this.#refuse(key, { code: ErrorCode.SignatureInvalid, message: 'the grant\'s signature is not valid for its issuer' })
      if (g.payload.sub !== spaceId) return this.#refuse(key, { code: ErrorCode.WrongSpace, message: 'the grant is for another space' })
      this.#grants.set(g.id, g)
      return { ok: true, id: g.id }
    }
    const r = verifyRevocation(bytes, spaceId, this.#d.crypto)
    if (!r.ok) return this.#refuse(key, r.error)
    if (revokerOk && !revokerOk(r.value.payload.iss) && r.value.payload.iss !== this.#spaces.get(spaceId)?.root) {
      return this.#refuse(key, { code: ErrorCode.Forbidden, message: 'the revocation is by no one this space\'s grants name' })
    }
    this.#revocations.set(r.value.id, r.value)
    return { ok: true, id: r.value.id }
  }

  #refuse(key: string, error: ErrorData): { ok: false; error: ErrorData } {
    if (this.#rejected.size >= REJECTED_MAX) this.#rejected.clear()
    this.#rejected.add(key)
    return { ok: false, error }
  }

  #reindex(spaceId: SpaceId, raw: unknown): void {
    const entry = this.#spaces.get(spaceId)
    if (!entry || raw === undefined) return
    const parsed = AuthorityDocSchema.safeParse(raw)
    if (!parsed.success) {
      this.#d.log.warn('authority document quarantined: it does not match the schema', { spaceId, issue: parsed.error.issues[0] })
      return
    }
    const doc = parsed.data
    entry.doc = doc
    const rootFirstSeen = entry.root === undefined
    if (entry.root === undefined) {
      entry.root = doc.founder as Did
      void this.#d.state.pinRoot(spaceId, doc.founder).catch((err: unknown) => this.#d.log.error('could not pin a space\'s founder', { spaceId, error: String(err) }))
    } else if (doc.founder !== entry.root) {
      this.#d.log.warn('authority document names another founder: ignored, the founder first met stays the root', { spaceId })
    }
    const newEnvelopes: Array<Promise<unknown>> = []
    for (const [kind, map] of [['grant', doc.grants], ['revocation', doc.revocations]] as const) {
      for (const [id, bytes] of Object.entries(map ?? {})) {
        if (this.#grants.has(id) || this.#revocations.has(id)) continue
        const r = this.#admit(spaceId, kind, bytes)
        if (r.ok && !this.#d.grantLog.has(r.id)) newEnvelopes.push(this.#d.grantLog.add({ id: r.id, spaceId, kind, bytes, source: 'authority-document' }))
      }
    }
    if (newEnvelopes.length > 0) {
      void Promise.all(newEnvelopes).catch((err: unknown) => this.#d.log.error('could not keep grants in the local log', { spaceId, error: String(err) }))
    }
    const docsChanged = this.#setDocs(spaceId, entry, doc.collections, true)
    // Most edits of an authority document (names on the roster) change nobody's access: those only
    // tell the listeners, without re-evaluating every document's sharing with every peer.
    if (rootFirstSeen || docsChanged || newEnvelopes.length > 0 || entry.consent === undefined) this.#rebuild(spaceId)
    else this.#notify(spaceId)
  }

  /** Indexes a space's documents; true when the set or their collections changed. */
  #setDocs(spaceId: SpaceId, entry: SpaceEntry, collections: Record<string, string[]>, includeSelf: boolean): boolean {
    const docs = new Set<string>(includeSelf ? [spaceId] : [])
    const collectionOf = new Map<string, string>()
    for (const [name, ids] of Object.entries(collections)) {
      for (const id of ids) {
        if (!isValidDocumentId(id)) this.#d.log.warn('index entry ignored: not a document id', { spaceId, id: id.slice(0, 60) })
        else if ((id as string) !== spaceId && this.#spaces.get(id as string as SpaceId)?.kind === 'member') this.#d.log.warn('index entry ignored: it is another space\'s authority document', { spaceId, id })
        else {
          docs.add(id)
          collectionOf.set(id, name)
        }
      }
    }
    for (const d of entry.docs) if (!docs.has(d)) this.#docToSpaces.get(d)?.delete(spaceId)
    for (const d of docs) {
      let owners = this.#docToSpaces.get(d)
      if (!owners) this.#docToSpaces.set(d, (owners = new Set()))
      owners.add(spaceId)
      if (owners.size > 1) this.#d.log.warn('a document is indexed by several spaces: only peers allowed by all of them get it', { docId: d, spaces: [...owners] })
    }
    const changed = docs.size !== entry.docs.size || [...collectionOf].some(([id, name]) => entry.collectionOf.get(id) !== name)
    entry.docs = docs
    entry.collectionOf = collectionOf
    return changed
  }

  /** Rebuilds a space's consent index, clears cached verdicts and tells the sync layer and listeners. */
  #rebuild(spaceId: SpaceId): void {
    const entry = this.#spaces.get(spaceId)
    if (!entry || this.#stopped) return
    if (entry.root !== undefined) {
      const { grants, revocations } = this.envelopes(spaceId)
      entry.consent = new ConsentIndex({ space: spaceId, root: entry.root, grants, revocations, now: this.#d.now() })
    }
    this.#verdicts.clear()
    this.#schedule()
    this.#d.shareConfigChanged()
    this.#notify(spaceId)
  }

  #notify(spaceId: SpaceId): void {
    for (const l of this.#listeners) {
      try {
        l(spaceId)
      } catch (err) {
        this.#d.log.error('membership listener failed', { error: String(err) })
      }
    }
  }

  /** Rebuilds the spaces whose verdicts change by the clock (an expiry or nbf) when that time comes. */
  #schedule(): void {
    clearTimeout(this.#timer)
    let next = Infinity
    for (const s of this.#spaces.values()) next = Math.min(next, s.consent?.nextChange ?? Infinity)
    if (!Number.isFinite(next)) return
    const delay = Math.min(Math.max(next - this.#d.now(), 0) + 5, 2 ** 31 - 1)
    this.#timer = setTimeout(() => {
      for (const id of this.#spaces.keys()) this.#rebuild(id)
    }, delay)
    this.#timer.unref?.()
  }
}

function emptyEntry(kind: 'member' | 'guest', root: Did | undefined): SpaceEntry {
  return { kind, root, doc: undefined, guest: undefined, docs: new Set(), collectionOf: new Map(), consent: undefined }
}

