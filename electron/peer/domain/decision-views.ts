/**
 * A proposal as the API shows it, from the items this peer holds: its signature checked, each
 * outcome and stance checked, the close worked out (the scheduled one, or an earlier close by
 * its author or an admin), and the tally (shared/decisions/tally.ts) over what was checked.
 *
 * Invariants:
 * - a signature is checked once per item version (the collection rereads a changed item into
 *   a new object, so a cache keyed by the object never keeps a stale verdict);
 * - an outcome counts only when its signature verifies and its signer is the proposal's author
 *   or an admin of the space; the earliest such one before the scheduled close closes it early;
 * - who is, or was, a member comes from the roster and grants where this peer holds them (a
 *   guest does not: then the proposal's own signed list of eligible voters is all it knows).
 */
import type { Did } from '../../../shared/ids.ts'
import type { GrantCrypto } from '../../../shared/grants/signature.ts'
import { DecisionStatus, type DecisionSummary, type DecisionView, type OutcomeView, type StanceView } from '../../../shared/api/decisions-api.ts'
import { outcomeVerifies, proposalVerifies, stanceVerifies } from '../../../shared/decisions/signing.ts'
import { DecisionResult, StanceStanding, tally, type TalliedStance } from '../../../shared/decisions/tally.ts'
import { PROCESS_LINE, type DecisionItem, type Imported, type Outcome, type Proposal, type Stance } from '../../../shared/schemas/decision.ts'

/** What a view needs to know of the space and of this peer. */
export interface ViewContext {
  spaceId: string
  me: Did
  now: number
  crypto: GrantCrypto
  /** Whether this peer holds the space's roster (a member does; a guest does not). */
  rosterHeld: boolean
  /** Everyone who is or was a member (empty where this peer holds no roster). */
  everMembers: ReadonlySet<string>
  /** The founder and admins now. */
  admins: ReadonlySet<string>
  nameOf: (did: string) => string | null
  /** Whether this peer may write the space's decisions. */
  mayWrite: boolean
}

/** A proposal with the stances and outcomes that name it. */
export interface DecisionItems {
  proposal: Proposal
  stances: Stance[]
  outcomes: Outcome[]
}

const verdicts = new WeakMap<object, boolean>()

function checked<T extends object>(item: T, verify: (item: T) => boolean): boolean {
  let v = verdicts.get(item)
  if (v === undefined) {
    v = verify(item)
    verdicts.set(item, v)
  }
  return v
}

/** Longest run of signature checks before the event loop is let go, so a first view of a large decision never stalls the peer. */
const CHECK_SLICE_MS = 10

/**
 * Checks the signatures of items not checked before, a slice at a time, yielding between
 * slices: a peer first seeing a decision with a thousand stances (each a new key to vet, about
 * 3 ms each) stays responsive meanwhile. The view then finds every verdict cached.
 */
export async function checkSignatures(items: readonly DecisionItem[], spaceId: string, crypto: GrantCrypto): Promise<void> {
  let sliceStart = performance.now()
  for (const item of items) {
    if (verdicts.has(item)) continue
    checked(item, (x: DecisionItem) => x.type === 'proposal' ? proposalVerifies(spaceId, x, crypto) : x.type === 'stance' ? stanceVerifies(x, crypto) : outcomeVerifies(x, crypto))
    if (performance.now() - sliceStart > CHECK_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve))
      sliceStart = performance.now()
    }
  }
}

/** Groups a collection's items by proposal; stances and outcomes of a proposal not held here are left out. */
export function groupByProposal(items: readonly DecisionItem[]): Map<string, DecisionItems> {
  const groups = new Map<string, DecisionItems>()
  for (const i of items) if (i.type === 'proposal') groups.set(i.id, { proposal: i, stances: [], outcomes: [] })
  for (const i of items) {
    if (i.type === 'proposal') continue
    const g = groups.get(i.decision)
    if (!g) continue
    if (i.type === 'stance') g.stances.push(i)
    else g.outcomes.push(i)
  }
  return groups
}

