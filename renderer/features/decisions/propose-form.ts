/**
 * The "New proposal" form's fields and their checks, as pure functions: what is wrong is said
 * in words before anything is sent; what the peer refuses comes back the same way. Closing
 * times are offered as presets (sent as durations, which the peer counts from its own clock)
 * or a chosen local time (sent as an ISO time).
 */
import { isDuration, parseDuration } from '../../../shared/duration.ts'
import type { ErrorData } from '../../../shared/errors.ts'
import { MAX_OPEN_DAYS, MIN_OPEN_SECONDS, type Process, type ProposeInput } from '../../../shared/schemas/decision.ts'

export const CLOSE_PRESETS = [
  { value: '1h', label: 'In 1 hour' },
  { value: '24h', label: 'In 1 day' },
  { value: '72h', label: 'In 3 days' },
  { value: '7d', label: 'In 1 week' },
] as const
/** The "closes" choice that reads the date-time input instead of a preset. */
export const AT_TIME = 'at'

export interface ProposeFields {
  title: string
  details: string
  process: Process
  /** A whole percentage, or '' for none. */
  quorum: string
  /** A preset's duration, or AT_TIME. */
  closes: string
  /** `YYYY-MM-DDTHH:mm`, local time (a datetime-local input's value). */
  closesAt: string
}

export const EMPTY_PROPOSAL: ProposeFields = { title: '', details: '', process: 'consent', quorum: '', closes: '72h', closesAt: '' }

export type Field = keyof ProposeFields
export interface Problem { field: Field | null; message: string }

/** The input to send, or what to correct first. */
export function toProposeInput(f: ProposeFields, now: number): { ok: true; value: ProposeInput } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = []
  const title = f.title.trim()
  if (!title) problems.push({ field: 'title', message: 'Give the proposal a title: what is being decided.' })
  let quorum: number | undefined
  if (f.quorum.trim()) {
    const n = Number(f.quorum.trim())
    if (!Number.isInteger(n) || n < 1 || n > 100) problems.push({ field: 'quorum', message: 'The quorum is a whole percentage from 1 to 100, or empty for none.' })
    else quorum = n
  }
  let closes = f.closes
  if (f.closes === AT_TIME) {
    const at = f.closesAt ? new Date(f.closesAt).getTime() : Number.NaN
    if (Number.isNaN(at)) problems.push({ field: 'closesAt', message: 'Choose when it closes: a date and a time.' })
    else if (at - now < MIN_OPEN_SECONDS * 1000) problems.push({ field: 'closesAt', message: 'It must close later than now: choose a time in the future.' })
    else if (at - now > MAX_OPEN_DAYS * 86_400_000) problems.push({ field: 'closesAt', message: `It may stay open at most ${MAX_OPEN_DAYS} days.` })
    else closes = new Date(at).toISOString()
  }
  if (problems.length > 0) return { ok: false, problems }
  const details = f.details.trim()
  return { ok: true, value: { title, process: f.process, closes, ...(details ? { details } : {}), ...(quorum !== undefined ? { quorum } : {}) } }
}

/** When a preset or a chosen time closes, for the line under the choice ("Closes on …"). */
export function closesOn(f: Pick<ProposeFields, 'closes' | 'closesAt'>, now: number): Date | null {
  if (f.closes === AT_TIME) {
    const at = f.closesAt ? new Date(f.closesAt).getTime() : Number.NaN
    return Number.isNaN(at) ? null : new Date(at)
  }
  if (!isDuration(f.closes)) return null
  try {
    return new Date(now + parseDuration(f.closes) * 1000)
  } catch {
    return null // "0h": no close at all
  }
}

const FIELD_OF: Record<string, Field> = { title: 'title', details: 'details', process: 'process', quorum: 'quorum', closes: 'closes' }

/** The peer's refusal, as problems next to the fields it names (a validation error's details list them). */
export function peerProblems(error: ErrorData): Problem[] {
  const details = Array.isArray(error.details) ? (error.details as Array<{ path?: unknown; message?: unknown }>) : []
  const issues = details.filter((d): d is { path: string; message: string } => typeof d.path === 'string' && typeof d.message === 'string')
  if (issues.length === 0) return [{ field: null, message: error.message }]
  return issues.map((d) => ({ field: FIELD_OF[d.path.split('.')[0] ?? ''] ?? null, message: d.message }))
}
