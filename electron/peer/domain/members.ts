/**
 * The members of a space as its secretary keeps them: who is in it and in which role, making
 * admins, removing members, leaving, and this peer's name in every space.
 *
 * Invariants:
 * - a role is what a peer's grants allow (an admin holds a grant for everything, so it may invite,
 *   grant and revoke); the roster and its `departed` list only give names and say who is gone;
 * - only the founder or an admin makes admins or removes members; no one removes the founder,
 *   and no one removes themselves (they leave);
 * - the last admin (the founder counts while still in the space) cannot leave or step down
 *   without naming another;
 * - removing a member revokes every grant they hold here, so what they delegated ends with it;
 * - members invited by an admin who left or stepped down stay members: an admin who remains
 *   signs them new member grants (see `adoptOrphans`); one who was removed takes them along.
 */
import type { DocHandle } from '@automerge/automerge-repo'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { MemberStatus, type LeaveResult, type MemberSummary, type RenameResult } from '../../../shared/api/members-api.ts'
import { MemberNameSchema, MemberRole, type AuthorityDoc, type DepartedEntry } from '../../../shared/schemas/space.ts'
import { ALL_DOCS, Cmd, type Grant } from '../../../shared/grants/grant-format.ts'
import { ANY_PURPOSE } from '../../../shared/grants/purposes.ts'
import type { ConsentIndex } from '../../../shared/grants/consent-index.ts'
import { validated } from '../../../shared/validate.ts'
import type { Consent } from '../consent/consent.ts'
import type { Identity } from '../identity/identity.ts'
import type { Logger } from '../log.ts'
import type { GrantService } from './grant-service.ts'
import type { Membership } from './membership.ts'
import type { Spaces } from './spaces.ts'
import { changeUntilAPeerHas, forgetSpace, type ForgetDeps } from './forget-space.ts'

export interface MembersDeps extends ForgetDeps {
  identity: Identity
  consent: Consent
  membership: Membership
  spaces: Spaces
  grants: Pick<GrantService, 'issueAdmin' | 'issueMember' | 'revokeAll' | 'standing'>
  /** Whether a peer is connected now. */
  online: (peerId: string) => boolean
  /** Keeps this peer's name in its identity file. */
  saveName: (name: string) => Promise<void>
  log: Logger
  now: () => number
}

/** How long leaving waits for a member's peer to take the news before forgetting the space. */
const ANNOUNCE_TIMEOUT_MS = 10_000
const REVOCATION_SYNC_MS = 1_500

export class Members {
  readonly #d: MembersDeps
  #adopting: ReturnType<typeof setTimeout> | undefined

  constructor(deps: MembersDeps) {
    this.#d = deps
  }

