/**
 * The wire of `/commonweave/catch-up/1.0.0`, and the side that answers it.
 *
 * Members who wrote apart (a partition, a laptop offline, peers restarted alone) meet again
 * holding documents the others lack. Asked document by document, each costs a sync handshake,
 * a lookup and a durable write; a catch-up sends them all at once, as a join does: the asking
 * member says which of the space's documents it holds, and this side answers with the space's
 * own documents (authority document, index shards: they list the rest) and then every document
 * it holds and the asker lacks, each as its saved Automerge binary in its own frame.
 *
 * Invariants (answering side):
 * - the asker is the Noise-authenticated remote peer; it gets only documents it may read now
 *   (the same `mayRead` the sync layer's shareConfig asks), each audited as sent;
 * - only documents held here are sent: nothing is asked of the network to answer;
 * - only the request read is bounded by REQUEST_TIMEOUT_MS; the transfer by its drains;
 * - nothing thrown here escapes the stream handler: errors are answered or logged.
 */
import * as Automerge from '@automerge/automerge'
import type { DocumentId, Repo } from '@automerge/automerge-repo'
import type { Connection, Stream } from '@libp2p/interface'
import { z } from 'zod'
import { CommonweaveError, ErrorCode, toErrorData } from '../../../shared/errors.ts'
import type { DocId, PeerIdString, SpaceId } from '../../../shared/ids.ts'
import type { AuditLog } from '../consent/audit-log.ts'
import type { Consent } from '../consent/consent.ts'
import type { Logger } from '../log.ts'
import { encodeFrame } from '../sync/frame-codec.ts'
import type { JournaledStorage } from '../sync/journaled-storage.ts'
import { MAX_DOCS, concat, jsonBytes, readRequest, sendFrames } from './join-wire.ts'
import { mapLimit } from './live-collection.ts'
import type { Membership } from './membership.ts'

export const CATCH_UP_PROTOCOL = '/commonweave/catch-up/1.0.0'
/** A request names up to MAX_DOCS held documents: about 40 bytes each as JSON. */
export const MAX_CATCH_UP_REQUEST_BYTES = 8 * 1024 * 1024

export const CatchUpRequestSchema = z.strictObject({
  v: z.literal(1),
  space: z.string().min(1).max(100),
  /** The space's documents the asker holds already. */
  have: z.array(z.string().max(100)).max(MAX_DOCS),
})

export const CatchUpReplySchema = z.union([
  z.strictObject({ v: z.literal(1), ok: z.literal(true), docs: z.array(z.string().max(100)).min(1).max(MAX_DOCS) }),
  z.strictObject({ v: z.literal(1), ok: z.literal(false), error: z.object({ code: z.string().max(40), message: z.string().max(1000) }) }),
])

export interface CatchUpAnswerDeps {
  repo: Repo
  storage: Pick<JournaledStorage, 'holds' | 'loadRange'>
  consent: Consent
  membership: Pick<Membership, 'indexShards' | 'adoptNamedShards'>
  audit: Pick<AuditLog, 'sentDocs'>
  log: Logger
}

const DRAIN_TIMEOUT_MS = 30_000

/**
 * Answers one catch-up stream. `under` holds the `${peer} ${space}` answers under way: one at a
 * time for a peer and a space (a second is refused while the first runs). `done` hears which
 * space was asked about once the answer is over, however it ended.
 */
export async function answerCatchUp(stream: Stream, connection: Connection, d: CatchUpAnswerDeps, under: Set<string>, done: (spaceId: SpaceId) => void = () => {}): Promise<void> {
  let claimed: string | undefined
  let asked: SpaceId | undefined
  const claim = (spaceId: SpaceId): boolean => {
    asked = spaceId
    const key = `${connection.remotePeer.toString()} ${spaceId}`
    if (under.has(key)) return false
    under.add((claimed = key))
    return true
  }
  try {
    await answer(stream, connection, d, claim)
  } finally {
    if (claimed !== undefined) under.delete(claimed)
    if (asked !== undefined) done(asked)
  }
}

