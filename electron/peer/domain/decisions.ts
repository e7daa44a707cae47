/**
 * Decisions of a space on the generic collection store (DESIGN.md "Decisions"): proposals,
 * stances and outcomes, each signed by this peer's identity key as it is made.
 *
 * Invariants:
 * - a proposal lists its eligible voters (the members when it was made) inside its signature;
 * - a stance is a new item each time: a changed mind never overwrites the earlier stance, and
 *   this peer's stances are stamped strictly later than its previous one, so "the latest
 *   counts" never depends on a tie;
 * - this peer takes a stance only on an open, verified proposal it was eligible for, with a
 *   choice of its process and a reason where one is required; a stance on a closed proposal
 *   is recorded only when asked for as late (shown, never counted);
 * - only the author or an admin closes a proposal or states its outcome.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { decisions } from '../../../shared/collections/decisions.ts'
import type { GrantCrypto } from '../../../shared/grants/signature.ts'
import { toBase64Url } from '../../../shared/invite-code.ts'
import { isDuration, parseDuration } from '../../../shared/duration.ts'
import { validated } from '../../../shared/validate.ts'
import { outcomeBytes, proposalBytes, proposalId, stanceBytes } from '../../../shared/decisions/signing.ts'
import {
  CHOICES, CloseInputSchema, MAX_OPEN_DAYS, MIN_OPEN_SECONDS, ProposeInputSchema, REASON_REQUIRED, StanceInputSchema,
  type DecisionItem, type Outcome, type Proposal, type Stance,
} from '../../../shared/schemas/decision.ts'
import { DecisionStatus, type DecisionSummary, type DecisionView, type ListDecisionsInput } from '../../../shared/api/decisions-api.ts'
import type { MemberSummary } from '../../../shared/api/members-api.ts'
import { MemberStatus } from '../../../shared/api/members-api.ts'
import { MemberRole } from '../../../shared/schemas/space.ts'
import type { CollectionStore } from './collection-store.ts'
import { checkSignatures, closesOf, decisionView, groupByProposal, summaryOf, type ViewContext } from './decision-views.ts'

export interface DecisionsDeps {
  store: CollectionStore
  me: Did
  now: () => number
  crypto: GrantCrypto
  /** Signs with this peer's identity key. */
  sign: (bytes: Uint8Array) => Promise<Uint8Array>
  /** The space's members and those gone, where this peer holds its roster; null for a guest. */
  members: (spaceId: SpaceId) => MemberSummary[] | null
  /** Whether this peer's grants let it write the space's decisions. */
  mayWrite: (spaceId: SpaceId) => boolean
}

const MAX_OPEN_MS = MAX_OPEN_DAYS * 86_400_000
/** How far ahead of this clock a stance of our own may be dated (another machine of ours, its clock a little fast). */
const CLOCK_SKEW_MS = 5 * 60_000

/**
 * Decisions are append-only: nothing here deletes one, and a tombstone (which no one signs) is
 * ignored, so a writer cannot take a block or an objection out of the tally by marking it deleted.
 */
const APPEND_ONLY = { includeDeleted: true } as const

