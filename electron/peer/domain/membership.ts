/**
 * The spaces this peer is in, as their documents say: follows each member space's authority
 * document and index shards, checks them against their schemas, keeps the last valid state of
 * each (in memory and in the space cache), and tells consent which documents belong to which
 * collection. What a peer may do is consent's to decide; this only says what the documents hold.
 *
 * Invariants:
 * - a document that fails its schema is quarantined: the last valid state stays in force, the
 *   space is reported damaged, and a founder or admin of it writes the last valid values back;
 * - a missing or unloadable document never stops the peer: the space is served from its cache
 *   and taken again from the first peer that has it;
 * - a space's root is its founder as first met (pinned in local state); editing `founder`
 *   changes nothing;
 * - index entries are checked one by one: a bad entry is skipped, never the shard.
 */
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { COLLECTION_NAME } from '../../../shared/collections/define.ts'
import {
  AuthorityDocSchema, IndexShardDocSchema, type AuthorityDoc, type IndexShardDoc, type RosterEntry,
} from '../../../shared/schemas/space.ts'
import { ALL_DOCS, Cmd } from '../../../shared/grants/grant-format.ts'
import type { Consent, DocEnvelopes } from '../consent/consent.ts'
import type { Logger } from '../log.ts'
import type { LocalState } from './local-state.ts'
import type { CachedAuthority, SpaceCache } from './space-cache.ts'
import { toPlain } from './stored-values.ts'
import { brokenFields, restoreFields } from './authority-repair.ts'
import { findWithin } from '../sync/find-within.ts'
import { envelopesIn } from './authority-envelopes.ts'

/** The fields of an authority document that are kept as its last valid state (envelopes live in the consent log). */
export type AuthorityState = CachedAuthority

export interface SpaceHealth {
  /** Why the space is not whole here, in words; null when it is. */
  problem: string | null
  /** Since when (ISO). */
  since: string | null
}

export interface MembershipDeps {
  repo: Repo
  consent: Consent
  state: LocalState
  cache: SpaceCache
  /** This peer's did: a founder or admin repairs a damaged authority document. */
  me: Did
  log: Logger
  now: () => number
}

interface IndexShard { entries: Record<string, string>; problem: string | undefined; loading: boolean; followed: boolean }

interface Tracked {
  handle: DocHandle<AuthorityDoc> | undefined
  valid: AuthorityState | undefined
  /** The founder as first met: the root of every chain here. */
  root: Did | undefined
  problem: { reason: string; since: string } | undefined
  shards: Map<string, IndexShard>
  /** Index shard loads under way. */
  loads: Set<Promise<unknown>>
  /** The documents last given to consent, and what they were built from: rebuilt only when that changes. */
  docs: { key: string; map: ReadonlyMap<string, string | null> } | undefined
  /** Bumped whenever an index shard's entries change. */
  indexVersion: number
  /** The index version the cache holds; the index file is rewritten only when this falls behind. */
  cachedIndexVersion: number
  /** Started from its cache: its index is read from the cache and its shards after start-up. */
  fromCache: boolean
  /** A feed to consent scheduled for the next turn (index shards arriving together are fed once). */
  feedSoon: ReturnType<typeof setImmediate> | undefined
  /** Resolves once the index shards the authority document names have been read since this start. */
  indexRead: { promise: Promise<void>; resolve: () => void }
  repairTimer: ReturnType<typeof setTimeout> | undefined
}

const LOAD_TIMEOUT_MS = 30_000
const REPAIR_DELAY_MS = 500

export class Membership {
  readonly #d: MembershipDeps
  readonly #spaces = new Map<SpaceId, Tracked>()
  readonly #unsubscribers: Array<() => void> = []
  #loadChain: Promise<void> = Promise.resolve()
  /** Until `followIndexes`, a space started from its cache does not load its index shards (start-up need not wait for them). */
  #following = false
  #stopped = false

  constructor(deps: MembershipDeps) {
    this.#d = deps
  }

