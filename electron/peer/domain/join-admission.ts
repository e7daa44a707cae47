/**
 * The inviter's side of a join: check the one-time secret, admit the joiner to the roster,
 * and send it the whole space as a batch.
 *
 * Invariants:
 * - the joiner is the Noise-authenticated remote peer (an Ed25519 key), never a claimed id;
 * - a secret admits as many different peers as it was made for (one unless `--uses N`), until
 *   its expiry; a peer it admitted may use it again to retry a join that broke off; only the
 *   secret's hash is stored;
 * - the invite is consumed only after every check passed, just before the roster changes;
 * - only the request read is bounded by REQUEST_TIMEOUT_MS; the transfer by its own drains;
 * - nothing thrown here escapes the stream handler: errors are answered or logged.
 */
import * as Automerge from '@automerge/automerge'
import type { DocHandle, Repo } from '@automerge/automerge-repo'
import type { Connection, Stream } from '@libp2p/interface'
import { CommonweaveError, ErrorCode, toErrorData } from '../../../shared/errors.ts'
import type { Did, PeerIdString, SpaceId } from '../../../shared/ids.ts'
import { MemberRole } from '../../../shared/schemas/space.ts'
import { STEERING_CHARS } from '../../../shared/schemas/text.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import { encodeFrame } from '../sync/frame-codec.ts'
import type { KnownRemoteHeads } from '../sync/known-remote-heads.ts'
import type { Logger } from '../log.ts'
import type { Consent } from '../consent/consent.ts'
import type { LocalState } from './local-state.ts'
import type { Spaces } from './spaces.ts'
import type { Membership } from './membership.ts'
import type { GrantService } from './grant-service.ts'
import { mapLimit } from './live-collection.ts'
import { findWithin } from '../sync/find-within.ts'
import { JoinRequestSchema, MAX_REQUEST_BYTES, hashSecret, jsonBytes, readRequest, sendFrames, type JoinRequest } from './join-wire.ts'

export interface AdmissionDeps {
  repo: Repo
  grants: Pick<GrantService, 'issueMember'>
  state: LocalState
  consent: Consent
  /** Resolves once a space's index has been read since start-up (so the batch lists every document). */
  membership: Pick<Membership, 'settled'>
  spaces: Spaces
  knownHeads: KnownRemoteHeads
  log: Logger
  now: () => number
}

const DRAIN_TIMEOUT_MS = 30_000

/** Answers one join stream. */
export async function answerJoin(stream: Stream, connection: Connection, d: AdmissionDeps): Promise<void> {
  const peer = connection.remotePeer
  const peerId = peer.toString() as PeerIdString
  const send = async (bytes: Uint8Array): Promise<void> => {
    if (!stream.send(bytes)) await stream.onDrain({ signal: AbortSignal.timeout(DRAIN_TIMEOUT_MS) })
  }
  let admitted: { spaceId: SpaceId; handles: Array<DocHandle<unknown>> }
  try {
    const request = await readRequest(stream, JoinRequestSchema, MAX_REQUEST_BYTES, 'join request')
    if (peer.publicKey?.type !== 'Ed25519') throw new CommonweaveError(ErrorCode.BadRequest, 'a member needs an Ed25519 key')
    admitted = await admit(request, peerId, didFromPublicKey(peer.publicKey.raw), d)
  } catch (err) {
    d.knownHeads.forgetPeer(peerId) // nothing is on its way to this peer after all
    const error = toErrorData(err)
    d.log.info('join refused', { peer: peerId, code: error.code, reason: error.message })
    await send(encodeFrame(jsonBytes({ v: 1, ok: false, error: { code: error.code, message: error.message } }))).catch(() => {})
    await stream.close().catch(() => {})
    return
  }
  try {
    const { spaceId, handles } = admitted
    await send(encodeFrame(jsonBytes({ v: 1, ok: true, space: spaceId, docs: handles.map((h) => h.documentId) })))
    await sendFrames((function* () { for (const h of handles) yield Automerge.save(h.doc() as Automerge.Doc<unknown>) })(), send)
    await stream.close()
    d.log.info('member joined', { spaceId, peer: peerId, documents: handles.length })
  } catch (err) {
    d.knownHeads.forgetPeer(peerId)
    throw err
  } finally {
    // The peer may have gone while we sent: what we recorded about it must not outlive it.
    if (connection.status !== 'open') d.knownHeads.forgetPeer(peerId)
  }
}

