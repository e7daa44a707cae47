/**
 * Consent, as the sync layer and the API ask it: who may receive, and who may change, which
 * document, decided from each space's signed grants by the pure `mayRead`/`mayWrite` of
 * `shared/grants/access.ts`, with verdicts cached until they can change.
 *
 * The domain feeds it (spaces and their documents, envelopes from documents and codes); the
 * gate, hello and sync guard ask it. It knows no collection by name and no document's layout.
 *
 * Invariants:
 * - a space's consent index is rebuilt whenever its grants, revocations, documents or root
 *   change, and when an expiry or nbf passes; every rebuild clears the cached verdicts,
 *   tells the sync layer (`shareConfigChanged`) and the listeners;
 * - an envelope is in force in memory before it reaches the disk (a revocation must not wait);
 * - a space's root is what the domain says it is (the founder as first met), never re-read here.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import type { Did, DocId, SpaceId } from '../../../shared/ids.ts'
import type { ErrorData } from '../../../shared/errors.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import { ConsentIndex, type AccessMode } from '../../../shared/grants/consent-index.ts'
import { decide, type DocPlacement } from '../../../shared/grants/access.ts'
import type { Grant, Revocation } from '../../../shared/grants/grant-format.ts'
import type { GrantCrypto } from '../../../shared/grants/signature.ts'
import type { Logger } from '../log.ts'
import type { GrantLog } from './grant-log.ts'
import { GrantStore, type Envelopes } from './grant-store.ts'
import { SpaceIndex, type GuestSpace, type MemberSpaceView } from './space-index.ts'

const VERDICT_CACHE_MAX = 200_000

export interface ConsentDeps {
  /** Tells the sync layer to re-evaluate who gets what (automerge-repo's `repo.shareConfigChanged`). */
  shareConfigChanged: () => void
  log: Logger
  grantLog: GrantLog
  crypto: GrantCrypto
  now: () => number
}

export interface EnvelopeResult { added: string[]; rejected: ErrorData[] }

/** Envelopes as a space's document keeps them: by the id each claims (an id held already is not checked again). */
export interface DocEnvelopes {
  grants?: Readonly<Record<string, Uint8Array>>
  revocations?: Readonly<Record<string, Uint8Array>>
}

export class Consent {
  readonly spaces: SpaceIndex
  readonly #d: ConsentDeps
  readonly #store: GrantStore
  readonly #indexes = new Map<SpaceId, ConsentIndex>()
  readonly #listeners = new Set<(spaceId: SpaceId) => void>()
  readonly #verdicts = new Map<string, number>()
  readonly #dids = new Map<string, Did | null>()
  readonly #forgotten = new Set<string>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #stopped = false

  constructor(deps: ConsentDeps) {
    this.#d = deps
    this.spaces = new SpaceIndex(deps.log)
    this.#store = new GrantStore(deps.grantLog, deps.crypto)
    this.#store.loadLog()
  }

  /**
   * A member space as its authority document and index now say, with the envelopes found in
   * them; rebuilds the space's consent when anything that decides access changed. Answers
   * whether it did (otherwise only the listeners hear of the change).
   */
  setMemberSpace(spaceId: SpaceId, view: MemberSpaceView, envelopes: DocEnvelopes = {}): boolean {
    const docsChanged = this.spaces.setMember(spaceId, view)
    const fresh = this.#admitAll(spaceId, envelopes, 'authority-document')
    if (docsChanged || fresh || !this.#indexes.has(spaceId)) {
      this.#rebuild(spaceId)
      return true
    }
    this.#notify(spaceId)
    return false
  }