async function answer(stream: Stream, connection: Connection, d: CatchUpAnswerDeps, claim: (spaceId: SpaceId) => boolean): Promise<void> {
  const peerId = connection.remotePeer.toString() as PeerIdString
  const send = async (bytes: Uint8Array): Promise<void> => {
    if (!stream.send(bytes)) await stream.onDrain({ signal: AbortSignal.timeout(DRAIN_TIMEOUT_MS) })
  }
  let spaceId: SpaceId
  let docs: Held[]
  try {
    const request = await readRequest(stream, CatchUpRequestSchema, MAX_CATCH_UP_REQUEST_BYTES, 'catch-up request')
    spaceId = request.space as SpaceId
    if (!claim(spaceId)) throw new CommonweaveError(ErrorCode.Unavailable, 'A catch-up of this space for your peer is already under way here.')
    if (!d.consent.spaces.isMember(spaceId)) throw new CommonweaveError(ErrorCode.SpaceNotFound, 'This peer is not a member of that space.')
    if (!d.consent.mayRead(peerId, spaceId)) throw new CommonweaveError(ErrorCode.Forbidden, 'Your peer holds no grant to read this space here.')
    docs = await heldFor(peerId, spaceId, new Set(request.have), d)
  } catch (err) {
    const error = toErrorData(err)
    d.log.info('catch-up refused', { peer: peerId, code: error.code, reason: error.message })
    await send(encodeFrame(jsonBytes({ v: 1, ok: false, error: { code: error.code, message: error.message } }))).catch(() => {})
    await stream.close().catch(() => {})
    return
  }
  // What is sent is not recorded as held by the asker (as a join's batch is): nothing tells this
  // side that the asker stored it, and a record it did not would stop the sync layer announcing
  // those documents to it until it reconnects.
  await sendAll(docs, peerId, spaceId, send, d)
  await stream.close()
  d.log.debug('caught a member up', { spaceId, peer: peerId, documents: docs.length })
}

async function sendAll(docs: Held[], peerId: PeerIdString, spaceId: SpaceId, send: (bytes: Uint8Array) => Promise<void>, d: CatchUpAnswerDeps): Promise<void> {
  await send(encodeFrame(jsonBytes({ v: 1, ok: true, docs: docs.map((h) => h.id) })))
  await sendFrames((function* () {
    for (const doc of docs) {
      // Access may end while the space is sent: nothing more goes once it has.
      if (!d.consent.mayRead(peerId, doc.id)) throw new CommonweaveError(ErrorCode.Forbidden, 'Your access to this space ended during the catch-up.')
      d.audit.sentDocs(peerId, spaceId, doc.id as DocId)
      yield doc.bytes()
    }
  })(), send)
}

/** A document to send: its saved binary, made when its turn comes. */
interface Held { id: string; bytes: () => Uint8Array }

/**
 * What to send: the authority document, then the index shards held here, then every document
 * the space lists and owns alone that the asker may read, does not name as held, and this peer
 * holds. One in memory is saved from there; one only on disk is read from its chunks, not
 * loaded into the repo (which would start its sync with every peer). One that does not read
 * whole is left out.
 */
async function heldFor(peer: PeerIdString, spaceId: SpaceId, have: ReadonlySet<string>, d: CatchUpAnswerDeps): Promise<Held[]> {
  const own = [spaceId as string, ...d.membership.indexShards(spaceId).map((s) => s.id)]
  const ownSet = new Set(own)
  const rest = d.consent.spaces.docsOf(spaceId).filter((id) => !ownSet.has(id) && !have.has(id) && d.consent.spaces.ownerOf(id) === spaceId)
  const wanted = [...own, ...rest].filter((id) => d.consent.mayRead(peer, id))
  const found = await mapLimit(wanted, 8, async (id): Promise<Held | undefined> => {
    const loaded = d.repo.handles[id as DocumentId]
    if (loaded?.isReady()) return { id, bytes: () => Automerge.save(loaded.doc() as Automerge.Doc<unknown>) }
    const chunks = (await d.storage.loadRange([id])).filter((c) => c.key[1] === 'snapshot' || c.key[1] === 'incremental')
    if (chunks.length === 0) return undefined
    try {
      const doc = Automerge.loadIncremental(Automerge.init(), concat(chunks.map((c) => c.data!), chunks.reduce((n, c) => n + c.data!.byteLength, 0)))
      return { id, bytes: () => Automerge.save(doc) }
    } catch (err) {
      d.log.warn('document left out of a catch-up: its chunks here do not read', { spaceId, docId: id, error: String(err) })
      return undefined
    }
  })
  const held = found.filter((h): h is Held => h !== undefined)
  if (held[0]?.id !== spaceId) throw new CommonweaveError(ErrorCode.SpaceNotFound, 'This peer cannot read the space\'s authority document just now.')
  return held
}
