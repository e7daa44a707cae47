/**
 * How long a proposal has left, in the words its page and list show: "closes in 2 h 13 min",
 * "closes in 3 days 4 h", "closes in less than a minute", or "closed on 12 Mar 2026, 18:00".
 * Counted down to the minute, so the page need only redraw once a minute.
 */
import { when } from '../../ui/when.ts'

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

/** "closes in 2 h 13 min" while open; "closed on DATE" once closed (or past its close). */
export function timeLeft(p: { closesAt: string; status: 'open' | 'closed' }, now: number): string {
  const left = p.status === 'open' ? leftWords(p.closesAt, now) : null
  return left ? `closes in ${left}` : `closed on ${when(p.closesAt)}`
}
