/**
 * Conflicts as the Bookings view tells them: the peer names, for each booking, the bookings
 * it overlaps (`BookingView.conflicts`); here each overlapping pair becomes one sentence told
 * from the reader's side ("Your booking Tue 10:00–12:00 overlaps Sam’s booking Tue
 * 11:00–13:00"), so both members see the same pair, each as their own. Pure.
 */
import type { BookingView } from '../../../shared/schemas/booking.ts'
import { rangeLabel } from './week.ts'

export interface ConflictPair {
  /** The booking the sentence is about and its actions act on: the reader's own where they hold one, else the one made later. */
  subject: BookingView
  other: BookingView
  text: string
}

/** A holder's name as text: from the roster, else the name the peer gave, else a short key. */
export type NameOf = (did: string, fallback: string | null) => string

/** As `PersonName` shows one with no name (renderer/ui/person.tsx); kept here so this file stays free of React. */
const shortKey = (did: string): string => `…${did.replace(/^did:key:/, '').slice(-6)}`

export function holderName(names: ReadonlyMap<string, string | null>, did: string, fallback: string | null): string {
  return names.get(did)?.trim() || fallback?.trim() || `someone (${shortKey(did)})`
}

/** `Sam’s`, `Your` (sentence start), `your` (after a word). */
function possessive(b: BookingView, me: string | null, nameOf: NameOf, start: boolean): string {
  if (b.by === me) return start ? 'Your' : 'your'
  const name = nameOf(b.by, b.byName)
  return `${name}’${/s$/i.test(name) ? '' : 's'}`
}

const madeLater = (a: BookingView, b: BookingView): boolean => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)

/**
 * Every overlapping pair among `bookings`, once each, by the subject's start. A pair whose
 * other half is not among `bookings` (not yet synced, or cancelled since) is left out: the
 * sentence needs both times.
 */
export function conflictPairs(bookings: readonly BookingView[], me: string | null, nameOf: NameOf, now: number = Date.now()): ConflictPair[] {
  const byId = new Map(bookings.map((b) => [b.id, b]))
  const seen = new Set<string>()
  const out: ConflictPair[] = []
  for (const a of bookings) {
    for (const otherId of a.conflicts) {
      const b = byId.get(otherId)
      if (!b) continue
      const key = a.id < b.id ? `${a.id} ${b.id}` : `${b.id} ${a.id}`
      if (seen.has(key)) continue
      seen.add(key)
      const aMine = a.by === me
      const bMine = b.by === me
      const [subject, other] = aMine && !bMine ? [a, b] : bMine && !aMine ? [b, a] : madeLater(a, b) ? [a, b] : [b, a]
      const text = `${possessive(subject, me, nameOf, true)} booking ${rangeLabel(subject.from, subject.to, now)} overlaps ${possessive(other, me, nameOf, false)} booking ${rangeLabel(other.from, other.to, now)}`
      out.push({ subject, other, text })
    }
  }
  return out.sort((x, y) => (x.subject.from < y.subject.from ? -1 : x.subject.from > y.subject.from ? 1 : 0))
}
