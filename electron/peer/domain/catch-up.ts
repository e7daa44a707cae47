/**
 * Catching up with a member met again, in one transfer (the wire and the answering side are in
 * catch-up-answer.ts).
 *
 * When a connection opens to a peer whose consent hello has been taken, this peer asks it, for
 * each member space in which that peer may write, for what it lacks: it names the documents of
 * the space it holds, and stores what comes back. The space's own documents come first and are
 * merged into the live ones, so the index lists what follows; each document after them is then
 * accepted only under the rule the sync layer applies to changes (sync-guard.ts): the space
 * lists it, owns it alone, and the sender may write it. A document not held here at all is
 * stored as it came, with one journal write for the lot (as a join does), and loaded only when
 * used; one already in memory is merged into it.
 *
 * Invariants:
 * - the sender is the Noise-authenticated remote peer; a peer without a write grant in the space
 *   is never asked, and what it would send is never taken;
 * - a document the rule refuses is dropped and audited, never stored; one that does not load
 *   whole ends the catch-up, and nothing of it is stored;
 * - documents both sides hold but that differ are left to the ordinary sync, document by
 *   document: a catch-up carries only what one side lacks;
 * - one request per peer and space while connected; another after a reconnection; a space's
 *   requests go one at a time, each naming what the one before brought;
 * - while a space catches up, `pending` says so: asking the network for its newly listed
 *   documents one by one (fetch-indexed.ts) waits until what the transfer brings is stored
 *   (15 s at most).
 */
import { createHash } from 'node:crypto'
import * as Automerge from '@automerge/automerge'
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import type { Connection, PeerId } from '@libp2p/interface'
import { AuditKind } from '../../../shared/api/peer-api.ts'
import { CommonweaveError, ErrorCode, isErrorData } from '../../../shared/errors.ts'
import { looksLikeDocumentId, type DocId, type PeerIdString, type SpaceId } from '../../../shared/ids.ts'
import type { AuditLog } from '../consent/audit-log.ts'
import type { Consent } from '../consent/consent.ts'
import type { Logger } from '../log.ts'
import type { PeerNode } from '../net/create-libp2p-node.ts'
import { encodeFrame } from '../sync/frame-codec.ts'
import type { JournaledStorage } from '../sync/journaled-storage.ts'
import { CATCH_UP_PROTOCOL, CatchUpReplySchema, answerCatchUp, type CatchUpAnswerDeps } from './catch-up-answer.ts'
import { MAX_DOC_BYTES, MAX_SPACE_BYTES, isAutomergeDocument, jsonBytes, nextFrame, parseJson, readFrames } from './join-wire.ts'
import { mapLimit } from './live-collection.ts'
import { findWithin } from '../sync/find-within.ts'

const CATCH_UP_TIMEOUT_MS = 60_000
/** How long announcing a space's documents to a member just connected waits for its catch-up request. */
const AWAIT_REQUEST_MS = 10_000
/** What a catch-up stores goes to disk in journal batches of about this size. */
const JOURNAL_BATCH_BYTES = 16 * 1024 * 1024

export interface CatchUpDeps extends CatchUpAnswerDeps {
  node: PeerNode
  repo: Repo
  storage: Pick<JournaledStorage, 'holds' | 'loadRange' | 'saveBatch'>
  consent: Consent
  audit: Pick<AuditLog, 'sentDocs' | 'record'>
  /** Tells the sync layer to ask the announce policy again (automerge-repo's `shareConfigChanged`). */
  shareConfigChanged: () => void
  /** Resolves once a peer's consent hello has been taken (or timed out): its grants are known. */
  helloReceived: (peer: PeerId) => Promise<void>
  log: Logger
}

export interface CatchUpResult { stored: number; merged: number; refused: number }

export class CatchUp {
  readonly #d: CatchUpDeps
  /** `${peer} ${space}` asked since that peer last connected. */
  readonly #asked = new Set<string>()
  /** `${peer} ${space}` whose catch-up request is awaited here: the sync layer does not announce that space's documents to that peer meanwhile. */
  readonly #awaiting = new Map<string, ReturnType<typeof setTimeout>>()
  /** Per space, the last catch-up asked: the next waits for it, so it names what that one brought and nothing comes twice. */
  readonly #running = new Map<SpaceId, Promise<unknown>>()
  /** `${peer} ${space}` answered now: one answer at a time for each. */
  readonly #answering = new Set<string>()
  /** Per connected peer: aborts its catch-ups under way when its last connection closes (or this peer stops). */
  readonly #links = new Map<string, AbortController>()
  #stopped = true

