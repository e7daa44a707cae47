/**
 * Consent as this peer acts on it: signing grants and revocations with its own key, accepting
 * grants received as codes, renewing member grants, and describing who can see what.
 *
 * Invariants:
 * - a grant is issued only when this peer's own standing covers it (root, or a valid chain that
 *   covers the command, documents, purpose and expiry and may be delegated); the chain sent
 *   with it is the one that covers it;
 * - a grant or revocation is on disk (shared document and local log) before the call returns;
 * - a member whose grant was revoked is never renewed automatically.
 */
import { randomBytes } from 'node:crypto'
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import * as Automerge from '@automerge/automerge'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import {
  AuditKind, GrantStatus, type AccessEnded, type CreateGrantInput, type GrantResult, type GrantSummary, type RevocationResult, type SpaceAccess, type SpaceRole,
} from '../../../shared/api/peer-api.ts'
import { MemberRole, type AuthorityDoc } from '../../../shared/schemas/space.ts'
import { publicKeyFromDid } from '../../../shared/grants/did-key.ts'
import {
  ALL_DOCS, Cmd, MAX_DELEGATION_DEPTH, cmdCovers, docsCover, maxLifetimeSeconds, type Grant, type GrantPayload,
} from '../../../shared/grants/grant-format.ts'
import { issueGrant, issueRevocation } from '../../../shared/grants/grant-issue.ts'
import type { ChainScope } from '../../../shared/grants/grant-verify.ts'
import type { ConsentIndex, GrantStanding } from '../../../shared/grants/consent-index.ts'
import { verifyChain } from '../../../shared/grants/grant-verify.ts'
import { decodeGrant } from '../../../shared/grants/grant-codec.ts'
import { ANY_PURPOSE, isKnownPurpose, purposeCovers, purposeLabel } from '../../../shared/grants/purposes.ts'
import { decodeGrantCode, encodeGrantCode } from '../../../shared/grants/grant-code.ts'
import type { GrantCrypto } from '../../../shared/grants/signature.ts'
import type { CollectionRegistry } from '../../../shared/collections/registry.ts'
import type { Identity } from '../identity/identity.ts'
import type { Logger } from '../log.ts'
import type { AuditLog } from '../consent/audit-log.ts'
import type { Consent } from '../consent/consent.ts'
import { acceptGuestSpace } from '../consent/hello.ts'
import type { LocalState } from './local-state.ts'
import type { AuthorityState, Membership } from './membership.ts'

const DAY = 86_400
const DEFAULT_GRANT_SECONDS = 30 * DAY
const MEMBER_GRANT_SECONDS = 90 * DAY
/** A member grant with less than this left is renewed by its issuer. */
const RENEW_BELOW_SECONDS = 30 * DAY
const RENEW_EVERY_MS = 60 * 60_000

export interface GrantServiceDeps {
  repo: Repo
  identity: Identity
  consent: Consent
  membership: Membership
  registry: CollectionRegistry
  state: LocalState
  audit: AuditLog
  crypto: GrantCrypto
  log: Logger
  now: () => number
  addrs: () => string[]
  /**
   * Lets this peer dial a peer that holds no grant here yet, then dials it. `afresh`: close any
   * connection already held to it first, so that the two say hello again on a new one.
   */
  reach: (peerId: string, addrs: string[], afresh: boolean) => void
}

export class GrantService {
  readonly #d: GrantServiceDeps
  #renewTimer: ReturnType<typeof setInterval> | undefined
  #firstRenew: ReturnType<typeof setTimeout> | undefined

  constructor(deps: GrantServiceDeps) {
    this.#d = deps
  }

