/** The decisions feature of `PeerApi`: proposals, stances, the tally and the outcome. */
import type { Did } from '../ids.ts'
import type { DecisionResult, Quorum, StanceStanding } from '../decisions/tally.ts'
import type { Choice, CloseInput, Process, ProposeInput, StanceInput } from '../schemas/decision.ts'
import type { InSpace } from './resources-api.ts'

export const DecisionStatus = { Open: 'open', Closed: 'closed' } as const
export type DecisionStatus = (typeof DecisionStatus)[keyof typeof DecisionStatus]

/** The tally as the API shows it (each stance's standing is on the stance). */
export interface TallyView {
  /** Counted stances by choice: every choice of the process. */
  counts: Partial<Record<Choice, number>>
  /** Voters whose stance counts. */
  voted: number
  /** Members when the proposal was made. */
  eligible: number
  quorum: Quorum | null
  /** When closed, the result; while open, what it would be if it closed now. */
  result: DecisionResult
}

export interface StanceView {
  id: string
  did: Did
  name: string | null
  choice: Choice
  reason: string
  castAt: string
  /** Its signature verifies and its voter is, or was, a member. */
  verified: boolean
  /** Cast at or after the close: shown, never counted. */
  late: boolean
  /** Whether it counts in the tally (the voter's latest verified, eligible, timely stance). */
  counted: boolean
  standing: StanceStanding
}

export interface OutcomeView {
  id: string
  by: Did
  byName: string | null
  statement: string
  closedAt: string
  /** Signed by the proposal's author or an admin of the space. */
  verified: boolean
}

/** A proposal in a list: enough to show it and its tally. */
export interface DecisionSummary {
  id: string
  title: string
  process: Process
  /** When it closed or closes: the scheduled close, or an earlier close by the author or an admin. */
  closesAt: string
  /** The close the proposal was made with. */
  scheduledClose: string
  status: DecisionStatus
  closedEarly: boolean
  author: Did
  authorName: string | null
  createdAt: string
  quorum: number | null
  /** The proposal's signature verifies (its voters and close are as its author made them). */
  verified: boolean
  tally: TallyView
  /** The latest verified outcome statement, if any. */
  outcome: OutcomeView | null
  /** This peer's counted stance, if it has one. */
  myStance: Choice | null
  /** Whether this peer may take a stance now (a member when it was made, it is open, and this peer may write). */
  mayStance: boolean
  /** Whether this peer may close it or state its outcome (its author or an admin, with write access). */
  mayClose: boolean
  /** Set on a decision brought over from Loomio: its stances are as Loomio recorded them, signed by the member who imported it. */
  imported: { from: 'loomio'; id: string; authorName: string } | null
  /** The agent that drafted it under its author's grant (the author signed it). */
  draftedBy?: { did: Did; name: string } | null
}

/** A proposal in full: its details, every stance (history, late and unverified ones included) and every outcome. */
export interface DecisionView extends DecisionSummary {
  details: string
  /** One line saying how the process decides. */
  processLine: string
  stances: StanceView[]
  /** Every outcome statement, oldest first; the last verified one is `outcome`. */
  outcomes: OutcomeView[]
  /** Dids of the members when it was made. */
  eligibleVoters: Did[]
}

export interface ProposeDecisionInput extends ProposeInput, InSpace {}
export interface ListDecisionsInput extends InSpace { open?: boolean; closed?: boolean }
/** `decisionId` may be a unique start of the id. */
export interface DecisionRef extends InSpace { decisionId: string }
export interface CastStanceInput extends StanceInput, DecisionRef {}
export interface CloseDecisionInput extends CloseInput, DecisionRef {}
export interface ImportDecisionsInput extends InSpace { file: string }
export interface ImportDecisionsResult {
  /** The decisions made here, one for each proposal read. */
  imported: Array<{ id: string; title: string }>
  /** Polls of the file not imported, each with why (another kind of poll, still open, imported before…). */
  skipped: Array<{ id: string; title: string; reason: string }>
}

export interface DecisionsApi {
  /** Makes a proposal, signed by this peer; its eligible voters are the space's members now. */
  proposeDecision(input: ProposeDecisionInput): Promise<DecisionView>
  /** Proposals, open ones first (closing soonest first), then closed ones (latest first). */
  listDecisions(input: ListDecisionsInput): Promise<{ items: DecisionSummary[]; total: number }>
  getDecision(input: DecisionRef): Promise<DecisionView>
  /** Signs and stores a stance; an earlier one by this peer stays as history. */
  castStance(input: CastStanceInput): Promise<DecisionView>
  /** Closes a proposal early, or states its outcome once closed: its author or an admin. */
  closeDecision(input: CloseDecisionInput): Promise<DecisionView>
  /** Brings the closed proposals of a Loomio group export (JSON) over, as imported decisions; the whole file is read before anything is written. */
  importDecisions(input: ImportDecisionsInput): Promise<ImportDecisionsResult>
}