  /** A space this peer holds a grant to without being a member, with the documents its granter listed. */
  setGuestSpace(spaceId: SpaceId, guest: GuestSpace): void {
    if (this.spaces.setGuest(spaceId, guest) || !this.#indexes.has(spaceId)) this.#rebuild(spaceId)
  }

  /**
   * Checks signed envelopes received from `source` (a peer, a code, this peer) and keeps the
   * good ones, in force at once, then in the local log. Answers which were new to the log and
   * why others failed.
   */
  async addEnvelopes(spaceId: SpaceId, env: Envelopes, source: string, revokerOk?: (iss: Did) => boolean): Promise<EnvelopeResult> {
    const admitted: Array<{ id: string; kind: 'grant' | 'revocation'; bytes: Uint8Array }> = []
    const rejected: ErrorData[] = []
    let fresh = false
    const root = this.spaces.root(spaceId)
    const okRevoker = revokerOk && ((iss: Did) => revokerOk(iss) || iss === root)
    const take = (kind: 'grant' | 'revocation', bytes: Uint8Array): void => {
      const r = this.#store.admit(spaceId, kind, bytes, kind === 'revocation' ? okRevoker : undefined)
      if (!r.ok) return void rejected.push(r.error)
      fresh ||= r.isNew
      if (!admitted.some((a) => a.id === r.id)) admitted.push({ id: r.id, kind, bytes })
    }
    for (const b of env.revocations ?? []) take('revocation', b)
    for (const b of env.grants ?? []) take('grant', b)
    // In force at once (a revocation must not wait for the disk), then kept.
    if (fresh) this.#rebuild(spaceId)
    const added: string[] = []
    for (const a of admitted) if (await this.#store.persist(spaceId, a.kind, a.id, a.bytes, source)) added.push(a.id)
    return { added, rejected }
  }

  /** Forgets a space this peer left: nothing of it is shared or accepted any more (its grants stay in the local log). */
  forgetSpace(spaceId: SpaceId): void {
    for (const id of this.spaces.docsOf(spaceId)) this.#forgotten.add(id)
    this.#forgotten.add(spaceId)
    this.spaces.remove(spaceId)
    this.#indexes.delete(spaceId)
    this.#verdicts.clear()
    this.#d.shareConfigChanged()
    this.#notify(spaceId)
  }

  /** A document of a space this peer left in this run: nothing of it is taken from peers any more. */
  isForgotten(docId: string): boolean {
    return this.#forgotten.has(docId) && !this.spaces.isIndexed(docId)
  }

  /** The access decision the sync layer enforces for reads and announcements. */
  mayRead(peerId: string, docId: string): boolean {
    return this.#cached(peerId, docId, 'read')
  }

  /** The access decision the sync layer enforces for changes arriving from a peer. */
  mayWrite(peerId: string, docId: string): boolean {
    return this.#cached(peerId, docId, 'write')
  }

  /** Whether `did` (this peer, an agent) may read or write a document now; uncached, for the API's own checks. */
  allows(did: Did, mode: AccessMode, docId: string): boolean {
    return decide(mode, did, docId, this.#placements(docId), this.#d.now()).ok
  }

  /** Whether `did` may read or write the documents of a collection of a space (whether or not any exists yet). */
  allowsCollection(did: Did, mode: AccessMode, spaceId: SpaceId, collection: string): boolean {
    return this.#indexes.get(spaceId)?.allows(did, mode, '', collection, this.#d.now()) ?? false
  }

  /** True when the peer is the root of, or holds a valid grant in, any space here: only such peers stay connected. */
  knows(peerId: string): boolean {
    const did = this.didOf(peerId)
    if (!did) return false
    const now = this.#d.now()
    for (const index of this.#indexes.values()) if (index.knows(did, now)) return true
    return false
  }

  /** True when the peer and `self` both stand (root or a valid grant) in some space here: the peers worth finding again. */
  fellow(peerId: string, self: Did): boolean {
    const did = this.didOf(peerId)
    if (!did) return false
    const now = this.#d.now()
    for (const index of this.#indexes.values()) if (index.knows(did, now) && index.knows(self, now)) return true
    return false
  }

  /** The spaces in which a peer is root or holds a valid grant. */
  spacesOf(peerId: string): SpaceId[] {
    const did = this.didOf(peerId)
    if (!did) return []
    const now = this.#d.now()
    return [...this.#indexes].filter(([, index]) => index.knows(did, now)).map(([id]) => id)
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

  /** A space's consent, indexed; undefined until the space is known. */
  index(spaceId: SpaceId): ConsentIndex | undefined {
    return this.#indexes.get(spaceId)
  }

  /** Every signature-checked grant of a space, and every revocation, as envelopes. */
  envelopes(spaceId: SpaceId): { grants: Grant[]; revocations: Revocation[] } {
    return this.#store.envelopes(spaceId)
  }

  grantById(grantId: string): Grant | undefined {
    return this.#store.grant(grantId)
  }

  /** The revocations that target a grant (several members may have revoked it). */
  revocationsOf(grantId: string): Revocation[] {
    return this.#store.revocationsOf(grantId)
  }

  /** Calls `listener(spaceId)` after any change of a space's consent or documents. */
  onChange(listener: (spaceId: SpaceId) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
    this.#listeners.clear()
  }

  /** Documents of a space, by the spaces' indexes (re-exported for the sync layer's callers). */
  docsOf(spaceId: SpaceId): DocId[] {
    return this.spaces.docsOf(spaceId)
  }

  #admitAll(spaceId: SpaceId, env: DocEnvelopes, source: string): boolean {
    let fresh = false
    const persist: Array<Promise<unknown>> = []
    for (const [kind, map] of [['revocation', env.revocations], ['grant', env.grants]] as const) {
      for (const [id, bytes] of Object.entries(map ?? {})) {
        if (this.#store.holds(id)) continue
        const r = this.#store.admit(spaceId, kind, bytes)
        if (!r.ok || !r.isNew) continue
        fresh = true
        persist.push(this.#store.persist(spaceId, kind, r.id, bytes, source))
      }
    }
    if (persist.length > 0) {
      void Promise.all(persist).catch((err: unknown) => this.#d.log.error('could not keep grants in the local log', { spaceId, error: String(err) }))
    }
    return fresh
  }

  #placements(docId: string): DocPlacement[] {
    return [...this.spaces.spacesOfDoc(docId)].map((spaceId) => ({
      consent: this.#indexes.get(spaceId),
      collection: docId === spaceId ? undefined : this.spaces.collectionOf(spaceId, docId),
    }))
  }

  #cached(peerId: string, docId: string, mode: AccessMode): boolean {
    const now = this.#d.now()
    const key = `${peerId}\u0000${docId}\u0000${mode}`
    const cached = this.#verdicts.get(key)
    if (cached !== undefined) return cached > now
    const { until } = decide(mode, this.didOf(peerId), docId, this.#placements(docId), now)
    if (this.#verdicts.size >= VERDICT_CACHE_MAX) this.#verdicts.clear()
    this.#verdicts.set(key, until)
    return until > now
  }

  /** Rebuilds a space's consent index, clears cached verdicts and tells the sync layer and listeners. */
  #rebuild(spaceId: SpaceId): void {
    if (this.#stopped) return
    const root = this.spaces.root(spaceId)
    if (root !== undefined) {
      const { grants, revocations } = this.#store.envelopes(spaceId)
      this.#indexes.set(spaceId, new ConsentIndex({ space: spaceId, root, grants, revocations, now: this.#d.now() }))
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
        this.#d.log.error('consent listener failed', { error: String(err) })
      }
    }
  }

  /** Rebuilds the spaces whose verdicts change by the clock (an expiry or nbf) when that time comes. */
  #schedule(): void {
    clearTimeout(this.#timer)
    let next = Infinity
    for (const index of this.#indexes.values()) next = Math.min(next, index.nextChange)
    if (!Number.isFinite(next)) return
    const delay = Math.min(Math.max(next - this.#d.now(), 0) + 5, 2 ** 31 - 1)
    this.#timer = setTimeout(() => {
      for (const id of this.#indexes.keys()) this.#rebuild(id)
    }, delay)
    this.#timer.unref?.()
  }
}
