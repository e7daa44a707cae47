/**
 * How long a proposal has left, in the words its page and list show: "closes in 2 h 13 min",
 * "closes in 3 days 4 h", "closes in less than a minute", or "closed on 12 Mar 2026, 18:00".
 * Counted down to the minute, so the page need only redraw once a minute.
 */
import { leftWords } from '../../../shared/decisions/words.ts'
import { when } from '../../ui/when.ts'

export { leftWords }

/** "closes in 2 h 13 min" while open; "closed on DATE" once closed (or past its close). */
export function timeLeft(p: { closesAt: string; status: 'open' | 'closed' }, now: number): string {
  const left = p.status === 'open' ? leftWords(p.closesAt, now) : null
  return left ? `closes in ${left}` : `closed on ${when(p.closesAt)}`
}
