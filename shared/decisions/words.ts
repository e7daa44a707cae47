/**
 * Decisions in words, the same in the CLI and the app: a result (final once closed; while
 * open, what it would be if it closed now), why a stance does not count, and time left.
 */
import type { DecisionResult, StanceStanding } from './tally.ts'

/** The result in words. */
export function resultWords(result: DecisionResult, open: boolean): string {
  if (result === 'unverified') return 'none: the proposal does not carry its author\'s valid signature'
  if (result === 'advice-only') return open ? 'advice only: the author will record the outcome' : 'advice only: the author records the outcome'
  if (!open) return result === 'carried' ? 'carried' : result === 'not-carried' ? 'not carried' : 'no quorum'
  if (result === 'carried') return 'would be carried if it closed now'
  if (result === 'not-carried') return 'would not be carried if it closed now'
  return 'no quorum yet, so it would not be carried if it closed now'
}

/** Why a stance does not count; null for one that counts. */
export function standingWords(standing: StanceStanding): string | null {
  switch (standing) {
    case 'late': return 'Late — not counted'
    case 'superseded': return 'Changed since'
    case 'not-eligible': return 'Not a member when it was proposed — not counted'
    case 'unverified': return 'Unverified — not counted'
    case 'counted': return null
  }
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** The time left until `closesAt`, in words ("2 h 13 min"), or null once it has passed. */
export function leftWords(closesAt: string, now: number): string | null {
  const left = Date.parse(closesAt) - now
  if (Number.isNaN(left) || left <= 0) return null
  if (left < MINUTE) return 'less than a minute'
  // Rounded up to the minute: "1 min" until the very end, never "0 min"; 23 h 59.5 min is "1 day".
  const total = Math.ceil(left / MINUTE)
  const days = Math.floor(total / (DAY / MINUTE))
  const hours = Math.floor((total % (DAY / MINUTE)) / 60)
  const minutes = total % 60
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'}${hours > 0 ? ` ${hours} h` : ''}`
  if (hours > 0) return `${hours} h${minutes > 0 ? ` ${minutes} min` : ''}`
  return `${minutes} min`
}