  constructor(deps: CatchUpDeps) {
    this.#d = deps
  }

  async start(): Promise<void> {
    if (!this.#stopped) return
    this.#stopped = false
    await this.#d.node.handle(CATCH_UP_PROTOCOL, (stream, connection) => {
      const peer = connection.remotePeer.toString()
      answerCatchUp(stream, connection, this.#d, this.#answering, (spaceId) => this.#answered(peer, spaceId)).catch((err: unknown) => {
        this.#d.log.debug('a catch-up answer broke off', { peer: connection.remotePeer.toString(), error: String(err) })
        stream.abort(err instanceof Error ? err : new Error(String(err)))
      })
    }, { maxInboundStreams: 2, maxOutboundStreams: 4 })
    this.#d.node.addEventListener('connection:open', this.#onOpen)
    this.#d.node.addEventListener('connection:close', this.#onClose)
  }

  async stop(): Promise<void> {
    if (this.#stopped) return
    this.#stopped = true
    this.#d.node.removeEventListener('connection:open', this.#onOpen)
    this.#d.node.removeEventListener('connection:close', this.#onClose)
    for (const timer of this.#awaiting.values()) clearTimeout(timer)
    this.#awaiting.clear()
    for (const link of this.#links.values()) link.abort(new Error('this peer is stopping'))
    this.#links.clear()
    await this.#d.node.unhandle(CATCH_UP_PROTOCOL).catch(() => {})
    await Promise.allSettled([...this.#running.values()])
  }

  /**
   * Whether `peer` is about to ask for a catch-up of the space `docId` belongs to: announcing the
   * document to it now would start a sync handshake the catch-up makes needless (the peer lacks
   * it and turns it away until its index lists it, or gets it in the batch). Announcing resumes
   * once the request is answered, or after AWAIT_REQUEST_MS.
   */
  awaited(peer: string, docId: string): boolean {
    if (this.#awaiting.size === 0) return false
    const spaceId = this.#d.consent.spaces.ownerOf(docId)
    return spaceId !== undefined && this.#awaiting.has(`${peer} ${spaceId}`)
  }

  #await(peer: string, spaceId: SpaceId): void {
    const key = `${peer} ${spaceId}`
    if (this.#awaiting.has(key)) return
    this.#awaiting.set(key, setTimeout(() => this.#answered(peer, spaceId), AWAIT_REQUEST_MS))
  }

  #answered(peer: string, spaceId: SpaceId): void {
    const key = `${peer} ${spaceId}`
    const timer = this.#awaiting.get(key)
    if (timer === undefined) return
    clearTimeout(timer)
    this.#awaiting.delete(key)
    if (!this.#stopped) this.#d.shareConfigChanged()
  }

  /** Settles once the catch-ups of a space under way now have stored what they brought; undefined if none is. */
  pending(spaceId: SpaceId): Promise<void> | undefined {
    return this.#running.get(spaceId)?.then(() => {})
  }

  /** Asks `peer` for the documents of `spaceId` this peer lacks, and stores them. */
  async fetch(peer: PeerId, spaceId: SpaceId, signal: AbortSignal = AbortSignal.timeout(CATCH_UP_TIMEOUT_MS)): Promise<CatchUpResult> {
    const d = this.#d
    const listed = d.consent.spaces.docsOf(spaceId)
    const held = await mapLimit(listed, 16, async (id) => (d.repo.handles[id as unknown as DocumentId]?.isReady() || await d.storage.holds(id) ? id : undefined))
    const stream = await d.node.dialProtocol(peer, CATCH_UP_PROTOCOL, { signal })
    const frames = readFrames(stream, MAX_DOC_BYTES, signal)
    try {
      stream.send(encodeFrame(jsonBytes({ v: 1, space: spaceId, have: held.filter((id) => id !== undefined) })))
      const reply = CatchUpReplySchema.safeParse(parseJson(await nextFrame(frames, 'the peer closed the catch-up before answering')))
      if (!reply.success) throw new CommonweaveError(ErrorCode.BadRequest, 'The peer answered with something that is not a catch-up reply.')
      if (!reply.data.ok) {
        const e = reply.data.error
        throw new CommonweaveError(isErrorData(e) ? e.code : ErrorCode.BadRequest, `The peer refused to catch this one up: ${e.message}`)
      }
      if (reply.data.docs[0] !== spaceId) throw new CommonweaveError(ErrorCode.BadRequest, 'The peer answered for a different space.')
      if (new Set(reply.data.docs).size !== reply.data.docs.length) throw new CommonweaveError(ErrorCode.BadRequest, 'The peer listed a document twice.')
      const result = await this.#take(peer.toString() as PeerIdString, spaceId, reply.data.docs, frames)
      await stream.close().catch(() => {})
      return result
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
      throw err
    } finally {
      void frames.return(undefined).catch(() => {})
    }
  }

  /**
   * Takes the answer: the authority document first (merged, so the index names the shards that
   * follow), then the index shards it names (merged, and read at once, so the index lists what
   * follows), then the documents they list. Every one of them passes the sync layer's write rule
   * and must load whole; a space left meanwhile takes nothing more.
   */
  async #take(peer: PeerIdString, spaceId: SpaceId, docIds: string[], frames: AsyncIterator<Uint8Array>): Promise<CatchUpResult> {
    const d = this.#d
    const result: CatchUpResult = { stored: 0, merged: 0, refused: 0 }
    const refused: DocId[] = []
    const shards: Array<DocHandle<unknown>> = []
    let named: Set<string> | undefined
    let batch: Array<{ key: string[]; data: Uint8Array }> = []
    let batchBytes = 0
    let total = 0
    const stillMember = (): void => {
      if (!d.consent.spaces.isMember(spaceId)) throw new CommonweaveError(ErrorCode.SpaceNotFound, 'This peer left the space during the catch-up.')
    }
    for (const [i, docId] of docIds.entries()) {
      const bytes = await nextFrame(frames, 'the peer closed the catch-up in the middle of the space')
      total += bytes.byteLength
      if (total > MAX_SPACE_BYTES) throw new CommonweaveError(ErrorCode.BadRequest, 'The catch-up is larger than this peer takes at once (1 GiB).')
      if (!isAutomergeDocument(bytes) || !loads(bytes)) throw new CommonweaveError(ErrorCode.BadRequest, `The peer sent something that is not a whole Automerge document (${docId.slice(0, 40)}).`)
      stillMember()
      if (named && !named.has(docId) && i > 0) {
        // The shards are all here: the index lists what they list before the documents after them are checked against it.
        d.membership.adoptNamedShards(spaceId, shards)
        named = undefined
      }
      // The rule sync-guard.ts applies to changes, asked now: merging the authority document and the shards changes the answer.
      if (!looksLikeDocumentId(docId) || d.consent.isForgotten(docId) || d.consent.spaces.ownerOf(docId) !== spaceId || !d.consent.mayWrite(peer, docId)) {
        refused.push(docId as DocId)
        continue
      }
      if (i === 0) {
        await this.#merge(docId, bytes)
        named = new Set(d.membership.indexShards(spaceId).map((s) => s.id))
        continue
      }
      if (named?.has(docId)) {
        shards.push(await this.#merge(docId, bytes))
        result.merged++
        continue
      }
      if (d.repo.handles[docId as DocumentId]) {
        await this.#merge(docId, bytes)
        result.merged++
        continue
      }
      batch.push({ key: [docId, 'snapshot', `catch-up-${createHash('sha256').update(bytes).digest('hex')}`], data: bytes })
      batchBytes += bytes.byteLength
      result.stored++
      if (batchBytes >= JOURNAL_BATCH_BYTES) {
        await d.storage.saveBatch(batch)
        batch = []
        batchBytes = 0
      }
    }
    if (named) d.membership.adoptNamedShards(spaceId, shards)
    stillMember()
    await d.storage.saveBatch(batch)
    result.refused = refused.length
    if (refused.length > 0) {
      d.audit.record({ kind: AuditKind.WriteDropped, spaceId, peer, docs: refused.slice(0, 100), detail: `a catch-up sent ${refused.length} document(s) the space does not list, or the peer may not write` })
      d.log.info('documents of a catch-up refused', { peer, spaceId, refused: refused.length })
    }
    return result
  }

  /**
   * Merges a sent document into this peer's copy. One on disk but not ready in memory is loaded
   * first (a merge into a handle still loading would be overwritten when the load lands); one
   * new to this peer is saved at once (the repo saves a document it imports only at its next change).
   */
  async #merge(docId: string, bytes: Uint8Array): Promise<DocHandle<unknown>> {
    const repo = this.#d.repo
    const id = docId as DocumentId
    if (!repo.handles[id]?.isReady() && await this.#d.storage.holds(docId)) await findWithin(repo, docId, 10_000)
    const wasReady = repo.handles[id]?.isReady() === true
    const handle = repo.import(bytes, { docId: id })
    if (!wasReady) await repo.flush([id])
    return handle
  }

  /**
   * A connection opened: for each member space the peer may write in, as far as is known now, a
   * catch-up is queued at once (so `pending` holds the one-by-one fetching back before any sync
   * message arrives), and asked once the peer's hello is taken and the grant still stands.
   */
  readonly #onOpen = (evt: CustomEvent<Connection>): void => {
    const peer = evt.detail.remotePeer
    const id = peer.toString()
    const hello = this.#d.helloReceived(peer)
    if (!this.#links.has(id)) this.#links.set(id, new AbortController())
    const mayWrite = (spaceId: SpaceId): boolean => this.#d.consent.spaces.isMember(spaceId) && this.#d.consent.mayWrite(id, spaceId)
    const ask = (spaceId: SpaceId): void => {
      const key = `${id} ${spaceId}`
      if (this.#stopped || this.#asked.has(key)) return
      this.#asked.add(key)
      // It asks us the same on its side, once it has our hello, if it sees that we may write here too.
      if (this.#d.consent.mayWrite(this.#d.node.peerId.toString(), spaceId)) this.#await(id, spaceId)
      this.#queue(spaceId, async () => {
        await hello
        const link = this.#links.get(id)
        if (!mayWrite(spaceId) || !link || link.signal.aborted) return this.#asked.delete(key)
        await this.fetch(peer, spaceId, AbortSignal.any([link.signal, AbortSignal.timeout(CATCH_UP_TIMEOUT_MS)])).then((r) => {
          if (r.stored + r.merged > 0) this.#d.log.info('caught up with a member', { peer: id, spaceId, ...r })
        }, (err: unknown) => {
          this.#asked.delete(key)
          if (!this.#stopped) this.#d.log.debug('catch-up with a member failed; the ordinary sync goes on', { peer: id, spaceId, error: String(err) })
        })
      })
    }
    for (const spaceId of this.#d.consent.spaces.spaceIds()) if (mayWrite(spaceId)) ask(spaceId)
    // A grant the hello brought (the peer was a stranger here until now).
    void hello.then(() => { for (const spaceId of this.#d.consent.spaces.spaceIds()) if (mayWrite(spaceId)) ask(spaceId) })
  }

  /** Its last connection closed: what was under way with it is abandoned, and asked again when it is back. */
  readonly #onClose = (evt: CustomEvent<Connection>): void => {
    const id = evt.detail.remotePeer.toString()
    if (this.#d.node.getConnections(evt.detail.remotePeer).some((c) => c.status === 'open')) return
    this.#links.get(id)?.abort(new Error('the peer disconnected'))
    this.#links.delete(id)
    for (const key of [...this.#asked]) if (key.startsWith(`${id} `)) this.#asked.delete(key)
    for (const [key, timer] of [...this.#awaiting]) {
      if (!key.startsWith(`${id} `)) continue
      clearTimeout(timer)
      this.#awaiting.delete(key)
    }
  }

  /** Runs `work` after the space's catch-ups asked before it; never rejects. */
  #queue(spaceId: SpaceId, work: () => Promise<unknown>): void {
    const turn = (this.#running.get(spaceId) ?? Promise.resolve()).then(() => (this.#stopped ? undefined : work())).catch(() => {})
    this.#running.set(spaceId, turn)
    void turn.then(() => { if (this.#running.get(spaceId) === turn) this.#running.delete(spaceId) })
  }
}

/** Whether bytes load as an Automerge document: never stored unless they do, or every later load of it here would fail. */
function loads(bytes: Uint8Array): boolean {
  try {
    Automerge.load(bytes)
    return true
  } catch {
    return false
  }
}