  /** Members first (founder, admins, members, by name), then those who left or were removed. */
  list(spaceId: SpaceId): MemberSummary[] {
    const { index, doc } = this.#space(spaceId)
    const dids = new Set<Did>([index.root, ...Object.keys(doc.roster) as Did[], ...Object.keys(doc.departed ?? {}) as Did[]])
    for (const { grant } of index.standings()) if (grant.payload.pol.docs.includes(ALL_DOCS)) dids.add(grant.payload.aud)
    const out = [...dids].flatMap((did) => this.#summary(spaceId, index, doc, did) ?? [])
    const order = (m: MemberSummary): number => (m.status === MemberStatus.Member ? 0 : 3) + (m.role === MemberRole.Founder ? 0 : m.role === MemberRole.Admin ? 1 : 2)
    return out.sort((a, b) => order(a) - order(b) || (a.name ?? a.did).localeCompare(b.name ?? b.did))
  }

  /** Makes a member an admin, or an admin a member again. */
  async setRole(spaceId: SpaceId, ref: string, role: 'admin' | 'member'): Promise<MemberSummary> {
    const { index, doc } = this.#space(spaceId)
    this.#mustAdminister(spaceId, 'change roles')
    const did = this.resolve(spaceId, ref)
    if (did === index.root) throw new CommonweaveError(ErrorCode.Forbidden, 'The founder is always an admin of their space.')
    const now = this.#d.now()
    const current = this.#summary(spaceId, index, doc, did)
    if (current?.status !== MemberStatus.Member) throw notMember(current)
    if (role === MemberRole.Admin && current.role !== MemberRole.Admin) {
      await this.#d.grants.issueAdmin(spaceId, did)
    } else if (role === MemberRole.Member && current.role === MemberRole.Admin) {
      if (did === this.#d.identity.did && this.#otherAdmins(spaceId).length === 0) throw lastAdmin(doc.name, 'step down')
      // A member grant first (when their membership rested on the admin grant alone): they never stop being a member.
      if (!index.chainsOf(did, now).some((c) => c.cmd !== Cmd.All && c.docs.includes(ALL_DOCS))) await this.#d.grants.issueMember(spaceId, did)
      await this.#d.grants.revokeAll(spaceId, index.chainsOf(did, now).filter((ch) => ch.cmd === Cmd.All).map((c) => c.grants.at(-1)!.id))
      await this.adoptOrphans(spaceId)
    }
    await this.#changeRoster(spaceId, (d) => { if (d.roster[did]) d.roster[did].role = role })
    return this.#summaryNow(spaceId, did)
  }

  /** Removes a member: every grant they hold here is revoked; they are gone from the roster. */
  async remove(spaceId: SpaceId, ref: string): Promise<MemberSummary> {
    const { index, doc } = this.#space(spaceId)
    this.#mustAdminister(spaceId, 'remove members')
    const did = this.resolve(spaceId, ref)
    if (did === index.root) throw new CommonweaveError(ErrorCode.Forbidden, 'The founder of a space cannot be removed from it.')
    if (did === this.#d.identity.did) throw new CommonweaveError(ErrorCode.ValidationFailed, `To go yourself, leave the space: commonweave leave "${doc.name}".`)
    const held = index.standings().filter((s) => s.grant.payload.aud === did && !index.revoked.has(s.grant.id))
    const current = this.#summary(spaceId, index, doc, did)
    if (held.length === 0 || current?.status !== MemberStatus.Member) throw notMember(current)
    const now = this.#d.now()
    const me = this.#d.identity.did
    if (index.root !== me && !index.chainsOf(me, now).some((c) => c.cmd === Cmd.All && !c.grants.some((link) => link.payload.aud === did))) {
      throw new CommonweaveError(ErrorCode.Forbidden, `Your own admin grant comes through ${current.name ?? did}: removing them would remove you too. Ask the founder or another admin.`)
    }
    // The members they invited were admitted on the space's behalf: they stay, on grants the one
    // removing signs them now (of the same kind). Grants they gave guests and agents end with theirs.
    const invited = index.standings().filter(({ grant: g, chain }) => chain !== undefined && g.payload.aud !== did &&
      chain.grants.some((link) => link.payload.aud === did) && isMembership(g) &&
      !index.chainsOf(g.payload.aud, now).some((c) => c.docs.includes(ALL_DOCS) && !c.grants.some((link) => link.payload.aud === did)))
    await this.#d.grants.revokeAll(spaceId, held.map((s) => s.grant.id))
    const kept = new Map<Did, Grant>()
    for (const { grant: g } of invited) if (!kept.has(g.payload.aud) || g.payload.cmd === Cmd.All) kept.set(g.payload.aud, g)
    for (const [aud, g] of kept) await (g.payload.cmd === Cmd.All ? this.#d.grants.issueAdmin(spaceId, aud) : this.#d.grants.issueMember(spaceId, aud))
    const at = new Date(this.#d.now()).toISOString()
    await this.#changeRoster(spaceId, (d) => {
      d.departed ??= {}
      d.departed[did] = { did, name: current.name ?? '', role: current.role, reason: 'removed', at, by: this.#d.identity.did }
      delete d.roster[did]
    })
    this.#d.log.info('member removed', { spaceId, did, kept: kept.size })
    const names = (this.#d.membership.authority(spaceId) as AuthorityDoc | undefined)?.roster
    return { ...this.#summaryNow(spaceId, did), kept: [...kept.keys()].map((k) => ({ did: k, name: names?.[k]?.name ?? null })) }
  }

  /**
   * Leaves a space: tells the others (the roster, and this peer's grants there given up), waits a
   * little for a member's peer to take that, then forgets the space's documents.
   */
  async leave(spaceId: SpaceId, admin?: string): Promise<LeaveResult> {
    const me = this.#d.identity.did
    const summary = this.#d.spaces.summary(spaceId)
    if (summary.role === 'guest') return this.#forget(spaceId, summary.name, { announced: false, revoked: 0 })
    const { index, doc } = this.#space(spaceId)
    if ((summary.role === MemberRole.Founder || summary.role === MemberRole.Admin) && this.#otherAdmins(spaceId).length === 0) {
      if (admin === undefined) throw lastAdmin(doc.name, 'leave')
      if (this.resolve(spaceId, admin) === me) throw new CommonweaveError(ErrorCode.ValidationFailed, 'Name someone other than yourself to be admin when you leave.')
      await this.setRole(spaceId, admin, 'admin')
      if (this.#otherAdmins(spaceId).length === 0) throw lastAdmin(doc.name, 'leave')
    }
    // First the roster, while this peer may still write: the others see who went, and when.
    const at = new Date(this.#d.now()).toISOString()
    const handle = await this.#d.spaces.authorityHandle(spaceId)
    const announced = await changeUntilAPeerHas(this.#d.repo, handle, () => this.#changeRoster(spaceId, (d) => {
      d.departed ??= {}
      d.departed[me] = { did: me, name: this.#d.identity.name, role: summary.role as DepartedEntry['role'], reason: 'left', at }
      delete d.roster[me]
    }).then(() => {}), () => this.#peersOf(spaceId), ANNOUNCE_TIMEOUT_MS)
    // Then this peer's own grants, given up, and the grants it gave guests and agents. Member
    // grants it issued are left to the admins who remain (they sign those members new ones).
    const now = this.#d.now()
    const toRevoke = index.standings().filter(({ grant: g }) => !index.revoked.has(g.id) && g.payload.exp * 1000 > now &&
      (g.payload.aud === me || (g.payload.iss === me && !g.payload.pol.docs.includes(ALL_DOCS))))
    // The revocations reach connected peers first of all (consent's hello pushes them); the
    // document carrying them too, unless a peer already counts this one out.
    if (toRevoke.length > 0) {
      await changeUntilAPeerHas(this.#d.repo, handle, () => this.#d.grants.revokeAll(spaceId, toRevoke.map((s) => s.grant.id)).then(() => {}), () => this.#peersOf(spaceId), REVOCATION_SYNC_MS)
    }
    return this.#forget(spaceId, doc.name, { announced, revoked: toRevoke.length })
  }

  /** Sets this peer's name in its identity file and on the roster of every space it is in. */
  async rename(raw: unknown): Promise<RenameResult> {
    const name = validated(MemberNameSchema, raw, 'name')
    await this.#d.saveName(name)
    this.#d.identity.name = name
    return { name, spaces: await this.syncMyName() }
  }

  /** Writes this peer's name onto each roster that shows another (after a rename, or `init --name` while stopped). */
  async syncMyName(): Promise<number> {
    const me = this.#d.identity.did
    let changed = 0
    for (const spaceId of this.#d.consent.spaces.spaceIds()) {
      const entry = this.#d.membership.rosterEntry(spaceId, me)
      if (!entry) continue
      if (entry.name !== this.#d.identity.name) await this.#changeRoster(spaceId, (d) => { if (d.roster[me]) d.roster[me].name = this.#d.identity.name })
      changed++
    }
    return changed
  }

  /** A member's did from their did, a unique start of it, or their name where unique in the space. */
  resolve(spaceId: SpaceId, ref: string): Did {
    const text = ref.trim()
    const all = this.list(spaceId)
    const exact = all.find((m) => m.did === text)
    if (exact) return exact.did
    const byName = all.filter((m) => m.name !== null && m.name.toLowerCase() === text.toLowerCase())
    const byPrefix = text.length >= 8 ? all.filter((m) => m.did.startsWith(text) || m.did.startsWith(`did:key:${text}`)) : []
    const found = byName.length > 0 ? byName : byPrefix
    if (found.length === 1) return found[0]!.did
    if (found.length > 1) throw new CommonweaveError(ErrorCode.ValidationFailed, `"${text}" could be ${found.map((m) => `${m.name ?? '?'} (${m.did})`).join(' or ')}: give the did.`)
    throw new CommonweaveError(ErrorCode.NotFound, `No member "${text}" in this space. "commonweave members SPACE" lists them.`)
  }

  /**
   * Members whose grant came from an admin who has since left or stepped down hold no valid chain
   * any more; an admin here signs each of them a new one of the same kind (an admin's as an
   * admin's, a member's as a member's). Only a grant that was properly given (a chain from the
   * founder, judged on structure) whose chain broke because a link was given up by its own holder
   * (leaving) or was an admin grant whose holder is still a member (stepping down). Never a grant
   * whose chain a removal cut, never one that was itself revoked, never a narrower grant made wider.
   */
  async adoptOrphans(spaceId: SpaceId): Promise<number> {
    const index = this.#d.consent.index(spaceId)
    const me = this.#d.identity.did
    const now = this.#d.now()
    if (!index || !this.#d.membership.authority(spaceId) || !(index.root === me || index.chainsOf(me, now).some((c) => c.cmd === Cmd.All))) return 0
    const hasMemberChain = (did: Did): boolean => did === index.root || index.chainsOf(did, now).some((c) => c.docs.includes(ALL_DOCS))
    const brokenHarmlessly = (link: Grant): boolean => {
      if (!index.revoked.has(link.id)) return true // lapsed, not cut
      const by = index.revocationsOf(link.id)
      if (by.every((r) => r.payload.iss === link.payload.aud)) return true // given up by its holder: they left
      return link.payload.cmd === Cmd.All && hasMemberChain(link.payload.aud) // an admin who stepped down
    }
    let adopted = 0
    const done = new Set<Did>()
    for (const { grant: g, chain } of index.standings()) {
      const aud = g.payload.aud
      if (chain || done.has(aud) || aud === index.root || aud === me || hasMemberChain(aud)) continue
      if (!isMembership(g)) continue
      if (index.revoked.has(g.id) || g.payload.exp * 1000 <= now || g.payload.nbf * 1000 > now) continue
      const structural = index.structuralChain(g.id)
      if (!structural || !structural.grants.slice(0, -1).every(brokenHarmlessly)) continue
      done.add(aud)
      await (g.payload.cmd === Cmd.All ? this.#d.grants.issueAdmin(spaceId, aud) : this.#d.grants.issueMember(spaceId, aud))
      adopted++
    }
    if (adopted > 0) this.#d.log.info('members whose admin left or stepped down signed new grants', { spaceId, count: adopted })
    return adopted
  }

  /** Runs `adoptOrphans` over every space soon after consent changed (debounced). */
  consentChanged(): void {
    if (this.#adopting !== undefined) return
    this.#adopting = setTimeout(() => {
      this.#adopting = undefined
      void (async () => {
        for (const spaceId of this.#d.consent.spaces.spaceIds()) await this.adoptOrphans(spaceId)
      })().catch((err: unknown) => this.#d.log.warn('could not sign new grants for members whose admin left', { error: String(err) }))
    }, 1_000)
    this.#adopting.unref?.()
  }

  stop(): void {
    clearTimeout(this.#adopting)
  }

  #summary(spaceId: SpaceId, index: ConsentIndex, doc: AuthorityDoc, did: Did): MemberSummary | undefined {
    const now = this.#d.now()
    const entry = doc.roster[did]
    const departed = doc.departed?.[did]
    const name = entry?.name ?? departed?.name ?? (did === this.#d.identity.did ? this.#d.identity.name : null)
    const peerId = entry?.peerId ?? (did === this.#d.identity.did ? this.#d.identity.peerIdString : null)
    const base = { did, name, peerId, joinedAt: entry?.joinedAt ?? null, online: peerId !== null && (did === this.#d.identity.did || this.#d.online(peerId)) }
    if (did === index.root && departed?.reason !== 'left') return { ...base, role: MemberRole.Founder, status: MemberStatus.Member, grantExpires: null }
    const chains = index.chainsOf(did, now).filter((c) => c.docs.includes(ALL_DOCS))
    if (chains.length > 0) {
      const role = chains.some((c) => c.cmd === Cmd.All) ? MemberRole.Admin : MemberRole.Member
      return { ...base, role, status: MemberStatus.Member, grantExpires: new Date(Math.max(...chains.map((c) => c.exp)) * 1000).toISOString() }
    }
    const grants = index.standings().map((s) => s.grant).filter((g) => g.payload.aud === did && g.payload.pol.docs.includes(ALL_DOCS))
    if (grants.length === 0 && !departed) return undefined
    const role = departed?.role ?? (grants.some((g) => g.payload.cmd === Cmd.All) ? MemberRole.Admin : did === index.root ? MemberRole.Founder : MemberRole.Member)
    const revocations = grants.flatMap((g) => index.revocationsOf(g.id))
    const gone = { ...base, role, grantExpires: null, online: false }
    const byOther = revocations.find((r) => r.payload.iss !== did)
    if (departed?.reason === 'left' || (revocations.length > 0 && !byOther)) {
      return { ...gone, status: MemberStatus.Left, gone: { at: departed?.at ?? isoOf(revocations[0]?.payload.iat) } }
    }
    if (byOther || departed?.reason === 'removed') {
      const by = (byOther?.payload.iss ?? departed?.by ?? null) as Did | null
      return { ...gone, status: MemberStatus.Removed, gone: { at: isoOf(byOther?.payload.iat) ?? departed?.at ?? null, by, byName: by ? doc.roster[by]?.name ?? doc.departed?.[by]?.name ?? null : null } }
    }
    const lastExp = Math.max(...grants.map((g) => g.payload.exp))
    return { ...gone, status: MemberStatus.Expired, gone: { at: lastExp * 1000 <= now ? isoOf(lastExp) : null } }
  }

  #summaryNow(spaceId: SpaceId, did: Did): MemberSummary {
    const found = this.list(spaceId).find((m) => m.did === did)
    if (!found) throw new CommonweaveError(ErrorCode.Internal, 'the member is not on the list after the change')
    return found
  }

  #space(spaceId: SpaceId): { index: ConsentIndex; doc: AuthorityDoc } {
    const doc = this.#d.membership.authority(spaceId)
    const index = this.#d.consent.index(spaceId)
    if (!doc || !index) {
      if (this.#d.consent.spaces.guest(spaceId)) throw new CommonweaveError(ErrorCode.Forbidden, 'You hold a grant to part of this space, not membership: its members are not shown to you.')
      throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows the spaces you are in.`)
    }
    return { index, doc: doc as AuthorityDoc }
  }

  #mustAdminister(spaceId: SpaceId, what: string): void {
    const { role } = this.#d.grants.standing(spaceId)
    if (role !== MemberRole.Founder && role !== MemberRole.Admin) throw new CommonweaveError(ErrorCode.Forbidden, `Only the founder or an admin can ${what}. "commonweave members SPACE" shows who they are.`)
  }

  /** Admins (and the founder, while in the space) other than this peer. */
  #otherAdmins(spaceId: SpaceId): MemberSummary[] {
    return this.list(spaceId).filter((m) => m.status === MemberStatus.Member && m.did !== this.#d.identity.did && (m.role === MemberRole.Admin || m.role === MemberRole.Founder))
  }

  /** Connected peers that may read the space's authority document: those who can take the news. */
  #peersOf(spaceId: SpaceId): string[] {
    return this.#d.node.getConnections().map((c) => c.remotePeer.toString()).filter((p) => this.#d.consent.mayRead(p, spaceId))
  }

  async #changeRoster(spaceId: SpaceId, fn: (d: AuthorityDoc) => void): Promise<DocHandle<AuthorityDoc>> {
    const handle = await this.#d.spaces.authorityHandle(spaceId)
    handle.change(fn)
    await this.#d.repo.flush([handle.documentId])
    return handle
  }

  async #forget(spaceId: SpaceId, name: string, how: { announced: boolean; revoked: number }): Promise<LeaveResult> {
    const leftAt = new Date(this.#d.now()).toISOString()
    const forgotten = await forgetSpace(this.#d, spaceId, leftAt)
    this.#d.log.info('left a space; its documents are forgotten here', { spaceId, documents: forgotten, announced: how.announced })
    return { spaceId, name, leftAt, ...how, forgotten }
  }
}

/** A member's or an admin's grant: the whole space, any purpose of it, write or everything. */
function isMembership(g: Grant): boolean {
  return g.payload.pol.docs.includes(ALL_DOCS) && g.payload.pol.purpose === ANY_PURPOSE && (g.payload.cmd === Cmd.All || g.payload.cmd === Cmd.Write)
}

function isoOf(seconds: number | undefined): string | null {
  return seconds === undefined ? null : new Date(seconds * 1000).toISOString()
}

function notMember(m: MemberSummary | undefined): CommonweaveError {
  if (!m) return new CommonweaveError(ErrorCode.NotFound, 'They are not a member of this space.')
  return new CommonweaveError(ErrorCode.ValidationFailed, `${m.name ?? m.did} is not a member of this space any more (${m.status}).`)
}

function lastAdmin(space: string, doing: string): CommonweaveError {
  return new CommonweaveError(ErrorCode.Forbidden, `You are the last admin of "${space}": name another before you ${doing} (commonweave leave "${space}" --admin NAME, or commonweave member role "${space}" NAME admin).`)
}