async function admit(req: JoinRequest, peerId: PeerIdString, did: string, d: AdmissionDeps): Promise<{ spaceId: SpaceId; handles: Array<DocHandle<unknown>> }> {
  const spaceId = req.space as SpaceId
  const hash = hashSecret(req.secret)
  const invite = d.state.invite(hash)
  if (!invite || invite.spaceId !== spaceId) throw new CommonweaveError(ErrorCode.InviteInvalid, 'This invite code is not known to the inviter. Ask for a new one.')
  if (invite.exp * 1000 < d.now()) throw new CommonweaveError(ErrorCode.InviteExpired, `This invite expired on ${new Date(invite.exp * 1000).toISOString()}. Ask for a new one.`)
  if (!invite.usedBy.includes(peerId) && invite.usedBy.length >= invite.uses) throw usedError(invite.uses)
  // A peer whose grant here was revoked does not come back through an invite it still holds.
  const consent = d.consent.index(spaceId)
  // (One who left gave their own grant up: they may come back with a new invite.)
  if (consent?.standings().some((s) => s.grant.payload.aud === did && consent.revocationsOf(s.grant.id).some((r) => r.payload.iss !== did))) {
    throw new CommonweaveError(ErrorCode.Forbidden, 'Your access to this space was revoked. Ask an admin to grant it again.')
  }
  const role = d.spaces.summary(spaceId).role
  if (role !== MemberRole.Founder && role !== MemberRole.Admin) {
    throw new CommonweaveError(ErrorCode.Forbidden, 'The peer that made this invite is no longer an admin of the space. Ask a current admin for a new code.')
  }

  // Everything this member is about to receive. A document that cannot be loaded here is
  // left out rather than blocking every future join (it reaches the member by sync if it turns up).
  await d.membership.settled(spaceId)
  const owned = d.consent.spaces.docsOf(spaceId).filter((id) => d.consent.spaces.ownerOf(id) === spaceId)
  const found = await mapLimit(owned, 8, async (docId) => {
    try {
      return await findWithin(d.repo, docId, 5_000)
    } catch (err) {
      d.log.warn('document left out of a join: it cannot be loaded here', { spaceId, docId, error: String(err) })
      return undefined
    }
  })
  const handles = found.filter((h): h is DocHandle<unknown> => h !== undefined)
  // The joiner will hold every document exactly as we have it now: record that before the roster
  // change makes it a member, so the sync layer does not start a handshake per document while
  // the batch is on its way. Any later change here drops the record and syncs as usual.
  // (Not the authority document: the roster change below moves its heads at once, and each
  // forgotten record costs a re-evaluation of every document's sharing.)
  for (const h of handles) if ((h.documentId as string) !== spaceId) d.knownHeads.record(peerId, h)
  if (!(await d.state.useInvite(hash, peerId))) throw usedError(invite.uses)
  const authority = await d.spaces.authorityHandle(spaceId)
  const joinedAt = new Date(d.now()).toISOString()
  authority.change((doc) => {
    // The joiner names itself: every member's screen shows that name, so control characters stay out.
    if (!doc.roster[did]) doc.roster[did] = { did, peerId, name: req.name.replace(STEERING_CHARS, ''), role: MemberRole.Member, joinedAt }
  })
  // Membership is the grant, signed by this admin: read and write on the whole space, renewable.
  await d.grants.issueMember(spaceId, did as Did)
  return { spaceId, handles }
}

function usedError(uses: number): CommonweaveError {
  return new CommonweaveError(ErrorCode.InviteUsed, uses === 1
    ? 'This invite has already been used: it admits one person. Ask for a new one.'
    : `This invite has already admitted the ${uses} people it was made for. Ask for a new one.`)
}
