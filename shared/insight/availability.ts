/**
 * Availability as matching reads it: the days of the week and the parts of a day an
 * availability text names, in English ("weekends", "Saturday mornings", "weekday evenings",
 * "any time"). A text that names neither says nothing matching can check, and scores nothing.
 */
import { words } from '../search/words.ts'
import { foldWord } from './text.ts'

/** Days as bits, Monday = bit 0 … Sunday = bit 6; parts of the day as bits too. 0: not said. */
export interface Availability { days: number; parts: number }

const ALL_DAYS = 0b1111111
const WEEKDAYS = 0b0011111
const WEEKEND = 0b1100000
const ALL_PARTS = 0b1111

const DAY_WORDS: Readonly<Record<string, number>> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 4, wed: 4, thursday: 8, thu: 8, thurs: 8,
  friday: 16, fri: 16, saturday: 32, sat: 32, sunday: 64, sun: 64,
  weekday: WEEKDAYS, weekdays: WEEKDAYS, weekend: WEEKEND, weekends: WEEKEND,
  daily: ALL_DAYS, everyday: ALL_DAYS, anytime: ALL_DAYS, always: ALL_DAYS,
}
const PART_WORDS: Readonly<Record<string, number>> = { morning: 1, mornings: 1, afternoon: 2, afternoons: 2, evening: 4, evenings: 4, night: 8, nights: 8 }

export function availabilityOf(text: string | undefined): Availability {
  let days = 0
  let parts = 0
  if (!text) return { days, parts }
  const list = words(text).map(foldWord)
  for (let i = 0; i < list.length; i++) {
    const w = list[i]!
    // "any time", "every day": two words for "whenever".
    if ((w === 'any' && list[i + 1] === 'time') || (w === 'every' && list[i + 1] === 'day')) days |= ALL_DAYS
    const day = DAY_WORDS[w] ?? DAY_WORDS[w.endsWith('s') ? w.slice(0, -1) : w]
    if (day !== undefined) days |= day
    const part = PART_WORDS[w]
    if (part !== undefined) parts |= part
  }
  if (days === ALL_DAYS && parts === 0) parts = ALL_PARTS
  return { days, parts }
}

/** 'fits' when every dimension both name overlaps, 'clashes' when one does not, 'unknown' when no dimension is named by both. */
export function availabilityFit(need: Availability, offer: Availability): 'fits' | 'clashes' | 'unknown' {
  // Runs for every candidate pair: two plain comparisons, nothing allocated.
  const days = need.days !== 0 && offer.days !== 0
  const parts = need.parts !== 0 && offer.parts !== 0
  if (!days && !parts) return 'unknown'
  if (days && (need.days & offer.days) === 0) return 'clashes'
  if (parts && (need.parts & offer.parts) === 0) return 'clashes'
  return 'fits'
}