  start(): void {
    const run = (): void => { void this.renew().catch((err: unknown) => this.#d.log.error('renewing member grants failed', { error: String(err) })) }
    this.#firstRenew = setTimeout(run, 2_000)
    this.#firstRenew.unref?.()
    this.#renewTimer = setInterval(run, RENEW_EVERY_MS)
    this.#renewTimer.unref?.()
  }

  stop(): void {
    clearTimeout(this.#firstRenew)
    clearInterval(this.#renewTimer)
  }

  /** Signs a grant to `input.to` and stores it in the space. */
  async create(input: CreateGrantInput): Promise<GrantResult> {
    const { spaceId } = input
    if (!isKnownPurpose(input.purpose) || input.purpose === ANY_PURPOSE) {
      throw new CommonweaveError(ErrorCode.PurposeUnknown, `"${input.purpose}" is not a purpose a grant can name. Use one of: coordination, matching, research, publication, agent-assist, backup.`)
    }
    if (!publicKeyFromDid(input.to)) throw new CommonweaveError(ErrorCode.BadKey, `${input.to} is not an Ed25519 did:key. Ask the peer to run "commonweave whoami".`)
    if (input.to === this.#d.identity.did) throw new CommonweaveError(ErrorCode.ValidationFailed, 'A grant to yourself gives you nothing you do not have.')
    this.#authority(spaceId)
    const collections = new Set([...this.#d.registry.names(), ...this.#d.consent.spaces.collections(spaceId)])
    for (const ref of input.docs) {
      if (ref === ALL_DOCS || collections.has(ref) || this.#d.consent.spaces.spacesOfDoc(ref).has(spaceId)) continue
      throw new CommonweaveError(ErrorCode.ValidationFailed, `"${ref}" is neither a collection (${[...collections].join(', ')}) nor a document of this space.`)
    }
    const cmd = input.cmd === 'write' ? Cmd.Write : Cmd.Read
    const seconds = input.expiresInSeconds ?? DEFAULT_GRANT_SECONDS
    if (seconds > maxLifetimeSeconds(cmd)) throw new CommonweaveError(ErrorCode.ExpiryTooLong, `A ${input.cmd} grant lasts at most ${maxLifetimeSeconds(cmd) / DAY} days; it can be renewed.`)
    return this.#issue(spaceId, { aud: input.to, cmd, docs: [...new Set(input.docs)], purpose: input.purpose, seconds, dlg: 0, explicitExpiry: input.expiresInSeconds !== undefined, ...(input.note ? { note: input.note } : {}) })
  }

  /** The member grant a new member receives when it joins: read and write on the whole space, renewable. */
  async issueMember(spaceId: SpaceId, to: Did): Promise<GrantResult> {
    return this.#issue(spaceId, { aud: to, cmd: Cmd.Write, docs: [ALL_DOCS], purpose: ANY_PURPOSE, seconds: MEMBER_GRANT_SECONDS, dlg: 1, explicitExpiry: false })
  }

  /**
   * An admin grant: everything in the space (inviting, granting, revoking included) for a year,
   * renewable, and deep enough to make admins and members in turn. Only a founder or an admin can issue one.
   */
  async issueAdmin(spaceId: SpaceId, to: Did): Promise<GrantResult> {
    return this.#issue(spaceId, { aud: to, cmd: Cmd.All, docs: [ALL_DOCS], purpose: ANY_PURPOSE, seconds: maxLifetimeSeconds(Cmd.All), dlg: MAX_DELEGATION_DEPTH - 1, explicitExpiry: false })
  }

  /** Revokes a grant of a space this peer is in, if its standing allows. */
  async revoke(grantId: string): Promise<RevocationResult> {
    const grant = this.#d.consent.grantById(grantId)
    if (!grant) throw new CommonweaveError(ErrorCode.GrantNotFound, `No grant ${grantId} is known here. "commonweave grants SPACE" lists them.`)
    const spaceId = grant.payload.sub as SpaceId
    const consent = this.#d.consent.index(spaceId)
    const handle = await this.#authorityHandle(spaceId)
    // Already revoked: nothing is signed, and the answer says when and by whom (which `grants SPACE`
    // shows anyone here anyway), not "revoked now", whoever asks.
    const earlier = consent?.revocationOf(grantId)
    if (earlier) {
      const by = earlier.payload.iss
      return { grantId, spaceId, revokedAt: new Date(earlier.payload.iat * 1000).toISOString(), alreadyRevoked: true, revokedBy: by, revokedByName: this.#name(spaceId, by) }
    }
    if (!this.#mayRevoke(grant)) throw new CommonweaveError(ErrorCode.Forbidden, 'Only the grant\'s issuer or holder, someone up its chain, an admin or the founder can revoke it.')
    const [result] = await this.#revokeSigned(spaceId, handle, [grant])
    return result!
  }

  /**
   * Revokes several grants of one space at once: one signed revocation each, put in force and
   * pushed to peers together (a peer losing one grant may be disconnected before a second
   * revocation, sent alone, would reach anyone). Grants already revoked are skipped.
   */
  async revokeAll(spaceId: SpaceId, grantIds: string[]): Promise<number> {
    const handle = await this.#authorityHandle(spaceId)
    const consent = this.#d.consent.index(spaceId)
    const grants = grantIds.flatMap((id) => {
      const g = this.#d.consent.grantById(id)
      return g && g.payload.sub === spaceId && !consent?.revocationOf(id) ? [g] : []
    })
    for (const g of grants) if (!this.#mayRevoke(g)) throw new CommonweaveError(ErrorCode.Forbidden, 'Only the grant\'s issuer or holder, someone up its chain, an admin or the founder can revoke it.')
    if (grants.length > 0) await this.#revokeSigned(spaceId, handle, grants)
    return grants.length
  }

  #mayRevoke(grant: Grant): boolean {
    const consent = this.#d.consent.index(grant.payload.sub as SpaceId)
    const me = this.#d.identity.did
    const standing = consent?.standing(grant.id)
    return consent !== undefined && (consent.root === me || grant.payload.iss === me || grant.payload.aud === me ||
      (standing?.chain?.grants.some((g) => g.payload.iss === me) ?? false) ||
      consent.chainsOf(me, this.#d.now()).some((c) => cmdCovers(c.cmd, Cmd.Revoke)))
  }

  async #revokeSigned(spaceId: SpaceId, handle: DocHandle<AuthorityDoc>, grants: Grant[]): Promise<RevocationResult[]> {
    const me = this.#d.identity.did
    const iat = Math.floor(this.#d.now() / 1000)
    const afterHeads = Automerge.getHeads(handle.doc() as Automerge.Doc<unknown>).slice(0, 64)
    const signed: Uint8Array[] = []
    for (const g of grants) signed.push(await issueRevocation({ iss: me, sub: spaceId, target: g.id, afterHeads, iat, nonce: randomBytes(16) }, (b) => this.#d.identity.sign(b)))
    const { added, rejected } = await this.#d.consent.addEnvelopes(spaceId, { revocations: signed }, 'self')
    if (rejected.length > 0) throw new CommonweaveError(rejected[0]!.code, rejected[0]!.message)
    const byTarget = new Map(this.#d.consent.envelopes(spaceId).revocations.filter((r) => added.includes(r.id)).map((r) => [r.payload.target, r.id]))
    handle.change((d) => {
      d.revocations ??= {}
      for (const [i, g] of grants.entries()) {
        const id = byTarget.get(g.id)
        if (id) d.revocations[id] = signed[i] as Uint8Array<ArrayBuffer>
        // A member whose membership grant is gone leaves the roster (the roster is only for names).
        const aud = g.payload.aud
        if (g.payload.pol.docs.includes(ALL_DOCS) && !this.#d.consent.index(spaceId)?.knows(aud, this.#d.now())) delete d.roster[aud]
      }
    })
    await this.#d.repo.flush([handle.documentId])
    for (const g of grants) this.#d.audit.record({ kind: AuditKind.GrantRevoked, spaceId, grantId: g.id, did: g.payload.aud })
    return grants.map((g) => ({ grantId: g.id, spaceId, revokedAt: new Date(iat * 1000).toISOString(), alreadyRevoked: false, revokedBy: me, revokedByName: this.#name(spaceId, me) }))
  }

  /** Stores a grant received as a code and dials its granter. The code was checked whole, every field, before any of this. */
  async accept(code: string): Promise<SpaceId> {
    const parsed = decodeGrantCode(code)
    const me = this.#d.identity.did
    const first = decodeFirst(parsed.chain[0]!, this.#d.crypto)
    const spaceId = first.sub as SpaceId
    const root = (this.#d.state.root(spaceId) ?? this.#d.consent.spaces.guest(spaceId)?.root ?? first.iss) as Did
    const verdict = verifyChain(parsed.chain, { space: spaceId, root, audience: me, now: this.#d.now(), isRevoked: (id) => this.#d.consent.index(spaceId)?.revoked.has(id) ?? false, crypto: this.#d.crypto })
    if (!verdict.ok) throw new CommonweaveError(verdict.error.code, `This grant cannot be accepted: ${verdict.error.message}.`)
    // Until now the granter may have been a stranger here, so a hello it sent on a connection we
    // already hold (a refused join, say) was not listened to; a hello is said once per connection,
    // so its list of what this grant covers would never arrive on that one.
    const granterWasStranger = !this.#d.consent.knows(parsed.peer)
    if (this.#d.membership.authority(spaceId)) {
      await this.#d.consent.addEnvelopes(spaceId, { grants: parsed.chain }, 'code')
    } else {
      const guest = this.#d.consent.spaces.guest(spaceId)
      // The code's name is outside its signature: it names a space this peer does not know yet, and never renames one it knows.
      const name = guest?.name || parsed.name
      await acceptGuestSpace({ guests: this.#d.state, consent: this.#d.consent, audit: this.#d.audit }, spaceId, { root, name, granter: parsed.peer, collections: guest?.collections ?? {} }, parsed.chain, 'code')
    }
    this.#d.reach(parsed.peer, parsed.addrs, granterWasStranger)
    return spaceId
  }

  /** Every grant of a space with its standing: who can see what, why, and until when. */
  list(spaceId: SpaceId): GrantSummary[] {
    const consent = this.#d.consent.index(spaceId)
    if (!consent) throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer.`)
    return consent.standings().map((st) => this.#summarize(spaceId, consent, st)).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt))
  }

  #summarize(spaceId: SpaceId, consent: ConsentIndex, { grant, chain, problem }: GrantStanding): GrantSummary {
    const p = grant.payload
    const now = this.#d.now()
    const status = consent.revoked.has(grant.id) ? GrantStatus.Revoked
      : now / 1000 >= p.exp ? GrantStatus.Expired
        : chain ? GrantStatus.Valid
          : problem?.code === ErrorCode.GrantNotYetValid ? GrantStatus.NotYetValid : GrantStatus.Invalid
    return {
      grantId: grant.id, spaceId, issuer: p.iss, issuerName: this.#name(spaceId, p.iss), audience: p.aud, audienceName: this.#name(spaceId, p.aud),
      cmd: p.cmd, docs: p.pol.docs, purpose: p.pol.purpose, purposeLabel: purposeLabel(p.pol.purpose),
      notBefore: new Date(p.nbf * 1000).toISOString(), expiresAt: new Date(p.exp * 1000).toISOString(), delegation: p.dlg,
      status, problem: status === GrantStatus.Valid ? null : status === GrantStatus.Revoked ? { code: ErrorCode.GrantRevoked, message: 'revoked' } : problem,
      note: p.meta?.note ?? null, issuedAt: new Date(p.nbf * 1000).toISOString(),
    }
  }

  /** This peer's role in a space and what it may do there. */
  standing(spaceId: SpaceId): { role: SpaceRole; access: SpaceAccess } {
    const consent = this.#d.consent.index(spaceId)
    const me = this.#d.identity.did
    if (consent?.root === me) return { role: MemberRole.Founder, access: { cmd: Cmd.All, docs: [ALL_DOCS], purpose: ANY_PURPOSE, expiresAt: null } }
    const chains = (consent?.chainsOf(me, this.#d.now()) ?? []).sort((a, b) => rank(b) - rank(a) || b.exp - a.exp)
    const best = chains[0]
    const member = this.#d.membership.authority(spaceId) !== undefined
    const role: SpaceRole = best?.cmd === Cmd.All ? MemberRole.Admin : member ? MemberRole.Member : 'guest'
    if (best) return { role, access: { cmd: best.cmd, docs: best.docs, purpose: best.purpose, expiresAt: new Date(best.exp * 1000).toISOString() } }
    const ended = consent ? this.#ended(spaceId, consent, me) : undefined
    return { role, access: { cmd: 'none', docs: [], purpose: '', expiresAt: null, ...(ended ? { ended } : {}) } }
  }

  /** How this peer's access to a space ended, when it holds no valid grant there: the latest revocation or expiry of its own grants. */
  #ended(spaceId: SpaceId, consent: ConsentIndex, me: Did): AccessEnded | undefined {
    const nowS = this.#d.now() / 1000
    let ended: AccessEnded | undefined
    let endedAt = -Infinity
    for (const { grant } of consent.standings()) {
      if (grant.payload.aud !== me) continue
      const r = consent.revocationOf(grant.id)
      const at = r ? r.payload.iat : grant.payload.exp
      if ((!r && grant.payload.exp > nowS) || at <= endedAt) continue
      endedAt = at
      ended = r
        ? { reason: 'revoked', at: new Date(at * 1000).toISOString(), by: r.payload.iss, byName: this.#name(spaceId, r.payload.iss) }
        : { reason: 'expired', at: new Date(at * 1000).toISOString() }
    }
    return ended
  }

  /** Issues member grants to roster members that lack one (spaces made before grants) and renews its own that run short. */
  async renew(): Promise<number> {
    const me = this.#d.identity.did
    const now = this.#d.now()
    let issued = 0
    for (const spaceId of this.#d.consent.spaces.spaceIds()) {
      const doc = this.#d.membership.authority(spaceId)
      const consent = this.#d.consent.index(spaceId)
      if (!doc || !consent) continue
      const admin = consent.root === me || consent.chainsOf(me, now).some((c) => c.cmd === Cmd.All)
      if (!admin) continue
      const standings = consent.standings()
      // Removed: a whole-space grant revoked by someone else, and no whole-space chain left (one
      // who stepped down from admin is still a member, and is renewed as one).
      const revokedAud = new Set(standings.filter((s) => s.grant.payload.pol.docs.includes(ALL_DOCS) &&
        consent.revocationsOf(s.grant.id).some((r) => r.payload.iss !== s.grant.payload.aud) &&
        !consent.chainsOf(s.grant.payload.aud, now).some((c) => c.docs.includes(ALL_DOCS))).map((s) => s.grant.payload.aud))
      // Anyone who can write the authority document can edit its roster, so the roster alone earns
      // nothing: only a member grant this peer issued is renewed. The one exception is a space made
      // before grants existed (it holds none at all), whose roster members are given their first.
      const migrating = consent.root === me && standings.length === 0
      for (const did of Object.keys(doc.roster) as Did[]) {
        if (did === me || did === consent.root || revokedAud.has(did)) continue
        const chains = consent.chainsOf(did, now).filter((c) => c.docs.includes(ALL_DOCS))
        const longest = Math.max(0, ...chains.map((c) => c.exp))
        const mine = chains.filter((c) => c.grants.at(-1)?.payload.iss === me)
        if ((migrating || mine.length > 0) && longest - now / 1000 < RENEW_BELOW_SECONDS) {
          // An admin's grant is renewed as an admin's.
          await (mine.some((c) => c.cmd === Cmd.All) ? this.issueAdmin(spaceId, did) : this.issueMember(spaceId, did))
          issued++
        }
      }
    }
    if (issued > 0) this.#d.log.info('member grants issued or renewed', { count: issued })
    return issued
  }

  async #issue(spaceId: SpaceId, want: { aud: Did; cmd: string; docs: string[]; purpose: string; seconds: number; dlg: number; explicitExpiry: boolean; note?: string }): Promise<GrantResult> {
    const me = this.#d.identity.did
    const handle = await this.#authorityHandle(spaceId)
    const consent = this.#d.consent.index(spaceId)
    if (!consent) throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer.`)
    const now = Math.floor(this.#d.now() / 1000)
    let exp = now + want.seconds
    let proof: ChainScope | undefined
    let dlg = want.dlg
    if (consent.root !== me) {
      const chains = consent.chainsOf(me, this.#d.now())
      // The strongest chain that covers it: a grant an admin gives hangs from their admin grant, not a member grant it also holds.
      proof = chains.filter((c) => c.dlg > 0 && cmdCovers(c.cmd, want.cmd) && docsCover(c.docs, want.docs) && purposeCovers(c.purpose, want.purpose))
        .sort((a, b) => rank(b) - rank(a) || b.dlg - a.dlg || b.exp - a.exp)[0]
      if (!proof) throw refusal(chains, want)
      if (exp > proof.exp) {
        if (want.explicitExpiry) throw new CommonweaveError(ErrorCode.ExpiryExtended, `Your own grant ends ${new Date(proof.exp * 1000).toISOString()}; a grant you give cannot outlast it.`)
        exp = proof.exp
      }
      dlg = Math.min(dlg, proof.dlg - 1)
    } else {
      dlg = Math.min(dlg, MAX_DELEGATION_DEPTH)
    }
    const payload: GrantPayload = {
      iss: me, aud: want.aud, sub: spaceId, cmd: want.cmd, pol: { docs: want.docs, purpose: want.purpose },
      nbf: now, exp, nonce: randomBytes(16), dlg, ...(want.note ? { meta: { note: want.note } } : {}),
    }
    const bytes = await issueGrant(payload, (b) => this.#d.identity.sign(b))
    const { added, rejected } = await this.#d.consent.addEnvelopes(spaceId, { grants: [bytes] }, 'self')
    if (rejected.length > 0) throw new CommonweaveError(rejected[0]!.code, rejected[0]!.message)
    const grantId = added[0] ?? ''
    handle.change((d) => {
      d.grants ??= {}
      d.grants[grantId] = bytes as Uint8Array<ArrayBuffer>
    })
    await this.#d.repo.flush([handle.documentId])
    this.#d.audit.record({ kind: AuditKind.GrantIssued, spaceId, grantId, did: want.aud, detail: `${want.cmd} ${want.docs.join(',')} for ${want.purpose}` })
    const chain = [...(proof?.grants.map((g) => g.bytes) ?? []), bytes]
    // The index was rebuilt when the grant was added: the one captured above does not hold it.
    const index = this.#d.consent.index(spaceId)
    const standing = index?.standing(grantId)
    if (!standing || !index) throw new CommonweaveError(ErrorCode.Internal, 'the new grant is not in the index')
    const summary = this.#summarize(spaceId, index, standing)
    return { grant: summary, code: encodeGrantCode({ chain, peer: this.#d.identity.peerIdString, addrs: this.#d.addrs(), name: handle.doc()?.name ?? '' }) }
  }

  #authority(spaceId: SpaceId): AuthorityState {
    const doc = this.#d.membership.authority(spaceId)
    if (doc) return doc
    if (this.#d.consent.spaces.guest(spaceId)) throw new CommonweaveError(ErrorCode.Forbidden, 'You hold a grant to part of this space, not membership: only its members can grant or revoke.')
    throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows the spaces you are in.`)
  }

  async #authorityHandle(spaceId: SpaceId): Promise<DocHandle<AuthorityDoc>> {
    this.#authority(spaceId)
    return this.#d.repo.find<AuthorityDoc>(spaceId as unknown as DocumentId)
  }

  #name(spaceId: SpaceId, did: Did): string | null {
    return this.#d.membership.authority(spaceId)?.roster[did]?.name ?? (did === this.#d.identity.did ? this.#d.identity.name : null)
  }
}

function rank(c: ChainScope): number {
  return (c.cmd === Cmd.All ? 4 : c.cmd === Cmd.Write ? 2 : 1) + (c.docs.includes(ALL_DOCS) ? 8 : 0)
}

function refusal(chains: ChainScope[], want: { cmd: string; docs: string[]; purpose: string }): CommonweaveError {
  if (chains.length === 0) return new CommonweaveError(ErrorCode.Forbidden, 'You hold no valid grant in this space, so you cannot grant anything in it.')
  if (chains.every((c) => c.dlg === 0)) return new CommonweaveError(ErrorCode.NotDelegable, 'Your grant in this space may not be passed on.')
  if (!chains.some((c) => cmdCovers(c.cmd, want.cmd))) return new CommonweaveError(ErrorCode.CmdEscalated, `You may not grant ${want.cmd}: your own grant does not allow it.`)
  if (!chains.some((c) => docsCover(c.docs, want.docs))) return new CommonweaveError(ErrorCode.DocsEscalated, 'You may not grant documents your own grant does not cover.')
  return new CommonweaveError(ErrorCode.PurposeEscalated, `You may not grant for purpose ${want.purpose}: your own grant does not cover it.`)
}

/** The space and root a code's chain claims; the full check follows with them. */
function decodeFirst(bytes: Uint8Array, crypto: GrantCrypto): { sub: string; iss: string } {
  const d = decodeGrant(bytes, crypto)
  if (!d.ok) throw new CommonweaveError(d.error.code, `This grant cannot be accepted: ${d.error.message}.`)
  return { sub: d.value.payload.sub, iss: d.value.payload.iss }
}
