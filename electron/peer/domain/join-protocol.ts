/**
 * Invites and joining, over `/commonweave/join/1.0.0`.
 *
 * The joiner presents the one-time secret of an invite; the inviter checks it (known,
 * unused, unexpired, for this space), adds the joiner to the roster, and answers with the
 * whole space as a batch: each document's saved binary in its own frame. A batch is far
 * cheaper than syncing document by document (save() of 1,000 small documents takes
 * milliseconds; a sync handshake per document takes seconds), and once imported the
 * ordinary sync continues from identical heads.
 *
 * Invariants:
 * - the joiner's identity is the Noise-authenticated remote peer, never a claimed id;
 * - a secret is good once, until its expiry; only its hash is stored;
 * - input from the network never throws out of the handler: errors are answered or logged.
 */
import { createHash, randomBytes } from 'node:crypto'
import * as Automerge from '@automerge/automerge'
import { isValidDocumentId, type DocumentId, type Repo } from '@automerge/automerge-repo'
import type { Connection, Stream } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { z } from 'zod'
import { CommonweaveError, ErrorCode, toErrorData } from '../../../shared/errors.ts'
import type { PeerIdString, SpaceId } from '../../../shared/ids.ts'
import { decodeInvite, encodeInvite, toBase64Url, type Invite } from '../../../shared/invite-code.ts'
import type { InviteResult, SpaceSummary } from '../../../shared/api/peer-api.ts'
import { MemberRole, type AuthorityDoc } from '../../../shared/schemas/space.ts'
import { didFromPublicKey, type Identity } from '../identity/identity.ts'
import type { PeerNode } from '../net/create-libp2p-node.ts'
import { encodeFrame, FrameDecoder } from '../sync/frame-codec.ts'
import type { KnownRemoteHeads } from '../sync/known-remote-heads.ts'
import type { JournaledStorage } from '../sync/journaled-storage.ts'
import type { Logger } from '../log.ts'
import type { LocalState } from './local-state.ts'
import type { Membership } from './membership.ts'
import type { Spaces } from './spaces.ts'

export const JOIN_PROTOCOL = '/commonweave/join/1.0.0'
const MAX_REQUEST_BYTES = 16 * 1024
const MAX_DOC_BYTES = 64 * 1024 * 1024
const MAX_DOCS = 100_000
const REQUEST_TIMEOUT_MS = 10_000
const DEFAULT_JOIN_TIMEOUT_MS = 60_000
const DEFAULT_INVITE_SECONDS = 24 * 3600
const SEND_CHUNK_BYTES = 256 * 1024
/** A joined space is written to disk in journal batches of about this size. */
const JOURNAL_BATCH_BYTES = 16 * 1024 * 1024
/** Every saved Automerge document starts with these magic bytes. */
const AUTOMERGE_MAGIC = [0x85, 0x6f, 0x4a, 0x83]

const JoinRequestSchema = z.strictObject({
  v: z.literal(1),
  space: z.string().min(1).max(100),
  secret: z.string().min(1).max(100),
  name: z.string().max(120),
})

