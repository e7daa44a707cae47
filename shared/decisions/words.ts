/**
 * Decisions in words, the same in the CLI and the app: a result (final once closed; while
 * open, what it would be if it closed now) and why a stance does not count.
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
