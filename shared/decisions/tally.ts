/**
 * The tally of a proposal and whether it is carried, as pure functions of what a peer holds
 * (DESIGN.md "Decisions (Loomio-compatible)"). Every peer holding the same items computes the
 * same tally.
 *
 * Rules:
 * - a stance counts only when its signature verifies, its voter is, or was, a member, and its
 *   choice is one its process offers (otherwise `unverified`), its voter was a member when the proposal was made (otherwise
 *   `not-eligible`), and it was cast before the proposal closed, or was held by whoever
 *   closed it early when they signed the close (otherwise `late`);
 * - of a voter's stances that could count, the latest by `castAt` counts (ties: the greater
 *   id); the others are `superseded`, kept as history. An unverified or late stance never
 *   supersedes one that counts;
 * - quorum: `ceil(pct × eligible / 100)` voters must have a counted stance (compared with the
 *   voters who cast one, not with the eligible: Loomio's own check is always true);
 * - consent: carried when no objection stands and the quorum is met; consensus: when no block
 *   stands and the quorum is met; majority: when agree is more than half of the stances cast
 *   (abstain counts as cast) and the quorum is met; advice: never carried by count.
 */
import { CHOICES, Process, type Choice } from '../schemas/decision.ts'

export const StanceStanding = {
  Counted: 'counted', Superseded: 'superseded', Late: 'late', Unverified: 'unverified', NotEligible: 'not-eligible',
} as const
export type StanceStanding = (typeof StanceStanding)[keyof typeof StanceStanding]

export const DecisionResult = {
  Carried: 'carried', NotCarried: 'not-carried', NoQuorum: 'no-quorum', AdviceOnly: 'advice-only',
  /** Not from `tally`: a proposal whose own signature fails comes to nothing (its voters and close cannot be trusted). */
  Unverified: 'unverified',
} as const
export type DecisionResult = (typeof DecisionResult)[keyof typeof DecisionResult]

/** A stance as the tally sees it: `verified` is its signature checked and its voter known as a member. */
export interface TalliedStance {
  id: string
  voter: string
  choice: Choice
  castAt: string
  verified: boolean
  /** Held by whoever closed the proposal early, when they signed the close: never late because of that close. */
  heldAtClose?: boolean
}

export interface TallyInput {
  process: Process
  /** Percentage of eligible voters who must take part, if any. */
  quorum?: number | undefined
  /** The members when the proposal was made. */
  eligible: readonly string[]
  /** When it closed, or closes: the earlier of its `closesAt` and an early close. */
  closesAt: string
  stances: readonly TalliedStance[]
}

export interface Quorum {
  pct: number
  /** Voters needed: ceil(pct × eligible / 100). */
  needed: number
  reached: boolean
}

export interface Tally {
  /** Counted stances by choice: every choice of the process, zero where none. */
  counts: Partial<Record<Choice, number>>
  /** Voters whose stance counts. */
  voted: number
  eligible: number
  quorum: Quorum | null
  /** What it comes to: at the close, the result; before, what it would be if it closed now. */
  result: DecisionResult
  /** Each stance's standing, by stance id. */
  standings: Record<string, StanceStanding>
}

/** ceil(pct × eligible / 100), in whole numbers. */
export function quorumCount(pct: number, eligible: number): number {
  return Math.floor((pct * eligible + 99) / 100)
}

/** Whether `a` was cast after `b`, by time (ties and unreadable times: the greater id), as every peer orders them. */
function later(a: TalliedStance, b: TalliedStance): boolean {
  const ta = Date.parse(a.castAt)
  const tb = Date.parse(b.castAt)
  if (ta !== tb && !(Number.isNaN(ta) && Number.isNaN(tb))) return Number.isNaN(tb) || ta > tb
  return a.id > b.id
}

export function tally(input: TallyInput): Tally {
  const eligible = new Set(input.eligible)
  const closesAt = Date.parse(input.closesAt)
  const standings: Record<string, StanceStanding> = {}
  const latest = new Map<string, TalliedStance>()
  const choices: readonly Choice[] = CHOICES[input.process]
  for (const s of input.stances) {
    // A choice the process does not offer can only come from a modified client: as good as unsigned.
    const standing = !s.verified || !choices.includes(s.choice) ? StanceStanding.Unverified
      : !eligible.has(s.voter) ? StanceStanding.NotEligible
        : !(Date.parse(s.castAt) < closesAt) && s.heldAtClose !== true ? StanceStanding.Late
          : undefined
    if (standing) {
      standings[s.id] = standing
      continue
    }
    const held = latest.get(s.voter)
    if (held && !later(s, held)) {
      standings[s.id] = StanceStanding.Superseded
      continue
    }
    if (held) standings[held.id] = StanceStanding.Superseded
    latest.set(s.voter, s)
    standings[s.id] = StanceStanding.Counted
  }
  const counts: Partial<Record<Choice, number>> = Object.fromEntries(CHOICES[input.process].map((c) => [c, 0]))
  for (const s of latest.values()) counts[s.choice] = (counts[s.choice] ?? 0) + 1
  const voted = latest.size
  const quorum = input.quorum !== undefined
    ? { pct: input.quorum, needed: quorumCount(input.quorum, eligible.size), reached: voted >= quorumCount(input.quorum, eligible.size) }
    : null
  return { counts, voted, eligible: eligible.size, quorum, result: resultOf(input.process, counts, voted, quorum), standings }
}

function resultOf(process: Process, counts: Partial<Record<Choice, number>>, voted: number, quorum: Quorum | null): DecisionResult {
  if (process === Process.Advice) return DecisionResult.AdviceOnly
  if (quorum && !quorum.reached) return DecisionResult.NoQuorum
  const n = (c: Choice): number => counts[c] ?? 0
  switch (process) {
    case Process.Consent: return n('objection') === 0 ? DecisionResult.Carried : DecisionResult.NotCarried
    case Process.Consensus: return n('block') === 0 ? DecisionResult.Carried : DecisionResult.NotCarried
    case Process.Majority: return n('agree') * 2 > voted ? DecisionResult.Carried : DecisionResult.NotCarried
  }
}