/** A stored time as people read it in a message: `2026-11-30 03:37 UTC`. */
const utc = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`

export class Decisions {
  readonly #d: DecisionsDeps

  constructor(deps: DecisionsDeps) {
    this.#d = deps
  }

  /** Makes a proposal, signed; its voters are the members now. `drafter`: the agent that drafted it, under this member's grant. */
  async propose(spaceId: SpaceId, input: unknown, drafter?: { did: Did; name: string }): Promise<DecisionView> {
    const data = validated(ProposeInputSchema, input)
    const members = this.#d.members(spaceId)
    if (members === null) throw new CommonweaveError(ErrorCode.Forbidden, 'Only members of the space can make proposals: you hold a grant to part of it, not a membership.')
    const now = this.#d.now()
    const closesAt = this.#closeTime(data.closes, now)
    const at = new Date(now).toISOString()
    const content = {
      nonce: toBase64Url(randomBytes(16)), title: data.title, details: data.details ?? '', process: data.process, closesAt,
      ...(data.quorum !== undefined ? { quorum: data.quorum } : {}),
      eligible: members.filter((m) => m.status === MemberStatus.Member).map((m) => m.did as string).sort(),
      author: this.#d.me as string, createdAt: at,
      ...(drafter ? { drafter: { did: drafter.did as string, name: drafter.name } } : {}),
    }
    const proposal: Proposal = {
      ...content, id: proposalId(spaceId, content, this.#d.crypto.sha256), type: 'proposal',
      signature: await this.#sign(proposalBytes(spaceId, content)), updatedAt: at,
    }
    await this.#d.store.put(spaceId, decisions.name, proposal)
    return this.get(spaceId, proposal.id)
  }

  /** Proposals: open ones closing soonest first, then closed ones, latest first. */
  async list(spaceId: SpaceId, filter: Omit<ListDecisionsInput, 'spaceId'> = {}): Promise<{ items: DecisionSummary[]; total: number }> {
    if (filter.open === true && filter.closed === true) throw new CommonweaveError(ErrorCode.ValidationFailed, 'Ask for open or closed proposals, not both; without either, every proposal is listed.')
    const { items } = await this.#d.store.list<DecisionItem>(spaceId, decisions.name, APPEND_ONLY)
    await checkSignatures(items, spaceId, this.#d.crypto)
    const ctx = this.#context(spaceId)
    const all = [...groupByProposal(items).values()].map((g) => summaryOf(decisionView(g, ctx)))
    const shown = all.filter((d) => (filter.open !== true || d.status === DecisionStatus.Open) && (filter.closed !== true || d.status === DecisionStatus.Closed))
    shown.sort((a, b) => a.status !== b.status ? (a.status === DecisionStatus.Open ? -1 : 1)
      : a.status === DecisionStatus.Open ? a.closesAt.localeCompare(b.closesAt) : b.closesAt.localeCompare(a.closesAt))
    return { items: shown, total: shown.length }
  }

  /** One proposal by id or a unique start of it, with every stance and outcome. */
  async get(spaceId: SpaceId, idOrPrefix: string): Promise<DecisionView> {
    const proposal = await this.#proposal(spaceId, idOrPrefix)
    return decisionView(await this.#items(spaceId, proposal), this.#context(spaceId))
  }

  /** Signs and stores a stance of this peer's. */
  async stance(spaceId: SpaceId, idOrPrefix: string, input: unknown): Promise<DecisionView> {
    const data = validated(StanceInputSchema, input)
    const proposal = await this.#proposal(spaceId, idOrPrefix)
    const view = decisionView(await this.#items(spaceId, proposal), this.#context(spaceId))
    const quote = `“${proposal.title}”`
    if (!view.verified) throw new CommonweaveError(ErrorCode.ValidationFailed, `${quote} does not carry its author's valid signature; a stance on it would mean nothing. Ask its author to propose it again.`)
    if (!CHOICES[proposal.process].includes(data.choice)) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `"${data.choice}" is not a stance of the ${proposal.process} process: choose ${CHOICES[proposal.process].join(', ')}.`)
    }
    const reason = data.reason ?? ''
    if (reason === '' && REASON_REQUIRED[proposal.process].includes(data.choice)) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, proposal.process === 'advice'
        ? 'Under the advice process every stance is advice: give your reason.'
        : `A stance of ${data.choice} needs a reason: say why.`)
    }
    if (proposal.imported) throw new CommonweaveError(ErrorCode.ValidationFailed, `${quote} was decided in Loomio and brought over as a record; it takes no new stances.`)
    if (!proposal.eligible.includes(this.#d.me)) {
      throw new CommonweaveError(ErrorCode.Forbidden, `Only the ${proposal.eligible.length} members of the space when ${quote} was made take part in it; you were not one of them.`)
    }
    if (!this.#d.mayWrite(spaceId)) throw new CommonweaveError(ErrorCode.Forbidden, 'You may read this space\'s decisions but not take part in them.')
    if (view.status === DecisionStatus.Closed && data.late !== true) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `${quote} closed on ${utc(view.closesAt)}; a stance now would not count. To record it anyway, shown as late, cast it as late (the CLI's --late).`)
    }
    // After this peer's own latest stance, so the new one is the latest. Only verified ones count
    // here: a stance a writer planted under this peer's did must not push its stances into the future.
    const clock = this.#d.now()
    const previous = view.stances.filter((s) => s.did === this.#d.me && s.verified).map((s) => Date.parse(s.castAt)).filter(Number.isFinite)
    const after = Math.max(clock, ...previous.map((t) => t + 1))
    if (after > clock + CLOCK_SKEW_MS) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `Your previous stance on ${quote} is dated ${utc(new Date(after - 1).toISOString())}, later than this machine's clock (${utc(new Date(clock).toISOString())}). Check this computer's date and time, then try again.`)
    }
    const at = new Date(after).toISOString()
    const fields = { decision: proposal.id, choice: data.choice, reason, castAt: at }
    const stance: Stance = {
      ...fields, id: randomUUID(), type: 'stance', voter: this.#d.me, signature: await this.#sign(stanceBytes(fields)), createdAt: at, updatedAt: at,
    }
    await this.#d.store.put(spaceId, decisions.name, stance)
    return this.get(spaceId, proposal.id)
  }

  /** Closes a proposal early, or states its outcome once it has closed: its author or an admin. */
  async close(spaceId: SpaceId, idOrPrefix: string, input: unknown): Promise<DecisionView> {
    const data = validated(CloseInputSchema, input)
    const proposal = await this.#proposal(spaceId, idOrPrefix)
    const view = decisionView(await this.#items(spaceId, proposal), this.#context(spaceId))
    if (!view.mayClose) {
      const who = view.authorName ?? proposal.author
      throw new CommonweaveError(ErrorCode.Forbidden, this.#d.mayWrite(spaceId)
        ? `Only ${who}, who made “${proposal.title}”, or an admin of the space can close it or state its outcome.`
        : 'You may read this space\'s decisions but not close them.')
    }
    const statement = data.outcome ?? ''
    if (view.status === DecisionStatus.Closed && statement === '') {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `“${proposal.title}” closed on ${utc(view.closesAt)}. To state its outcome, give its words (the CLI's --outcome TEXT).`)
    }
    const at = new Date(this.#d.now()).toISOString()
    // The stances held now: a peer's view of the close never makes them late, whatever its clock says.
    const fields = { decision: proposal.id, statement, closedAt: at, held: view.stances.map((s) => s.id).sort() }
    const outcome: Outcome = { ...fields, id: randomUUID(), type: 'outcome', by: this.#d.me, signature: await this.#sign(outcomeBytes(fields)), createdAt: at, updatedAt: at }
    await this.#d.store.put(spaceId, decisions.name, outcome)
    return this.get(spaceId, proposal.id)
  }

  /** Each proposal's close as it stands now (its scheduled close, or an earlier one), by id. */
  async closes(spaceId: SpaceId): Promise<Map<string, number>> {
    const { items } = await this.#d.store.list<DecisionItem>(spaceId, decisions.name, APPEND_ONLY)
    return closesOf(items, this.#context(spaceId))
  }

  async #proposal(spaceId: SpaceId, idOrPrefix: string): Promise<Proposal> {
    const item = await this.#d.store.get<DecisionItem>(spaceId, decisions.name, idOrPrefix, APPEND_ONLY)
    if (item.type !== 'proposal') throw new CommonweaveError(ErrorCode.NotFound, `${idOrPrefix} is a ${item.type} of a proposal, not a proposal; its proposal is ${item.decision}.`)
    return item
  }

  async #items(spaceId: SpaceId, proposal: Proposal): Promise<{ proposal: Proposal; stances: Stance[]; outcomes: Outcome[] }> {
    const { items } = await this.#d.store.list<DecisionItem>(spaceId, decisions.name, {
      where: (i) => i.type !== 'proposal' && i.decision === proposal.id, key: `decision:${proposal.id}`, ...APPEND_ONLY,
    })
    await checkSignatures([proposal, ...items], spaceId, this.#d.crypto)
    return {
      proposal,
      stances: items.filter((i): i is Stance => i.type === 'stance'),
      outcomes: items.filter((i): i is Outcome => i.type === 'outcome'),
    }
  }

  #context(spaceId: SpaceId): ViewContext {
    const roster = this.#d.members(spaceId)
    const members = roster ?? []
    const names = new Map(members.map((m) => [m.did as string, m.name]))
    return {
      spaceId, me: this.#d.me, now: this.#d.now(), crypto: this.#d.crypto, rosterHeld: roster !== null,
      everMembers: new Set(members.map((m) => m.did)),
      admins: new Set(members.filter((m) => m.status === MemberStatus.Member && (m.role === MemberRole.Founder || m.role === MemberRole.Admin)).map((m) => m.did)),
      nameOf: (did) => names.get(did) ?? null,
      mayWrite: this.#d.mayWrite(spaceId),
    }
  }

  #closeTime(closes: string, now: number): string {
    const at = isDuration(closes) ? now + parseDuration(closes) * 1000 : Date.parse(closes)
    if (at < now + MIN_OPEN_SECONDS * 1000) throw new CommonweaveError(ErrorCode.ValidationFailed, `${closes} is ${at <= now ? 'already past' : 'too soon'}: give a time to come, or a duration such as 72h.`)
    if (at > now + MAX_OPEN_MS) throw new CommonweaveError(ErrorCode.ValidationFailed, `A proposal closes within ${MAX_OPEN_DAYS} days; ${closes} is later.`)
    return new Date(at).toISOString()
  }

  async #sign(bytes: Uint8Array): Promise<string> {
    return toBase64Url(await this.#d.sign(bytes))
  }
}
