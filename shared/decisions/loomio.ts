/**
 * Reading a Loomio group export (the JSON one, "for moving your group to another Loomio"),
 * so a co-op keeps its decision history when it moves here. The file is JSON lines, each
 * `{"table": …, "record": {…}}`; of its many tables only users, polls, poll_options, stances,
 * stance_choices and outcomes are read, and of its polls only proposals (consent, consensus,
 * advice and the plain proposal, whose choices are those of majority) that have closed.
 *
 * What comes out is a record of what Loomio said: names rather than keys (Loomio's people hold
 * no key here), each latest stance with its reason, the outcome. It is signed by whoever
 * imports it, and shown as imported: nobody's stance can be checked against their own key.
 *
 * Pure: any text in, a result or an error naming the line and what is wrong out; never throws
 * on bad input except `LoomioFormatError`.
 */
import { z } from 'zod'
import { CHOICES, MAX_IMPORTED_STANCES, type Choice, type Process } from '../schemas/decision.ts'

export class LoomioFormatError extends Error {}

/** A stance as Loomio recorded it. */
export interface LoomioStance {
  /** `loomio:user:ID`, or `loomio:stance:ID` for an anonymous poll's stance. */
  voter: string
  name: string
  choice: Choice
  reason: string
  castAt: string
}

export interface LoomioProposal {
  /** Loomio's poll id. */
  id: string
  title: string
  details: string
  process: Process
  createdAt: string
  closedAt: string
  authorName: string
  quorum: number | undefined
  /** Loomio's count of those who could vote. */
  eligible: number
  stances: LoomioStance[]
  outcome: { statement: string; byName: string; at: string } | undefined
}

export interface LoomioSkip {
  id: string
  title: string
  reason: string
}

export interface LoomioRead {
  proposals: LoomioProposal[]
  skipped: LoomioSkip[]
}


const id = z.union([z.number().int(), z.string().min(1).max(64)]).transform(String)
const optId = id.nullish()
const text = z.string().nullish().transform((s) => s ?? '')
const time = z.string().max(64).nullish()

const Line = z.object({ table: z.string().max(64), record: z.record(z.string(), z.unknown()) })
const User = z.object({ id, name: z.string().nullish(), username: z.string().nullish() })
const Poll = z.object({
  id, title: text, details: text, details_format: z.string().nullish(), poll_type: z.string().nullish(),
  closing_at: time, closed_at: time, created_at: time, author_id: optId, quorum_pct: z.number().int().min(0).max(100).nullish(),
  voters_count: z.number().int().min(0).nullish(), discarded_at: time, anonymous: z.boolean().nullish(),
})
const PollOption = z.object({ id, poll_id: id, name: text, icon: z.string().nullish() })
const StanceRecord = z.object({ id, poll_id: id, participant_id: optId, reason: text, reason_format: z.string().nullish(), cast_at: time, latest: z.boolean().nullish(), revoked_at: time })
const StanceChoice = z.object({ stance_id: id, poll_option_id: id })
const OutcomeRecord = z.object({ id, poll_id: id, statement: text, statement_format: z.string().nullish(), author_id: optId, created_at: time, latest: z.boolean().nullish() })

const SCHEMAS = { users: User, polls: Poll, poll_options: PollOption, stances: StanceRecord, stance_choices: StanceChoice, outcomes: OutcomeRecord } as const
type Table = keyof typeof SCHEMAS
type Rows = { [T in Table]: Array<z.infer<(typeof SCHEMAS)[T]>> }

/** A time Loomio wrote, as an ISO time in UTC; undefined when it is none. */
function utcTime(s: string | null | undefined): string | undefined {
  if (!s) return undefined
  const at = Date.parse(s)
  return Number.isNaN(at) ? undefined : new Date(at).toISOString()
}

