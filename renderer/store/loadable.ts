/**
 * What a view needs to show empty, loading and error states: a value fetched from the peer,
 * with where its fetch stands. `latestWins` drops an answer older than one already shown
 * (refreshes overlap, and their answers can come back in any order).
 */
import { toErrorData } from '../../shared/errors.ts'

export interface Loadable<T> {
  /** `idle`: never asked; `loading`: first fetch under way; `ready`: `value` holds the last answer. */
  status: 'idle' | 'loading' | 'ready' | 'error'
  value: T
  /** The last fetch's failure, in words. */
  error: string | null
}

export function idle<T>(value: T): Loadable<T> {
  return { status: 'idle', value, error: null }
}

/** Tickets for overlapping requests: an answer is accepted unless a later-issued one was already accepted. */
export function latestWins(): { issue(): number; accept(ticket: number): boolean } {
  let issued = 0
  let accepted = 0
  return {
    issue: () => ++issued,
    accept(ticket) {
      if (ticket < accepted) return false
      accepted = ticket
      return true
    },
  }
}

/**
 * Fetches into a Loadable: marks it loading (only the first time: a refresh keeps showing the
 * last value), stores the answer unless a newer one landed, or the error in words.
 */
export async function load<T>(
  current: () => Loadable<T>,
  put: (next: Loadable<T>) => void,
  order: ReturnType<typeof latestWins>,
  fetch: () => Promise<T>,
): Promise<void> {
  const ticket = order.issue()
  if (current().status === 'idle' || current().status === 'error') put({ ...current(), status: 'loading', error: null })
  try {
    const value = await fetch()
    if (order.accept(ticket)) put({ status: 'ready', value, error: null })
  } catch (err) {
    if (order.accept(ticket)) put({ ...current(), status: current().status === 'ready' ? 'ready' : 'error', error: toErrorData(err).message })
  }
}

/** An error in words, for a toast. */
export function words(err: unknown): string {
  return toErrorData(err).message
}
