/**
 * Parts of a space an insight could not read, in words, for the CLI and the UI alike: a section
 * or figure that depends on one is "not shown — this caller may not read bookings", never "none".
 */
import type { InsightPart } from '../api/insight-api.ts'

const PART_WORDS: Record<InsightPart, string> = {
  resources: 'resources', bookings: 'bookings', decisions: 'decisions', map: 'the map', members: 'the roster of members',
}

/** `this caller may not read bookings`, `… may not read the map and bookings`. */
export function unreadWords(parts: readonly InsightPart[]): string {
  const words = parts.map((p) => PART_WORDS[p])
  const listed = words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`
  return `this caller may not read ${listed}`
}

/** The first of `parts` that is unavailable, or undefined when all were read. */
export function unread(unavailable: readonly InsightPart[], ...parts: InsightPart[]): InsightPart | undefined {
  return parts.find((p) => unavailable.includes(p))
}