const JoinReplySchema = z.union([
  z.strictObject({ v: z.literal(1), ok: z.literal(true), space: z.string(), docs: z.array(z.string().max(100)).max(MAX_DOCS) }),
  z.strictObject({ v: z.literal(1), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
])

export interface JoinDeps {
  node: PeerNode
  repo: Repo
  /** The repo's own storage: a joined space's batch is written straight into it. */
  storage: Pick<JournaledStorage, 'saveBatch'>
  /** Remembers what a new member holds after its batch, so the sync layer need not re-announce it. */
  knownHeads: KnownRemoteHeads
  identity: Identity
  state: LocalState
  membership: Membership
  spaces: Spaces
  log: Logger
  now: () => number
  mdns: boolean
}

export class JoinProtocol {
  readonly #d: JoinDeps
  #started = false

  constructor(deps: JoinDeps) {
    this.#d = deps
  }

  async start(): Promise<void> {
    if (this.#started) return
    this.#started = true
    await this.#d.node.handle(JOIN_PROTOCOL, (stream, connection) => {
      this.#answer(stream, connection).catch((err: unknown) => {
        this.#d.log.warn('join request failed', { peer: connection.remotePeer.toString(), error: String(err) })
        stream.abort(err instanceof Error ? err : new Error(String(err)))
      })
    }, { maxInboundStreams: 4, maxOutboundStreams: 4 })
  }

  async stop(): Promise<void> {
    if (!this.#started) return
    this.#started = false
    await this.#d.node.unhandle(JOIN_PROTOCOL).catch(() => {})
  }

  /** Issues an invite code for a space this peer is in. */
  async createInvite(spaceId: SpaceId, expiresInSeconds = DEFAULT_INVITE_SECONDS): Promise<InviteResult> {
    const space = this.#d.spaces.summary(spaceId)
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 60 || expiresInSeconds > 30 * 86_400) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, 'an invite expires after 1 minute at the least and 30 days at the most')
    }
    const secret = toBase64Url(randomBytes(32))
    const exp = Math.floor(this.#d.now() / 1000) + expiresInSeconds
    await this.#d.state.pruneInvites(Math.floor(this.#d.now() / 1000))
    await this.#d.state.addInvite(hashSecret(secret), { spaceId, exp })
    const invite: Invite = {
      v: 1, space: spaceId, name: space.name, inviter: this.#d.identity.peerIdString,
      addrs: inviteAddrs(this.#d.node), secret, exp,
    }
    return { code: encodeInvite(invite), spaceId, expiresAt: new Date(exp * 1000).toISOString() }
  }

  /** Joins a space with an invite code; resolves once its documents are here and on disk. */
  async join(code: string, timeoutMs = DEFAULT_JOIN_TIMEOUT_MS, signal?: AbortSignal): Promise<SpaceSummary> {
    const invite = decodeInvite(code)
    if (invite.exp * 1000 < this.#d.now()) {
      throw new CommonweaveError(ErrorCode.InviteExpired, `This invite to "${invite.name}" expired on ${new Date(invite.exp * 1000).toISOString()}. Ask for a new one.`)
    }
    if (this.#d.membership.authority(invite.space as SpaceId)) return this.#d.spaces.summary(invite.space as SpaceId)
    if (invite.inviter === this.#d.identity.peerIdString) {
      throw new CommonweaveError(ErrorCode.InviteInvalid, 'This invite was made by this peer; give it to someone else to join.')
    }
    const timeout = AbortSignal.timeout(timeoutMs)
    const abort = signal ? AbortSignal.any([signal, timeout]) : timeout
    const t0 = performance.now()
    const connection = await this.#reachInviter(invite, abort)
    const tConnected = performance.now()
    let timings: { imported: number; flushed: number } | undefined
    const stream = await this.#d.node.dialProtocol(connection.remotePeer, JOIN_PROTOCOL, { signal: abort })
    const frames = readFrames(stream, MAX_DOC_BYTES, abort)
    try {
      stream.send(encodeFrame(jsonBytes({ v: 1, space: invite.space, secret: invite.secret, name: this.#d.identity.name })))
      const header = await nextFrame(frames, 'the inviter closed the connection before answering')
      const reply = JoinReplySchema.safeParse(parseJson(header))
      if (!reply.success) throw new CommonweaveError(ErrorCode.BadRequest, 'The inviter answered with something that is not a join reply.')
      if (!reply.data.ok) throw new CommonweaveError(reply.data.error.code as ErrorCode, reply.data.error.message)
      if (reply.data.space !== invite.space || !reply.data.docs.includes(invite.space)) {
        throw new CommonweaveError(ErrorCode.BadRequest, 'The inviter answered for a different space.')
      }
      timings = await this.#importBatch(reply.data.docs, frames)
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
      if (abort.aborted && !(err instanceof CommonweaveError)) {
        throw new CommonweaveError(signal?.aborted ? ErrorCode.Aborted : ErrorCode.Timeout, `Joining "${invite.name}" did not finish within ${Math.round(timeoutMs / 1000)} s.`)
      }
      throw err
    }
    await stream.close().catch(() => {})
    this.#d.log.info('joined space', {
      spaceId: invite.space, documents: timings?.imported,
      ms: { connect: Math.round(tConnected - t0), transferAndImport: Math.round((timings?.flushed ?? 0) - tConnected), total: Math.round(performance.now() - t0) },
    })
    const spaceId = invite.space as SpaceId
    const handle = await this.#d.repo.find<AuthorityDoc>(spaceId as unknown as DocumentId)
    this.#d.membership.track(spaceId, handle)
    await this.#d.state.addSpace(spaceId)
    return this.#d.spaces.summary(spaceId)
  }

  /**
   * Stores the batch straight into the repo's storage, with one journal write per 16 MiB
   * (one fsync, not several per document), without loading each document into memory: a
   * space's documents are loaded on demand, as they are opened or synced.
   */
  async #importBatch(docIds: string[], frames: AsyncIterator<Uint8Array>): Promise<{ imported: number; flushed: number }> {
    let batch: Array<{ key: string[]; data: Uint8Array }> = []
    let batchBytes = 0
    const loaded: DocumentId[] = []
    for (const docId of docIds) {
      const bytes = await nextFrame(frames, 'the inviter closed the connection in the middle of the space')
      if (!isValidDocumentId(docId)) throw new CommonweaveError(ErrorCode.BadRequest, `The inviter sent a malformed document id (${docId.slice(0, 40)}).`)
      if (!isAutomergeDocument(bytes)) throw new CommonweaveError(ErrorCode.BadRequest, `The inviter sent something that is not an Automerge document (${docId}).`)
      if (this.#d.repo.handles[docId as DocumentId]) {
        // already loaded here (e.g. a document shared with another space): merge through the repo
        this.#d.repo.import(bytes, { docId: docId as DocumentId })
        loaded.push(docId as DocumentId)
        continue
      }
      batch.push({ key: [docId, 'snapshot', 'join'], data: bytes })
      batchBytes += bytes.byteLength
      if (batchBytes >= JOURNAL_BATCH_BYTES) {
        await this.#d.storage.saveBatch(batch)
        batch = []
        batchBytes = 0
      }
    }
    await this.#d.storage.saveBatch(batch)
    await this.#d.repo.flush(loaded)
    return { imported: docIds.length, flushed: performance.now() }
  }

  async #reachInviter(invite: Invite, signal: AbortSignal): Promise<Connection> {
    const node = this.#d.node
    const inviter = peerIdFromString(invite.inviter)
    const existing = node.getConnections(inviter)[0]
    if (existing) return existing
    const errors: string[] = []
    for (const addr of invite.addrs) {
      try {
        const ma = multiaddr(addr)
        return await node.dial(ma.getComponents().some((c) => c.name === 'p2p') ? ma : ma.encapsulate(`/p2p/${invite.inviter}`), { signal })
      } catch (err) {
        if (signal.aborted) break
        errors.push(`${addr}: ${String((err as Error).message ?? err)}`)
      }
    }
    if (!this.#d.mdns || signal.aborted) {
      throw new CommonweaveError(ErrorCode.InviterUnreachable,
        `Could not reach the inviter of "${invite.name}" at any address in the code. Is their Commonweave running and on this network?`, errors)
    }
    // Not reachable at the addresses in the code (e.g. a different LAN address): wait for mDNS to find them.
    this.#d.log.info('waiting for the inviter to appear on the LAN (mDNS)', { inviter: invite.inviter })
    return new Promise<Connection>((resolve, reject) => {
      const onConnect = (): void => {
        const conn = node.getConnections(inviter)[0]
        if (conn) { cleanup(); resolve(conn) }
      }
      const onAbort = (): void => {
        cleanup()
        reject(new CommonweaveError(ErrorCode.InviterUnreachable, `The inviter of "${invite.name}" did not appear on this network in time.`, errors))
      }
      const cleanup = (): void => {
        node.removeEventListener('connection:open', onConnect)
        signal.removeEventListener('abort', onAbort)
      }
      node.addEventListener('connection:open', onConnect)
      signal.addEventListener('abort', onAbort, { once: true })
      onConnect()
    })
  }

  async #answer(stream: Stream, connection: Connection): Promise<void> {
    const peer = connection.remotePeer
    const abort = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    const frames = readFrames(stream, MAX_REQUEST_BYTES, abort)
    const reply = (data: object): void => {
      stream.send(encodeFrame(jsonBytes({ v: 1, ...data })))
    }
    let accepted: { spaceId: SpaceId } | undefined
    try {
      const parsed = JoinRequestSchema.safeParse(parseJson(await nextFrame(frames, 'no join request')))
      if (!parsed.success) throw new CommonweaveError(ErrorCode.BadRequest, 'malformed join request')
      accepted = await this.#admit(parsed.data, peer.toString() as PeerIdString, peer.publicKey?.raw)
    } catch (err) {
      const error = toErrorData(err)
      this.#d.log.info('join refused', { peer: peer.toString(), code: error.code, reason: error.message })
      reply({ ok: false, error: { code: error.code, message: error.message } })
      await stream.close().catch(() => {})
      return
    }
    const docIds = this.#d.membership.docsOf(accepted.spaceId)
    reply({ ok: true, space: accepted.spaceId, docs: docIds })
    try {
      let batch: Uint8Array[] = []
      let batchBytes = 0
      for (const docId of docIds) {
        const handle = await this.#d.repo.find(docId as unknown as DocumentId)
        const frame = encodeFrame(Automerge.save(handle.doc() as Automerge.Doc<unknown>))
        batch.push(frame)
        batchBytes += frame.byteLength
        // Many small documents travel as a few large writes: each send costs a Noise and a Yamux frame.
        if (batchBytes >= SEND_CHUNK_BYTES) {
          if (!stream.send(concat(batch, batchBytes))) await stream.onDrain({ signal: AbortSignal.timeout(30_000) })
          batch = []
          batchBytes = 0
        }
      }
      if (batchBytes > 0 && !stream.send(concat(batch, batchBytes))) await stream.onDrain({ signal: AbortSignal.timeout(30_000) })
      await stream.close()
    } catch (err) {
      this.#d.knownHeads.forgetPeer(peer.toString())
      throw err
    }
    this.#d.log.info('member joined', { spaceId: accepted.spaceId, peer: peer.toString(), documents: docIds.length })
  }

  async #admit(req: z.infer<typeof JoinRequestSchema>, peerId: PeerIdString, publicKey: Uint8Array | undefined): Promise<{ spaceId: SpaceId }> {
    const spaceId = req.space as SpaceId
    const hash = hashSecret(req.secret)
    const invite = this.#d.state.invite(hash)
    if (!invite || invite.spaceId !== spaceId) throw new CommonweaveError(ErrorCode.InviteInvalid, 'This invite code is not known to the inviter. Ask for a new one.')
    if (invite.exp * 1000 < this.#d.now()) throw new CommonweaveError(ErrorCode.InviteExpired, 'This invite has expired. Ask for a new one.')
    if (!publicKey) throw new CommonweaveError(ErrorCode.BadRequest, 'the joining peer has no ed25519 key')
    if (!(await this.#d.state.useInvite(hash, peerId))) throw new CommonweaveError(ErrorCode.InviteUsed, 'This invite has already been used. Each code admits one member; ask for a new one.')
    const did = didFromPublicKey(publicKey)
    // The joiner is about to hold every document of the space exactly as we have it now: record
    // that before the roster change makes it a member, so the sync layer does not start a
    // handshake per document while the batch is already on its way.
    for (const docId of this.#d.membership.docsOf(spaceId)) {
      this.#d.knownHeads.record(peerId, await this.#d.repo.find(docId as unknown as DocumentId))
    }
    const handle = await this.#d.spaces.authorityHandle(spaceId)
    const joinedAt = new Date(this.#d.now()).toISOString()
    handle.change((d) => {
      if (!d.roster[did]) d.roster[did] = { did, peerId, name: req.name, role: MemberRole.Member, joinedAt }
    })
    await this.#d.repo.flush([handle.documentId])
    return { spaceId }
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

function isAutomergeDocument(bytes: Uint8Array): boolean {
  return bytes.byteLength > AUTOMERGE_MAGIC.length && AUTOMERGE_MAGIC.every((b, i) => bytes[i] === b)
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** Addresses worth putting in an invite: dialable ones, LAN before loopback, at most 8. */
function inviteAddrs(node: PeerNode): string[] {
  const addrs = node.getMultiaddrs().map((a) => a.toString())
  const rank = (a: string): number => (a.includes('/127.0.0.1/') || a.includes('/::1/') ? 1 : 0) + (a.includes('/ws') ? 2 : 0)
  return addrs.sort((a, b) => rank(a) - rank(b)).slice(0, 8)
}

function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value))
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new CommonweaveError(ErrorCode.BadRequest, 'not JSON')
  }
}

async function* readFrames(stream: Stream, maxFrameBytes: number, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  const decoder = new FrameDecoder({ maxFrameBytes })
  const onAbort = (): void => stream.abort(new Error('timed out'))
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for await (const chunk of stream) yield* decoder.decode(chunk)
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

async function nextFrame(frames: AsyncIterator<Uint8Array>, whatWentWrong: string): Promise<Uint8Array> {
  const next = await frames.next()
  if (next.done) throw new CommonweaveError(ErrorCode.BadRequest, whatWentWrong)
  return next.value
}