const byTime = <T extends { id: string }>(at: (x: T) => string) => (a: T, b: T): number =>
  Date.parse(at(a)) - Date.parse(at(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

type CheckedOutcome = OutcomeView & { held: readonly string[] }

/** A proposal's outcomes, oldest first, each checked: signed by the author or an admin, after the proposal was made. */
function outcomeViews(p: Proposal, outcomes: readonly Outcome[], ctx: ViewContext): CheckedOutcome[] {
  const made = Date.parse(p.createdAt)
  return [...outcomes].sort(byTime((o) => o.closedAt)).map((o) => ({
    id: o.id, by: o.by as Did, byName: ctx.nameOf(o.by), statement: o.statement, closedAt: o.closedAt, held: o.held,
    verified: (o.by === p.author || ctx.admins.has(o.by)) && Date.parse(o.closedAt) >= made && checked(o, (x) => outcomeVerifies(x, ctx.crypto)),
  }))
}

/** When a proposal closed or closes: its `closesAt`, or the first verified outcome signed before it. */
function closeOf(p: Proposal, outcomes: readonly CheckedOutcome[]): { closesAt: string; early: CheckedOutcome | undefined } {
  const early = outcomes.find((o) => o.verified && Date.parse(o.closedAt) < Date.parse(p.closesAt))
  return { closesAt: early ? early.closedAt : p.closesAt, early }
}

const publicOutcome = ({ held: _held, ...o }: CheckedOutcome): OutcomeView => o
const publicOutcomeOrNull = (o: CheckedOutcome | undefined): OutcomeView | null => (o ? publicOutcome(o) : null)

/**
 * Whether a proposal is what its author signed, and (where this peer holds the roster) its
 * author and every voter it lists are, or were, members: a writer cannot sign a proposal of
 * their own whose voters are keys they made up.
 */
function proposalStands(p: Proposal, ctx: ViewContext): boolean {
  if (!checked(p, (x) => proposalVerifies(ctx.spaceId, x, ctx.crypto))) return false
  return !ctx.rosterHeld || (ctx.everMembers.has(p.author) && p.eligible.every((d) => ctx.everMembers.has(d)))
}

/** A stance as the tally and the view take it, whether cast here or imported. */
type Row = TalliedStance & { name: string | null; reason: string }

/**
 * An imported decision's stances and outcome, as Loomio recorded them: as good as the
 * importer's signature over the whole record (`verified`), counted against Loomio's count of
 * who could vote. Its outcome never closes it early (it closed in Loomio).
 */
function importedRecord(p: Proposal, i: Imported, verified: boolean): { rows: Row[]; eligible: string[]; outcome: CheckedOutcome | undefined } {
  const rows = i.stances.map((s, n) => ({ id: `${p.id}:${n}`, voter: s.voter, name: s.name, choice: s.choice, reason: s.reason, castAt: s.castAt, verified }))
  const voters = [...new Set(rows.map((r) => r.voter))]
  // Those Loomio counted as able to vote who did not: placeholders, so the quorum has its denominator.
  const eligible = [...voters, ...Array.from({ length: Math.max(0, i.eligible - voters.length) }, (_, n) => `loomio:undecided:${n}`)]
  const outcome = i.outcome
    ? { id: `${p.id}:outcome`, by: p.author as Did, byName: i.outcome.byName, statement: i.outcome.statement, closedAt: i.outcome.at, held: [], verified }
    : undefined
  return { rows, eligible, outcome }
}

/** Each proposal's close (epoch ms) by id, from proposals and outcomes alone: no stance is read or checked. */
export function closesOf(items: readonly DecisionItem[], ctx: ViewContext): Map<string, number> {
  const groups = groupByProposal(items.filter((i) => i.type !== 'stance'))
  return new Map([...groups.values()].map((g) => [g.proposal.id, Date.parse(closeOf(g.proposal, outcomeViews(g.proposal, g.outcomes, ctx)).closesAt)]))
}

export function decisionView(g: DecisionItems, ctx: ViewContext): DecisionView {
  const p = g.proposal
  const verified = proposalStands(p, ctx)
  const eligibleSet = new Set(p.eligible)
  const outcomes = outcomeViews(p, g.outcomes, ctx)
  const { closesAt, early } = closeOf(p, outcomes)
  const held = new Set(early?.held ?? [])
  // Where the roster is held, a signer must be, or have been, a member; a guest knows only the proposal's own list.
  const known = (did: string): boolean => (ctx.rosterHeld ? ctx.everMembers.has(did) : eligibleSet.has(did))
  const imported = p.imported ? importedRecord(p, p.imported, verified) : undefined
  const rows: Row[] = imported?.rows ?? [...g.stances].sort(byTime((s) => s.castAt)).map((s) => ({
    id: s.id, voter: s.voter, name: ctx.nameOf(s.voter), choice: s.choice, reason: s.reason, castAt: s.castAt, heldAtClose: held.has(s.id),
    verified: known(s.voter) && checked(s, (x) => stanceVerifies(x, ctx.crypto)),
  }))
  const t = tally({ process: p.process, quorum: p.quorum, eligible: imported?.eligible ?? (verified ? p.eligible : []), closesAt, stances: rows })
  const stanceViews: StanceView[] = rows.map((s) => {
    const standing = t.standings[s.id] ?? StanceStanding.Unverified
    return {
      id: s.id, did: s.voter as Did, name: s.name, choice: s.choice, reason: s.reason, castAt: s.castAt,
      verified: standing !== StanceStanding.Unverified, late: standing === StanceStanding.Late, counted: standing === StanceStanding.Counted, standing,
    }
  })
  if (imported?.outcome) outcomes.unshift(imported.outcome)
  const open = ctx.now < Date.parse(closesAt)
  const mine = stanceViews.find((s) => s.did === ctx.me && s.counted)
  const summary: DecisionSummary = {
    id: p.id, title: p.title, process: p.process, closesAt, scheduledClose: p.closesAt,
    status: open ? DecisionStatus.Open : DecisionStatus.Closed, closedEarly: early !== undefined,
    author: p.author as Did, authorName: ctx.nameOf(p.author), createdAt: p.createdAt, quorum: p.quorum ?? null, verified,
    tally: { counts: t.counts, voted: t.voted, eligible: t.eligible, quorum: t.quorum, result: verified ? t.result : DecisionResult.Unverified },
    outcome: publicOutcomeOrNull(outcomes.filter((o) => o.verified).at(-1)),
    myStance: mine?.choice ?? null,
    mayStance: open && verified && ctx.mayWrite && eligibleSet.has(ctx.me),
    mayClose: ctx.mayWrite && (p.author === ctx.me || ctx.admins.has(ctx.me)),
    imported: p.imported ? { from: p.imported.from, id: p.imported.id, authorName: p.imported.authorName } : null,
    draftedBy: p.drafter ? { did: p.drafter.did as Did, name: p.drafter.name } : null,
  }
  return { ...summary, details: p.details, processLine: PROCESS_LINE[p.process], stances: stanceViews, outcomes: outcomes.map(publicOutcome), eligibleVoters: p.eligible as Did[] }
}

/** The summary of a view (what a list shows). */
export function summaryOf(v: DecisionView): DecisionSummary {
  const { details: _d, processLine: _p, stances: _s, outcomes: _o, eligibleVoters: _e, ...summary } = v
  return summary
}
