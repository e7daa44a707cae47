/**
 * Decisions (DESIGN.md "Decisions (Loomio-compatible)"): the processes and their stance
 * choices, what a member submits (propose, stance, close) and what is stored in a space's
 * `decisions` collection. Proposals, stances and outcomes are items of their own: a stance
 * never overwrites another (a changed mind is a new stance, the old one stays as history), and
 * each is signed by its author's key, so the record can be checked from signatures alone.
 */
import { z } from 'zod'
import { isDuration } from '../duration.ts'
import { absolutePath } from './file-path.ts'
import { visibleText } from './text.ts'

/** Loomio's templates of a `proposal`. */
export const Process = { Consent: 'consent', Consensus: 'consensus', Majority: 'majority', Advice: 'advice' } as const
export type Process = (typeof Process)[keyof typeof Process]
export const PROCESSES = Object.values(Process) as [Process, ...Process[]]

export const Choice = {
  Agree: 'agree', Abstain: 'abstain', Disagree: 'disagree', Block: 'block', Consent: 'consent', Objection: 'objection',
} as const
export type Choice = (typeof Choice)[keyof typeof Choice]
export const CHOICE_VALUES = Object.values(Choice) as [Choice, ...Choice[]]

/** The stance choices of each process, in the order they are offered. */
export const CHOICES: Readonly<Record<Process, readonly Choice[]>> = {
  consent: [Choice.Consent, Choice.Objection],
  consensus: [Choice.Agree, Choice.Abstain, Choice.Disagree, Choice.Block],
  majority: [Choice.Agree, Choice.Abstain, Choice.Disagree],
  advice: [Choice.Agree, Choice.Abstain],
}

/**
 * Choices that need a reason. Disagree, block and objection as the design says; under the
 * advice process every stance is advice, so every one needs its words.
 */
export const REASON_REQUIRED: Readonly<Record<Process, readonly Choice[]>> = {
  consent: [Choice.Objection],
  consensus: [Choice.Disagree, Choice.Block],
  majority: [Choice.Disagree],
  advice: [Choice.Agree, Choice.Abstain],
}

/** Each process in one line, as a proposal's page explains it. */
export const PROCESS_LINE: Readonly<Record<Process, string>> = {
  consent: 'Consent: carried unless someone objects before it closes. An objection needs a reason.',
  consensus: 'Consensus: carried unless someone blocks. Disagreeing is not blocking. Disagree and block need a reason.',
  majority: 'Majority: carried when more than half of the stances cast agree (abstaining counts as cast). Disagree needs a reason.',
  advice: 'Advice: members give advice with reasons; the author decides and records the outcome. Never carried by count.',
}

/** The longest a proposal may stay open, and the shortest (a few seconds: only a close in the past is meaningless). */
export const MAX_OPEN_DAYS = 366
export const MIN_OPEN_SECONDS = 5
/** The most eligible voters a proposal lists (the members when it was made). */
export const MAX_ELIGIBLE = 10_000

/** An ISO 8601 time, with a zone or local to the peer (not whatever Date.parse guesses: '72' is not 1972). */
const ISO_TIME = z.iso.datetime({ offset: true, local: true })

/** One of `values`, typed in any case (as kinds and statuses are). */
function anyCase<V extends string>(field: string, values: readonly [V, ...V[]]) {
  const error = `${field} is one of ${values.join(', ')}`
  return z.string({ error }).trim().toLowerCase().pipe(z.enum(values, { error }))
}

/** What a member submits to make a proposal (API body; the CLI's flags). */
export const ProposeInputSchema = z.strictObject({
  title: visibleText('title', 200),
  details: z.string({ error: 'details must be text' }).max(10_000, 'details are at most 10,000 characters').optional(),
  process: anyCase('process', PROCESSES),
  /** A percentage of the eligible voters who must take part. */
  quorum: z.number({ error: 'quorum must be a number' }).int('quorum is a whole percentage').min(1, 'quorum is at least 1 (%)').max(100, 'quorum is at most 100 (%)').optional(),
  /** When it closes: an ISO 8601 time, or a duration from now such as 72h or 7d. */
  closes: z.string({ error: 'closes must be a time or a duration' }).trim().min(1, 'closes is required: a time (2026-12-24T18:00) or a duration (72h, 7d)').max(64, 'closes is a time or a duration')
    .refine((s) => isDuration(s) || ISO_TIME.safeParse(s).success, 'closes must be an ISO 8601 time (2026-12-24T18:00Z) or a duration (90m, 72h, 7d)'),
})
export type ProposeInput = z.infer<typeof ProposeInputSchema>

