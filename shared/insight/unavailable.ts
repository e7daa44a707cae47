/**
 * Parts of a space an insight could not read, in words, for the CLI and the UI alike: a section
 * or figure that depends on one is "not shown — this caller may not read bookings", never "none".
 */
import type { InsightPart } from '../api/insight-api.ts'
import { andList } from '../and-list.ts'

const PART_WORDS: Record<InsightPart, string> = {
  resources: 'resources', bookings: 'bookings', decisions: 'decisions', map: 'the map', members: 'the roster of members',
}

/** `this caller may not read bookings`, `… may not read the map and bookings`. */
export function unreadWords(parts: readonly InsightPart[]): string {
  const words = parts.map((p) => PART_WORDS[p])
  return `this caller may not read ${andList(words)}`
}

/** The first of `parts` that is unavailable, or undefined when all were read. */
export function unread(unavailable: readonly InsightPart[], ...parts: InsightPart[]): InsightPart | undefined {
  return parts.find((p) => unavailable.includes(p))
}