  /**
   * Loads a space this peer is in: its authority document, with the index its cache remembers
   * (the index shards are read again after start-up), or the cached state alone when the
   * document is missing or damaged. Never throws.
   */
  async load(spaceId: SpaceId): Promise<void> {
    const [cached, found] = await Promise.all([
      this.#d.cache.readAuthority(spaceId),
      findWithin<AuthorityDoc>(this.#d.repo, spaceId, LOAD_TIMEOUT_MS).then((handle) => ({ handle, error: undefined }), (error: unknown) => ({ handle: undefined, error })),
    ])
    const t = this.#tracked(spaceId)
    if (cached && !t.valid) {
      t.valid = cached
      t.fromCache = true
    }
    try {
      if (!found.handle) throw found.error
      this.track(spaceId, found.handle)
    } catch (err) {
      this.#d.log.error('a space\'s authority document cannot be loaded here; the space is served from its last valid state until a peer sends it', { spaceId, error: String(err) })
      t.problem = { reason: 'its authority document is missing or unreadable on this machine; waiting for a member\'s peer to send it', since: new Date(this.#d.now()).toISOString() }
      this.#feed(spaceId)
      // With a cache, its index is read from it and its shards after start-up (followIndexes), as for any space.
      if (!t.fromCache) t.indexRead.resolve()
      this.#whenArrives(spaceId, (h) => this.track(spaceId, h as DocHandle<AuthorityDoc>))
    }
  }

  /** Follows a member space's authority document. */
  track(spaceId: SpaceId, handle: DocHandle<AuthorityDoc>): void {
    const t = this.#tracked(spaceId)
    if (t.handle === handle || this.#stopped) return
    t.handle = handle
    const onChange = (): void => this.#evaluate(spaceId)
    handle.on('change', onChange)
    this.#unsubscribers.push(() => handle.off('change', onChange))
    this.#evaluate(spaceId)
  }

  /**
   * Resolves once the index shards a space's authority document names have been read since this
   * start (or found missing): what the space lists is then what its documents say, not only what
   * the cache remembered (a crash can leave the cache a little behind).
   */
  async settled(spaceId: SpaceId): Promise<void> {
    const t = this.#spaces.get(spaceId)
    if (!t) return
    await t.indexRead.promise
    while (t.loads.size > 0) await Promise.allSettled([...t.loads])
    if (t.feedSoon !== undefined) {
      clearImmediate(t.feedSoon)
      t.feedSoon = undefined
      this.#feed(spaceId)
    }
  }

  /** The last valid state of a member space's authority document. */
  authority(spaceId: SpaceId): AuthorityState | undefined {
    return this.#spaces.get(spaceId)?.valid
  }

  /** Whether a space is whole here, or why not. */
  health(spaceId: SpaceId): SpaceHealth {
    const t = this.#spaces.get(spaceId)
    if (t?.problem) return { problem: t.problem.reason, since: t.problem.since }
    const shard = [...(t?.shards.entries() ?? [])].find(([, s]) => s.problem !== undefined)
    if (shard) return { problem: `index shard ${shard[0]} ${shard[1].problem}`, since: null }
    return { problem: null, since: null }
  }

  /** The roster entry of a did in a space, from its last valid state. */
  rosterEntry(spaceId: SpaceId, did: Did): RosterEntry | undefined {
    return this.#spaces.get(spaceId)?.valid?.roster[did]
  }

  /** The roster name of a peer, from the first space we share with it. */
  nameOf(peerId: string, did: Did | undefined): string | undefined {
    if (!did) return undefined
    for (const t of this.#spaces.values()) {
      const entry = t.valid?.roster[did]
      if (entry && entry.peerId === peerId) return entry.name
    }
    return undefined
  }

  /** The index shards of a space and how many entries each holds, oldest first (where new documents are listed). */
  indexShards(spaceId: SpaceId): Array<{ id: string; entries: number }> {
    const t = this.#spaces.get(spaceId)
    return (t?.valid?.indexShards ?? []).map((id) => ({ id, entries: Object.keys(t?.shards.get(id)?.entries ?? {}).length }))
  }

  /** Stops following a space this peer left, and forgets what it knew of it. */
  forget(spaceId: SpaceId): void {
    const t = this.#spaces.get(spaceId)
    if (!t) return
    clearTimeout(t.repairTimer)
    clearImmediate(t.feedSoon)
    this.#spaces.delete(spaceId)
  }

  stop(): void {
    this.#stopped = true
    for (const u of this.#unsubscribers.splice(0)) u()
    for (const t of this.#spaces.values()) {
      clearTimeout(t.repairTimer)
      clearImmediate(t.feedSoon)
    }
  }

  #tracked(spaceId: SpaceId): Tracked {
    let t = this.#spaces.get(spaceId)
    if (!t) this.#spaces.set(spaceId, (t = { handle: undefined, valid: undefined, root: undefined, problem: undefined, shards: new Map(), loads: new Set(), docs: undefined, indexVersion: 0, cachedIndexVersion: -1, fromCache: false, feedSoon: undefined, indexRead: latch(), repairTimer: undefined }))
    return t
  }

  #evaluate(spaceId: SpaceId): void {
    const t = this.#spaces.get(spaceId)
    if (!t) return
    const raw = t.handle?.doc()
    if (raw === undefined || this.#stopped) return
    const parsed = AuthorityDocSchema.safeParse(raw)
    if (parsed.success) {
      const { grants: _g, revocations: _r, schemaVersion: _v, type: _t, ...fields } = parsed.data
      t.valid = fields
      if (t.problem) this.#d.log.info('the space\'s authority document is valid again', { spaceId })
      t.problem = undefined
      this.#followIndexShards(spaceId, t)
    } else {
      const issue = parsed.error.issues[0]
      const reason = `its authority document fails its schema (${issue ? `${issue.path.join('.') || 'document'}: ${issue.message}` : 'invalid'}); the last valid state is kept`
      if (t.problem?.reason !== reason) {
        this.#d.log.warn('authority document quarantined: it does not match the schema', { spaceId, issue })
        t.problem = { reason, since: t.problem?.since ?? new Date(this.#d.now()).toISOString() }
      }
      this.#scheduleRepair(spaceId, t)
    }
    this.#feed(spaceId, envelopesIn(raw))
  }

  /** Tells consent what the space's documents now say, and keeps it as the last valid state. */
  #feed(spaceId: SpaceId, envelopes: DocEnvelopes = {}): void {
    const t = this.#tracked(spaceId)
    const valid = t.valid
    if (!valid) return
    t.root ??= this.#d.state.root(spaceId) as Did | undefined
    const root = t.root ?? (t.root = valid.founder as Did)
    if (this.#d.state.root(spaceId) === undefined) {
      void this.#d.state.pinRoot(spaceId, root).catch((err: unknown) => this.#d.log.error('could not pin a space\'s founder', { spaceId, error: String(err) }))
    } else if (valid.founder !== root) {
      this.#d.log.debug('authority document names another founder: ignored, the founder first met stays the root', { spaceId })
    }
    this.#d.consent.setMemberSpace(spaceId, { root, name: valid.name, docs: this.#docs(t, valid) }, envelopes)
    if (!t.problem && (!t.fromCache || this.#following)) {
      let index: Record<string, Record<string, string>> | undefined
      if (t.cachedIndexVersion !== t.indexVersion) {
        index = {}
        for (const [id, sh] of t.shards) index[id] = sh.entries
        t.cachedIndexVersion = t.indexVersion
      }
      this.#d.cache.write(spaceId, { authority: valid, ...(index ? { index } : {}) })
    }
  }

  /**
   * The space's documents and their collections, from the authority document and the index
   * shards; the same map as last time when none of that changed (most edits of an authority
   * document are roster names), so consent need not compare 10,000 entries again.
   */
  #docs(t: Tracked, valid: AuthorityState): ReadonlyMap<string, string | null> {
    const key = `${t.indexVersion}\u0000${t.shards.size}\u0000${JSON.stringify(valid.indexShards ?? [])}\u0000${JSON.stringify(valid.collections)}`
    if (t.docs?.key === key) return t.docs.map
    const docs = new Map<string, string | null>()
    for (const id of valid.indexShards ?? []) docs.set(id, null)
    for (const [name, ids] of Object.entries(valid.collections)) for (const id of ids) if (!docs.has(id)) docs.set(id, name)
    for (const shard of t.shards.values()) for (const [id, name] of Object.entries(shard.entries)) if (!docs.has(id)) docs.set(id, name)
    t.docs = { key, map: docs }
    return docs
  }

  /**
   * After start-up: each space started from its cache takes the index the cache remembers, then
   * loads and follows its index shards; spaces seen from now on follow theirs at once.
   */
  followIndexes(): void {
    this.#following = true
    for (const [spaceId, t] of this.#spaces) {
      if (!t.fromCache) {
        this.#followIndexShards(spaceId, t)
        continue
      }
      void this.#d.cache.readIndex(spaceId).then((index) => {
        if (this.#stopped) return
        for (const [id, entries] of Object.entries(index ?? {})) {
          if (!t.shards.has(id)) t.shards.set(id, { entries, problem: undefined, loading: false, followed: false })
        }
        t.indexVersion++
        t.cachedIndexVersion = t.indexVersion
        this.#feed(spaceId)
        this.#followIndexShards(spaceId, t)
      })
    }
  }

  /** Follows an index shard this peer has just made, before the authority document names it. */
  adoptIndexShard(spaceId: SpaceId, handle: DocHandle<unknown>): void {
    const t = this.#tracked(spaceId)
    const shard = t.shards.get(handle.documentId) ?? { entries: {}, problem: undefined, loading: false, followed: false }
    t.shards.set(handle.documentId, shard)
    this.#followShard(spaceId, shard, handle)
  }

  /** Follows index shards a catch-up merged in (those the authority document names), and tells consent what they list now. */
  adoptNamedShards(spaceId: SpaceId, handles: Array<DocHandle<unknown>>): void {
    const t = this.#tracked(spaceId)
    const named = new Set(t.valid?.indexShards ?? [])
    for (const h of handles) if (named.has(h.documentId)) this.adoptIndexShard(spaceId, h)
    clearImmediate(t.feedSoon)
    t.feedSoon = undefined
    this.#feed(spaceId)
  }

  /** Loads the index shards the authority document lists, and follows them. */
  #followIndexShards(spaceId: SpaceId, t: Tracked): void {
    // Started from its cache, the space already knows its index: loading it can wait until start-up is over.
    if (!this.#following && t.fromCache) return
    const reads: Array<Promise<unknown>> = []
    for (const id of t.valid?.indexShards ?? []) {
      const known = t.shards.get(id)
      if (known?.loading || known?.followed) continue
      const shard = known ?? { entries: {}, problem: undefined, loading: true, followed: false }
      shard.loading = true
      t.shards.set(id, shard)
      const follow = (handle: DocHandle<unknown>): void => this.#followShard(spaceId, shard, handle)
      const load = this.#oneAtATime(() => findWithin(this.#d.repo, id, LOAD_TIMEOUT_MS)).then(follow, (err: unknown) => {
        this.#d.log.debug('an index shard is not here yet', { spaceId, id, error: String(err) })
        this.#whenArrives(id, follow)
      })
      t.loads.add(load)
      reads.push(load)
      void load.finally(() => t.loads.delete(load))
    }
    void Promise.allSettled(reads).then(() => t.indexRead.resolve())
  }

  /**
   * Runs loads one at a time, with a turn of the event loop between them: a joined space's index
   * shards are all on disk at once, and loading them in one go stalled the loop for 100 ms. A
   * load that waits on the network holds its turn for a second at most.
   */
  #oneAtATime<T>(load: () => Promise<T>): Promise<T> {
    const result = this.#loadChain.then(() => new Promise<void>((r) => setImmediate(r))).then(load)
    this.#loadChain = Promise.race([result, new Promise<void>((r) => setTimeout(r, 1_000).unref?.())]).then(() => {}, () => {})
    return result
  }

  #followShard(spaceId: SpaceId, shard: IndexShard, handle: DocHandle<unknown>): void {
    shard.loading = false
    if (this.#stopped || shard.followed) return
    shard.followed = true
    const onChange = (): void => this.#readIndexShard(spaceId, shard, handle)
    handle.on('change', onChange)
    this.#unsubscribers.push(() => handle.off('change', onChange))
    this.#readIndexShard(spaceId, shard, handle)
  }

  #readIndexShard(spaceId: SpaceId, shard: IndexShard, handle: DocHandle<unknown>): void {
    if (!this.#spaces.has(spaceId)) return // a space this peer left
    const parsed = IndexShardDocSchema.safeParse(handle.doc())
    if (!parsed.success || parsed.data.space !== spaceId) {
      if (shard.problem === undefined) this.#d.log.warn('index shard quarantined: it does not match the schema; its last valid entries are kept', { spaceId, docId: handle.documentId })
      shard.problem = 'fails its schema; its last valid entries are kept'
    } else {
      shard.problem = undefined
      const entries: IndexShardDoc['entries'] = {}
      for (const [docId, raw] of Object.entries(parsed.data.entries)) {
        const name = toPlain(raw)
        if (typeof name === 'string' && COLLECTION_NAME.test(name)) entries[docId] = name
      }
      if (JSON.stringify(entries) !== JSON.stringify(shard.entries)) {
        shard.entries = entries
        this.#tracked(spaceId).indexVersion++
      }
    }
    // Shards of a joined space load together: consent hears of them once, on the next turn.
    const t = this.#tracked(spaceId)
    t.feedSoon ??= setImmediate(() => {
      t.feedSoon = undefined
      if (!this.#stopped) this.#feed(spaceId)
    })
  }

  /** Calls `then` once a document this peer asked for arrives from a peer (its handle becomes ready). */
  #whenArrives(docId: string, then: (handle: DocHandle<unknown>) => void): void {
    const handle = this.#d.repo.handles[docId as DocumentId]
    if (!handle) return
    handle.whenReady().then(() => { if (!this.#stopped) then(handle) }, () => {})
  }

  /**
   * A founder or admin writes the last valid values back over the fields that fail the schema:
   * the damage is undone for every peer, and the space is whole again wherever the repair arrives.
   */
  #scheduleRepair(spaceId: SpaceId, t: Tracked): void {
    if (t.repairTimer !== undefined || !t.valid || !t.handle || !this.#mayRepair(spaceId)) return
    t.repairTimer = setTimeout(() => {
      t.repairTimer = undefined
      const handle = t.handle
      const valid = t.valid
      if (this.#stopped || !handle || !valid || !t.problem) return
      const parsed = AuthorityDocSchema.safeParse(handle.doc())
      if (parsed.success) return
      const fields = brokenFields(parsed.error.issues)
      handle.change((d) => restoreFields(d as unknown as Record<string, unknown>, valid, fields))
      this.#d.log.warn('repaired the space\'s authority document from its last valid state', { spaceId, fields: fields.map((f) => f.join('.')) })
    }, REPAIR_DELAY_MS)
    t.repairTimer.unref?.()
  }

  #mayRepair(spaceId: SpaceId): boolean {
    const index = this.#d.consent.index(spaceId)
    if (!index) return false
    if (index.root === this.#d.me) return true
    return index.chainsOf(this.#d.me, this.#d.now()).some((c) => c.cmd === Cmd.All && c.docs.includes(ALL_DOCS))
  }
}

function latch(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {}
  const promise = new Promise<void>((r) => { resolve = r })
  return { promise, resolve }
}