/** What a member submits to take a stance. */
export const StanceInputSchema = z.strictObject({
  choice: anyCase('choice', CHOICE_VALUES),
  reason: z.string({ error: 'reason must be text' }).trim().max(2000, 'a reason is at most 2000 characters').optional(),
  /** Record it even though the proposal has closed: shown as late, never counted. */
  late: z.boolean({ error: 'late is true or false' }).optional(),
})
export type StanceInput = z.infer<typeof StanceInputSchema>

/** What the author or an admin submits to close a proposal, or to state its outcome after it closed. */
export const CloseInputSchema = z.strictObject({
  outcome: z.string({ error: 'outcome must be text' }).trim().max(5000, 'an outcome is at most 5000 characters').optional(),
})
export type CloseInput = z.infer<typeof CloseInputSchema>

const id = z.string().min(1).max(64)
const did = z.string().min(1).max(200)
/** Stored times name their zone, so every peer reads the same moment (a zoneless time is local to each reader). */
const iso = z.iso.datetime({ offset: true })
/** An Ed25519 signature, base64url (86 characters). */
const signature = z.string().min(1).max(200)
const base = { id, createdAt: iso, updatedAt: iso, deleted: z.boolean().optional(), schemaVersion: z.number().int().optional() }

/** The most stances one imported proposal keeps (it is one item). */
export const MAX_IMPORTED_STANCES = 2000

/**
 * A decision brought over from Loomio: what Loomio recorded, kept whole inside the proposal
 * and signed by the member who imported it. Its voters are Loomio's people, named, not keys.
 */
export const ImportedSchema = z.object({
  from: z.literal('loomio'),
  /** Loomio's poll id. */
  id: z.string().min(1).max(64),
  authorName: z.string().max(200),
  /** How many could vote, as Loomio counted them. */
  eligible: z.number().int().min(0).max(MAX_ELIGIBLE),
  stances: z.array(z.object({
    voter: z.string().min(1).max(200),
    name: z.string().max(200),
    choice: z.enum(CHOICE_VALUES),
    reason: z.string().max(2000),
    castAt: z.iso.datetime({ offset: true }),
  })).max(MAX_IMPORTED_STANCES),
  outcome: z.object({ statement: z.string().max(5000), byName: z.string().max(200), at: z.iso.datetime({ offset: true }) }).optional(),
})
export type Imported = z.infer<typeof ImportedSchema>

/** What a member submits to import decisions from a file on the peer's machine. */
export const ImportDecisionsInputSchema = z.strictObject({
  file: absolutePath('file'),
})

export const ProposalSchema = z.object({
  ...base,
  type: z.literal('proposal'),
  /** Random: two proposals alike in every word still differ (the id is the hash of the content). */
  nonce: z.string().min(16).max(64),
  title: z.string().min(1).max(200),
  details: z.string().max(10_000),
  process: z.enum(PROCESSES),
  closesAt: iso,
  quorum: z.number().int().min(1).max(100).optional(),
  /** The members (dids) when it was made: those whose stances count. Sorted. */
  eligible: z.array(did).max(MAX_ELIGIBLE),
  author: did,
  signature,
  /** Set on a decision imported from Loomio (then `eligible` is empty: its voters are in here). */
  imported: ImportedSchema.optional(),
  /**
   * Set when an agent with a write grant on decisions drafted it: the member who granted it is
   * the author and signs it (the agent speaks through that consent, never for itself).
   */
  drafter: z.object({ did, name: z.string().max(40) }).optional(),
})
export type Proposal = z.infer<typeof ProposalSchema>

export const StanceSchema = z.object({
  ...base,
  type: z.literal('stance'),
  decision: id,
  voter: did,
  choice: z.enum(CHOICE_VALUES),
  reason: z.string().max(2000),
  castAt: iso,
  signature,
})
export type Stance = z.infer<typeof StanceSchema>

export const OutcomeSchema = z.object({
  ...base,
  type: z.literal('outcome'),
  decision: id,
  by: did,
  statement: z.string().max(5000),
  /** When it was signed; before the proposal's `closesAt`, it closed the proposal early. */
  closedAt: iso,
  /** Ids of the stances its signer held when signing: never late because of this close. */
  held: z.array(id).max(2 * MAX_ELIGIBLE),
  signature,
})
export type Outcome = z.infer<typeof OutcomeSchema>

export const DecisionItemSchema = z.discriminatedUnion('type', [ProposalSchema, StanceSchema, OutcomeSchema])
export type DecisionItem = z.infer<typeof DecisionItemSchema>

