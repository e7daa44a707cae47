/**
 * When to remind a member of a proposal about to close: once, when an open proposal they may
 * still take a stance on comes within the hour of its close (a proposal already that close
 * when first seen is reminded of at once). Pure, so the rule is tested without a clock; the
 * slice keeps which ids were reminded of and runs it each minute and after each refresh.
 */
import type { DecisionSummary } from '../../../shared/api/decisions-api.ts'
import { leftWords } from './time-left.ts'

export const REMIND_WITHIN_MS = 60 * 60_000

type Remindable = Pick<DecisionSummary, 'id' | 'title' | 'status' | 'closesAt' | 'mayStance' | 'myStance'>

/** The proposals that entered the reminder window and were not reminded of yet. */
export function dueReminders<T extends Remindable>(list: readonly T[], reminded: ReadonlySet<string>, now: number): T[] {
  return list.filter((d) => {
    if (d.status !== 'open' || !d.mayStance || reminded.has(d.id)) return false
    const left = Date.parse(d.closesAt) - now
    return left > 0 && left <= REMIND_WITHIN_MS
  })
}

/** The reminder's words: “TITLE” closes in N min, and whether one's stance is still missing. */
export function reminderText(d: Remindable, now: number): { title: string; message: string } {
  return {
    title: `“${d.title}” closes in ${leftWords(d.closesAt, now) ?? 'a moment'}`,
    message: d.myStance ? 'You can still change your stance until it closes.' : 'You have not taken a stance yet.',
  }
}
