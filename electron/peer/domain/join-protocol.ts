/**
 * Invites and joining, over `/commonweave/join/1.0.0`: this peer as the one who invites
 * (codes; answering is in join-admission.ts) and as the one who joins.
 *
 * The joiner presents the one-time secret of an invite; the inviter admits it and answers
 * with the whole space as a batch: each document's saved binary in its own frame. A batch is
 * far cheaper than syncing document by document (save() of 1,000 small documents takes
 * milliseconds; a sync handshake per document takes seconds), and once stored the ordinary
 * sync continues from identical heads.
 *
 * Invariants (joiner side):
 * - the inviter is the peer the code names, proven by Noise, whatever address reached it;
 * - the batch may hold only the invited space's authority document (first, schema-checked)
 *   and the documents its index lists; nothing already here or owned by another space is
 *   touched; chunks are stored under the hash of their bytes, so nothing is overwritten;
 * - a space is recorded as joined only after its whole batch is durable.
 */
import { createHash, randomBytes } from 'node:crypto'
import * as Automerge from '@automerge/automerge'
import type { DocumentId, Repo } from '@automerge/automerge-repo'
import type { Connection } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { CommonweaveError, ErrorCode, isErrorData } from '../../../shared/errors.ts'
import { looksLikeDocumentId, type SpaceId } from '../../../shared/ids.ts'
import { INVITE_SECONDS, decodeInvite, encodeInvite, toBase64Url, type Invite } from '../../../shared/invite-code.ts'
import type { InviteResult, SpaceSummary } from '../../../shared/api/peer-api.ts'
import { AuthorityDocSchema, INVITE_USES, IndexShardDocSchema, MemberRole, type AuthorityDoc } from '../../../shared/schemas/space.ts'
import type { Identity } from '../identity/identity.ts'
import { multiaddr } from '@multiformats/multiaddr'
import { dialAddr, type PeerNode } from '../net/create-libp2p-node.ts'
import { addrReach, type AddrReach } from '../net/addr-reach.ts'
import { encodeFrame } from '../sync/frame-codec.ts'
import type { KnownRemoteHeads } from '../sync/known-remote-heads.ts'
import type { JournaledStorage } from '../sync/journaled-storage.ts'
import type { Logger } from '../log.ts'
import type { Consent } from '../consent/consent.ts'
import type { LocalState } from './local-state.ts'
import type { Membership } from './membership.ts'
import type { Spaces } from './spaces.ts'
import { answerJoin } from './join-admission.ts'
import type { GrantService } from './grant-service.ts'
import {
  JOIN_PROTOCOL, JoinReplySchema, MAX_DOC_BYTES, MAX_SPACE_BYTES, hashSecret, isAutomergeDocument, jsonBytes, nextFrame, parseJson, readFrames,
} from './join-wire.ts'

const DEFAULT_JOIN_TIMEOUT_MS = 60_000
const DEFAULT_INVITE_SECONDS = 24 * 3600
/** A joined space is written to disk in journal batches of about this size. */
const JOURNAL_BATCH_BYTES = 16 * 1024 * 1024

export { JOIN_PROTOCOL }

