/**
 * What matching reads of one item, worked out once per item: folded tags, stemmed terms with
 * their weight (a title word weighs 2, a word only in the description 1), the place, the
 * availability, the expiry as a time. Items are values: a changed item is a new object (the
 * index's upsert), so a profile is cached by the object itself.
 */
import type { InsightResource } from './contract.ts'
import { availabilityOf, type Availability } from './availability.ts'
import { foldTag, placeKey, terms } from './text.ts'

export const TITLE_WEIGHT = 2
export const DESCRIPTION_WEIGHT = 1

export interface Profile {
  item: InsightResource
  /** The item's kind is need; its status is open (read once: a candidate pair is checked millions of times). */
  need: boolean
  open: boolean
  coordinates: InsightResource['coordinates'] | null
  /** Folded tag → the tag as written. */
  tags: Map<string, string>
  /** Stem → its weight in this item and the word that gave it. */
  terms: Map<string, { weight: number; word: string }>
  place: string
  availability: Availability
  /** ms since the epoch; NaN when the item has no (readable) expiry. */
  expiresAt: number
}

const cache = new WeakMap<InsightResource, Profile>()

export function profileOf(item: InsightResource): Profile {
  let p = cache.get(item)
  if (!p) cache.set(item, (p = makeProfile(item)))
  return p
}

function makeProfile(item: InsightResource): Profile {
  const tags = new Map<string, string>()
  for (const t of item.tags) {
    const key = foldTag(t)
    if (key && !tags.has(key)) tags.set(key, t)
  }
  const termMap = new Map<string, { weight: number; word: string }>()
  for (const t of terms(item.title)) termMap.set(t.stem, { weight: TITLE_WEIGHT, word: t.word })
  for (const t of terms(item.description)) if (!termMap.has(t.stem)) termMap.set(t.stem, { weight: DESCRIPTION_WEIGHT, word: t.word })
  const expiresAt = item.expiresAt === undefined ? NaN : Date.parse(item.expiresAt)
  return {
    item, need: isNeed(item), open: item.status === 'open', coordinates: item.coordinates ?? null,
    tags, terms: termMap, place: placeKey(item.location), availability: availabilityOf(item.availability), expiresAt,
  }
}

/** Open and not expired at `now` (an item whose expiry is now has expired, as shared/resources/expiry.ts says). */
export const isLive = (p: Profile, now: number): boolean => p.open && !(p.expiresAt <= now)

export const isNeed = (item: InsightResource): boolean => item.kind === 'need'

export const isOpenNeed = (p: Profile, now: number): boolean => p.need && isLive(p, now)

/**
 * Whether `offer` may be matched to `need` at all, before anything is scored. A member's own
 * offer is matched too: a co-op office's peer posts needs and offers for many people under
 * one key, and one person trying the app alone would otherwise never see a match.
 */
export const mayPair = (need: Profile, offer: Profile, now: number): boolean =>
  isOpenNeed(need, now) && !offer.need && isLive(offer, now)