/** Loomio keeps rich text as HTML (or Markdown): what a person reads of it, as plain text. */
export function plainText(source: string, format: string | null | undefined): string {
  if (format !== 'html' && !/<\/?[a-z][^>]*>/i.test(source)) return source.trim()
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' }
  return source
    .replace(/<(br|\/p|\/li|\/h\d|\/div)\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, e: string) => entities[e] ?? '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** A poll option's choice: Loomio names templates' options by icon (`agree`, `block`…), or by an i18n key ending in one. */
function choiceOf(o: z.infer<typeof PollOption>): Choice | undefined {
  for (const candidate of [o.icon, o.name]) {
    const key = (candidate ?? '').toLowerCase().split('.').pop()!.trim()
    if ((CHOICES.consensus as readonly string[]).includes(key) || key === 'consent' || key === 'objection') return key as Choice
  }
  return undefined
}

/** The process whose choices a proposal's options are, if any. */
function processOf(choices: ReadonlySet<Choice>): Process | undefined {
  const is = (p: Process): boolean => CHOICES[p].length === choices.size && CHOICES[p].every((c) => choices.has(c))
  return (['consent', 'consensus', 'majority', 'advice'] as const).find(is)
}

function readLines(text: string): Rows {
  const rows: Rows = { users: [], polls: [], poll_options: [], stances: [], stance_choices: [], outcomes: [] }
  const lines = text.split('\n')
  let seen = 0
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      throw new LoomioFormatError(`line ${i + 1} is not JSON: a Loomio export has one {"table", "record"} object per line.`)
    }
    const line = Line.safeParse(value)
    if (!line.success) throw new LoomioFormatError(`line ${i + 1} is not a {"table", "record"} object: this is not a Loomio group export (JSON).`)
    seen++
    const table = line.data.table as Table
    const schema = SCHEMAS[table]
    if (!schema) continue
    const record = schema.safeParse(line.data.record)
    if (!record.success) {
      const issue = record.error.issues[0]
      throw new LoomioFormatError(`line ${i + 1}, a record of ${table}: ${issue ? `${issue.path.join('.') || 'record'} ${issue.message}` : 'not as Loomio writes it'}.`)
    }
    ;(rows[table] as unknown[]).push(record.data)
  }
  if (seen === 0) throw new LoomioFormatError('it holds no records: a Loomio group export has one {"table", "record"} object per line.')
  return rows
}

/** Reads a Loomio group export; `now` decides which polls have closed. */
export function readLoomioExport(text: string, now: number): LoomioRead {
  const rows = readLines(text)
  const users = new Map(rows.users.map((u) => [u.id, u.name || u.username || `Loomio user ${u.id}`]))
  const nameOf = (userId: string | null | undefined): string => (userId ? users.get(userId) ?? `Loomio user ${userId}` : 'someone')
  const options = new Map(rows.poll_options.map((o) => [o.id, o]))
  const choiceOfStance = new Map<string, string>()
  for (const sc of rows.stance_choices) if (!choiceOfStance.has(sc.stance_id)) choiceOfStance.set(sc.stance_id, sc.poll_option_id)
  const out: LoomioRead = { proposals: [], skipped: [] }
  for (const poll of rows.polls) {
    const skip = (reason: string): void => void out.skipped.push({ id: poll.id, title: poll.title, reason })
    if (poll.discarded_at) { skip('deleted in Loomio'); continue }
    if (poll.poll_type !== 'proposal') {
      skip(`${poll.poll_type ? `a ${poll.poll_type.replaceAll('_', ' ')} poll` : 'a poll of no stated kind'}: Commonweave imports proposals (consent, consensus, advice, proposal)`)
      continue
    }
    const pollOptions = rows.poll_options.filter((o) => o.poll_id === poll.id)
    const choices = new Set(pollOptions.map(choiceOf).filter((c): c is Choice => c !== undefined))
    const process = processOf(choices)
    if (!process || choices.size !== pollOptions.length) { skip(`its options (${pollOptions.map((o) => o.name).join(', ')}) are not those of a consent, consensus, advice or plain proposal`); continue }
    const closing = utcTime(poll.closing_at)
    const closedAt = utcTime(poll.closed_at) ?? (closing && Date.parse(closing) <= now ? closing : undefined)
    if (!closedAt) { skip('still open in Loomio: close it there first, then export again'); continue }
    const stances: LoomioStance[] = []
    for (const s of rows.stances) {
      const castAt = utcTime(s.cast_at)
      if (s.poll_id !== poll.id || s.latest === false || s.revoked_at || !castAt) continue
      const option = options.get(choiceOfStance.get(s.id) ?? '')
      const choice = option ? choiceOf(option) : undefined
      if (!choice) continue
      stances.push({
        voter: s.participant_id ? `loomio:user:${s.participant_id}` : `loomio:stance:${s.id}`,
        name: s.participant_id && !poll.anonymous ? nameOf(s.participant_id) : 'Anonymous',
        choice, reason: plainText(s.reason, s.reason_format), castAt,
      })
    }
    if (stances.length > MAX_IMPORTED_STANCES) { skip(`more than ${MAX_IMPORTED_STANCES} stances`); continue }
    const outcome = rows.outcomes.filter((o) => o.poll_id === poll.id && o.latest !== false).at(-1)
    out.proposals.push({
      id: poll.id, title: poll.title.trim() || `Loomio proposal ${poll.id}`, details: plainText(poll.details, poll.details_format),
      process, createdAt: utcTime(poll.created_at) ?? closedAt, closedAt, authorName: nameOf(poll.author_id),
      quorum: poll.quorum_pct ? poll.quorum_pct : undefined, eligible: Math.max(poll.voters_count ?? 0, new Set(stances.map((s) => s.voter)).size),
      stances,
      outcome: outcome ? { statement: plainText(outcome.statement, outcome.statement_format), byName: nameOf(outcome.author_id), at: utcTime(outcome.created_at) ?? closedAt } : undefined,
    })
  }
  return out
}