export interface JoinDeps {
  node: PeerNode
  repo: Repo
  /** The repo's own storage: a joined space's batch is written straight into it. */
  storage: Pick<JournaledStorage, 'saveBatch' | 'loadRange'>
  /** Remembers what a new member holds after its batch, so the sync layer need not re-announce it. */
  knownHeads: KnownRemoteHeads
  /** Remembers where the inviter listens, so this peer finds it again after a restart. */
  remember: (peerId: string, addrs: string[]) => void
  /** Lets the connection gate through a peer that holds no grant here yet: the inviter we dial. */
  expect: (peerId: string) => void
  /** Full addresses of the community peers this peer knows: an invite carries them. */
  community: () => string[]
  /** Issues the member grant a joiner receives. */
  grants: Pick<GrantService, 'issueMember'>
  identity: Identity
  state: LocalState
  consent: Consent
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
      answerJoin(stream, connection, this.#d).catch((err: unknown) => {
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
  async createInvite(spaceId: SpaceId, expiresInSeconds = DEFAULT_INVITE_SECONDS, uses = 1): Promise<InviteResult> {
    const space = this.#d.spaces.summary(spaceId)
    if (space.role !== MemberRole.Founder && space.role !== MemberRole.Admin) {
      throw new CommonweaveError(ErrorCode.Forbidden, `Only the founder or an admin of "${space.name}" can invite people. Ask one of them for a code.`)
    }
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < INVITE_SECONDS.min || expiresInSeconds > INVITE_SECONDS.max) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, INVITE_SECONDS.message)
    }
    if (!Number.isInteger(uses) || uses < 1 || uses > INVITE_USES.max) throw new CommonweaveError(ErrorCode.ValidationFailed, INVITE_USES.message)
    const secret = toBase64Url(randomBytes(32))
    const exp = Math.floor(this.#d.now() / 1000) + expiresInSeconds
    await this.#d.state.addInvite(hashSecret(secret), { spaceId, exp, uses, usedBy: [] }, Math.floor(this.#d.now() / 1000))
    const invite: Invite = {
      v: 1, space: spaceId, name: space.name, inviter: this.#d.identity.peerIdString,
      addrs: inviteAddrs(this.#d.node), secret, exp,
    }
    const community = this.#d.community().slice(0, 4)
    if (community.length > 0) invite.community = community
    return { code: encodeInvite(invite), spaceId, expiresAt: new Date(exp * 1000).toISOString(), uses }
  }

  /** Joins a space with an invite code; resolves once its documents are here and on disk. */
  async join(code: string, timeoutMs = DEFAULT_JOIN_TIMEOUT_MS, signal?: AbortSignal): Promise<SpaceSummary> {
    const invite = decodeInvite(code)
    if (invite.exp * 1000 < this.#d.now()) {
      throw new CommonweaveError(ErrorCode.InviteExpired, `This invite to "${invite.name}" expired on ${new Date(invite.exp * 1000).toISOString()}. Ask for a new one.`)
    }
    // Already a member: nothing to do. Holding the space without access (an imported copy, or
    // access that ended) is no membership: the inviter is asked, and says yes or why not.
    const held = this.#d.membership.authority(invite.space as SpaceId) !== undefined
    const already = held ? this.#d.spaces.summary(invite.space as SpaceId) : undefined
    if (already && already.access.cmd !== 'none') return already
    // A code names its space; it must not be able to name a document this peer already holds.
    if (!held && (this.#d.repo.handles[invite.space as string as DocumentId] || this.#d.consent.spaces.isIndexed(invite.space) ||
        (await this.#d.storage.loadRange([invite.space])).length > 0)) {
      throw new CommonweaveError(ErrorCode.InviteInvalid, 'This invite names a document this peer already has, not a space it could join.')
    }
    if (invite.inviter === this.#d.identity.peerIdString) {
      throw new CommonweaveError(ErrorCode.InviteInvalid, 'This invite was made by this peer; give it to someone else to join.')
    }
    const timeout = AbortSignal.timeout(timeoutMs)
    const abort = signal ? AbortSignal.any([signal, timeout]) : timeout
    const t0 = performance.now()
    this.#d.expect(invite.inviter)
    this.#meetCommunity(invite)
    const connection = await this.#reachInviter(invite, abort)
    const tConnected = performance.now()
    let timings: { imported: number; flushed: number } | undefined
    // An inviter closes a stranger's connection at its gate, before any answer, when it holds no open
    // invite this peer may present: all used or withdrawn, or open only to spaces that revoked this peer.
    const shutOut = (): CommonweaveError => new CommonweaveError(ErrorCode.InviteUsed,
      `The inviter of "${invite.name}" did not let this peer in: this invite has been used or withdrawn, or this peer's access to the space was revoked. Ask for a new one.`)
    const stream = await this.#d.node.dialProtocol(connection.remotePeer, JOIN_PROTOCOL, { signal: abort }).catch((err: unknown) => {
      throw connection.status !== 'open' && !abort.aborted ? shutOut() : err
    })
    const frames = readFrames(stream, MAX_DOC_BYTES, abort)
    let failed = false
    try {
      stream.send(encodeFrame(jsonBytes({ v: 1, space: invite.space, secret: invite.secret, name: this.#d.identity.name })))
      const header = await nextFrame(frames, 'the inviter closed the connection before answering').catch((err: unknown) => {
        throw connection.status !== 'open' && !abort.aborted ? shutOut() : err
      })
      const reply = JoinReplySchema.safeParse(parseJson(header))
      if (!reply.success) throw new CommonweaveError(ErrorCode.BadRequest, 'The inviter answered with something that is not a join reply.')
      if (!reply.data.ok) {
        const e = reply.data.error
        throw new CommonweaveError(isErrorData(e) ? e.code : ErrorCode.BadRequest, `The inviter refused: ${e.message}`)
      }
      if (reply.data.space !== invite.space || reply.data.docs[0] !== invite.space) {
        throw new CommonweaveError(ErrorCode.BadRequest, 'The inviter answered for a different space.')
      }
      timings = await this.#importBatch(invite.space as SpaceId, reply.data.docs, frames)
    } catch (err) {
      failed = true
      stream.abort(err instanceof Error ? err : new Error(String(err)))
      if (abort.aborted && !(err instanceof CommonweaveError)) {
        throw new CommonweaveError(signal?.aborted ? ErrorCode.Aborted : ErrorCode.Timeout, `Joining "${invite.name}" did not finish within ${Math.round(timeoutMs / 1000)} s.`)
      }
      throw err
    } finally {
      void frames.return(undefined).catch(() => {}) // detaches the timeout from the stream
      if (!failed) await stream.close().catch(() => {})
    }
    this.#d.log.info('joined space', {
      spaceId: invite.space, documents: timings?.imported,
      ms: { connect: Math.round(tConnected - t0), transferAndImport: Math.round((timings?.flushed ?? 0) - tConnected), total: Math.round(performance.now() - t0) },
    })
    const spaceId = invite.space as SpaceId
    await this.#d.state.addSpace(spaceId) // first on disk, then live: a failure here leaves nothing half-joined
    const handle = await this.#d.repo.find<AuthorityDoc>(spaceId as unknown as DocumentId)
    this.#d.membership.track(spaceId, handle)
    await this.#d.membership.settled(spaceId)
    this.#d.remember(invite.inviter, invite.addrs)
    return this.#d.spaces.summary(spaceId)
  }

  /**
   * Stores the batch straight into the repo's storage, with one journal write per 16 MiB
   * (one fsync, not several per document), without loading each document into memory: a
   * space's documents are loaded on demand, as they are opened or synced. The authority
   * document comes first and is loaded and checked: it says which other ids may follow.
   */
  async #importBatch(spaceId: SpaceId, docIds: string[], frames: AsyncIterator<Uint8Array>): Promise<{ imported: number; flushed: number }> {
    let allowed = new Set<string>()
    let indexShards = new Set<string>()
    let batch: Array<{ key: string[]; data: Uint8Array }> = []
    let batchBytes = 0
    let totalBytes = 0
    let stored = 0
    if (new Set(docIds).size !== docIds.length) throw new CommonweaveError(ErrorCode.BadRequest, 'The inviter listed a document twice.')
    for (const [i, docId] of docIds.entries()) {
      const bytes = await nextFrame(frames, 'the inviter closed the connection in the middle of the space')
      totalBytes += bytes.byteLength
      if (totalBytes > MAX_SPACE_BYTES) throw new CommonweaveError(ErrorCode.BadRequest, 'The space is larger than this peer accepts in one join (1 GiB).')
      if (!isAutomergeDocument(bytes)) throw new CommonweaveError(ErrorCode.BadRequest, `The inviter sent something that is not an Automerge document (${docId.slice(0, 40)}).`)
      if (i === 0) {
        ({ allowed, indexShards } = indexedIds(spaceId, bytes))
      } else if (!allowed.has(docId) || docId === spaceId) {
        throw new CommonweaveError(ErrorCode.BadRequest, `The inviter sent a document the space does not list (${docId.slice(0, 40)}).`)
      } else if (indexShards.has(docId)) {
        for (const id of indexShardEntries(spaceId, bytes)) allowed.add(id)
        // Each shard is an Automerge load: a turn between them keeps the loop free.
        await new Promise((r) => setImmediate(r))
      }
      if (!looksLikeDocumentId(docId) || this.#d.repo.handles[docId as DocumentId] || this.#d.consent.spaces.isIndexed(docId)) {
        continue // already here, or another space's: never written by a join
      }
      batch.push({ key: [docId, 'snapshot', `join-${createHash('sha256').update(bytes).digest('hex')}`], data: bytes })
      batchBytes += bytes.byteLength
      stored++
      if (batchBytes >= JOURNAL_BATCH_BYTES) {
        await this.#d.storage.saveBatch(batch)
        batch = []
        batchBytes = 0
      }
    }
    await this.#d.storage.saveBatch(batch)
    return { imported: stored, flushed: performance.now() }
  }

  /**
   * Dials the community peers the invite names, beside the inviter: a joiner off the LAN reaches
   * the inviter through one, and once a member keeps a relay slot there (relay-watchdog.ts).
   */
  #meetCommunity(invite: Invite): void {
    for (const addr of invite.community ?? []) {
      const ma = multiaddr(addr)
      const peer = ma.getComponents().at(-1)?.value
      if (peer === undefined || peer === this.#d.identity.peerIdString) continue
      this.#d.expect(peer)
      this.#d.node.dial(ma).then(() => {}, (err: unknown) => this.#d.log.debug('a community peer named in the invite is not reachable', { addr, error: String(err) }))
    }
  }

  async #reachInviter(invite: Invite, signal: AbortSignal): Promise<Connection> {
    const node = this.#d.node
    const inviter = peerIdFromString(invite.inviter)
    const existing = node.getConnections(inviter)[0]
    if (existing) return existing
    const errors: string[] = []
    for (const addr of invite.addrs) {
      try {
        const conn = await node.dial(dialAddr(addr, invite.inviter), { signal })
        if (conn.remotePeer.equals(inviter)) return conn
        errors.push(`${addr}: answered by another peer (${conn.remotePeer.toString()})`)
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
}

/**
 * Addresses worth putting in an invite: dialable ones, at most 8: LAN, then through a community
 * peer's relay (how a joiner off the LAN gets in), then loopback; WebSockets after TCP.
 */
function inviteAddrs(node: PeerNode): string[] {
  const addrs = node.getMultiaddrs().map((a) => a.toString())
  const order: Record<AddrReach, number> = { public: 0, lan: 0, relayed: 1, loopback: 2 }
  const rank = (a: string): number => order[addrReach(a)] + (a.includes('/ws') ? 3 : 0)
  return addrs.sort((a, b) => rank(a) - rank(b)).slice(0, 8)
}

/**
 * The document ids an authority document lets a join deliver: itself, its index shards and
 * what it lists itself; the index shards (sent before the documents they list) add theirs.
 */
function indexedIds(spaceId: SpaceId, bytes: Uint8Array): { allowed: Set<string>; indexShards: Set<string> } {
  let parsed
  try {
    parsed = AuthorityDocSchema.safeParse(Automerge.load(bytes))
  } catch {
    throw new CommonweaveError(ErrorCode.BadRequest, 'The inviter sent a damaged authority document.')
  }
  if (!parsed.success) throw new CommonweaveError(ErrorCode.BadRequest, 'The inviter sent an authority document that is not a Commonweave space.')
  const indexShards = new Set(parsed.data.indexShards ?? [])
  return { allowed: new Set([spaceId, ...indexShards, ...Object.values(parsed.data.collections).flat()]), indexShards }
}

/** The documents an index shard of the joined space lists; a shard that is not one lists nothing. */
function indexShardEntries(spaceId: SpaceId, bytes: Uint8Array): string[] {
  try {
    const parsed = IndexShardDocSchema.safeParse(Automerge.load(bytes))
    return parsed.success && parsed.data.space === spaceId ? Object.keys(parsed.data.entries) : []
  } catch {
    throw new CommonweaveError(ErrorCode.BadRequest, 'The inviter sent a damaged index shard.')
  }
}
