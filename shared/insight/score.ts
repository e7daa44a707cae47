/**
 * The score of one need–offer pair, as parts that each say what they came from. Points are
 * whole thousandths, so the parts add up to the score exactly and every peer compares the same
 * integers. The parts, at most 1000 in all:
 *   tags          300 for the first shared tag, 75 for each more, at most 450
 *   words         30 × the weights of each shared term on both sides (title 2, description 1:
 *                 120 for a word in both titles, 60 title–description, 30 both descriptions),
 *                 at most 350; so one shared tag outweighs one or two shared title words
 *   location      100 in the same place (or within 5 km), 60 within 20 km, 30 within 50 km,
 *                 0 (named) when further or elsewhere
 *   availability  50 when the days and times of day both name overlap, 0 (named) when they clash
 *   quantity      50 when the offer has as many as the need asks, 0 (named) when fewer
 *   expiry        0, named: an offer expiring within 7 days is a reason to act, not a better match
 * A pair that shares no tag and no term is no match at all, whatever else it shares: so a need
 * is only ever scored against offers that share a tag or a term with it, as the index does.
 */
import type { MatchReason } from '../api/insight-api.ts'
import { SOON_MS } from '../resources/expiry.ts'
import { andList } from '../and-list.ts'
import { availabilityFit } from './availability.ts'
import type { Profile } from './profile.ts'

export const TAG_FIRST = 300
export const TAG_MORE = 75
export const TAGS_MAX = 450
export const WORD_UNIT = 30
export const WORDS_MAX = 350
const NEAR: ReadonlyArray<readonly [km: number, points: number]> = [[5, 100], [20, 60], [50, 30]]
const SAME_PLACE = 100
const AVAILABILITY = 50
const QUANTITY = 50
const DAY = 86_400_000

export const tagPoints = (shared: number): number => (shared === 0 ? 0 : Math.min(TAGS_MAX, TAG_FIRST + TAG_MORE * (shared - 1)))
export const wordPoints = (units: number): number => Math.min(WORDS_MAX, WORD_UNIT * units)

/** Location, availability and quantity points: what a pair scores beyond its tags and words (numbers only: this runs for every candidate). */
export function extraPoints(need: Profile, offer: Profile): number {
  return locationPoints(need, offer) + (availabilityFit(need.availability, offer.availability) === 'fits' ? AVAILABILITY : 0) + quantityPoints(need, offer)
}

/** The most location, availability and quantity can add to any pair with this need: only what the need itself states can score. */
export function extraMax(need: Profile): number {
  const { availability: a, item } = need
  return (need.coordinates || need.place ? SAME_PLACE : 0) + (a.days !== 0 || a.parts !== 0 ? AVAILABILITY : 0) + ((item.quantity ?? 0) > 0 ? QUANTITY : 0)
}

/** The score in thousandths, or null when the pair shares no tag and no term. */
export function pairPoints(need: Profile, offer: Profile): number | null {
  let shared = 0
  for (const key of need.tags.keys()) if (offer.tags.has(key)) shared++
  let units = 0
  for (const [stem, t] of need.terms) {
    const o = offer.terms.get(stem)
    if (o) units += t.weight * o.weight
  }
  if (shared === 0 && units === 0) return null
  return tagPoints(shared) + wordPoints(units) + extraPoints(need, offer)
}

/** Every part of the pair's score with its reason (zero-point parts that a member should know of included), or null when it is no match. */
export function pairReasons(need: Profile, offer: Profile, now: number): MatchReason[] | null {
  const reasons: MatchReason[] = []
  const tags = [...need.tags].filter(([key]) => offer.tags.has(key)).map(([, written]) => written)
  if (tags.length > 0) reasons.push({ kind: 'tags', points: tagPoints(tags.length), detail: `shares the tag${tags.length > 1 ? 's' : ''} ${andList(tags.map(quoted))}` })
  const words = sharedTerms(need, offer)
  if (words.length > 0) reasons.push({ kind: 'words', points: wordPoints(words.reduce((s, w) => s + w.units, 0)), detail: wordsDetail(words) })
  if (reasons.length === 0) return null
  const location = locationPart(need, offer)
  if (location) reasons.push({ kind: 'location', ...location })
  const availability = availabilityPart(need, offer)
  if (availability) reasons.push({ kind: 'availability', ...availability })
  const quantity = quantityPart(need, offer)
  if (quantity) reasons.push({ kind: 'quantity', ...quantity })
  const left = offer.expiresAt - now
  if (left > 0 && left <= SOON_MS) reasons.push({ kind: 'expiry', points: 0, detail: `the ${offer.item.kind} expires in ${duration(left)}` })
  return reasons.map((r) => ({ ...r, points: r.points / 1000 }))
}

interface SharedTerm { needWord: string; offerWord: string; needWeight: number; offerWeight: number; units: number }

function sharedTerms(need: Profile, offer: Profile): SharedTerm[] {
  const out: SharedTerm[] = []
  for (const [stem, t] of need.terms) {
    const o = offer.terms.get(stem)
    if (o) out.push({ needWord: t.word, offerWord: o.word, needWeight: t.weight, offerWeight: o.weight, units: t.weight * o.weight })
  }
  // Stable: equal weights keep the need's own order of words.
  return out.sort((a, b) => b.units - a.units)
}

const PLACES: ReadonlyArray<readonly [need: number, offer: number, where: string]> = [
  [2, 2, 'in both titles'],
  [2, 1, 'in the need\'s title and the offer\'s description'],
  [1, 2, 'in the need\'s description and the offer\'s title'],
  [1, 1, 'in both descriptions'],
]

/** e.g. `"ladder" in both titles; "gardening"/"garden" in the need's title and the offer's description`. */
function wordsDetail(words: SharedTerm[]): string {
  const groups: string[] = []
  for (const [n, o, where] of PLACES) {
    const here = words.filter((w) => w.needWeight === n && w.offerWeight === o)
    if (here.length === 0) continue
    const names = here.slice(0, 4).map((w) => (w.needWord === w.offerWord ? quoted(w.needWord) : `${quoted(w.needWord)}/${quoted(w.offerWord)}`))
    if (here.length > 4) names.push(`${here.length - 4} more`)
    groups.push(`${andList(names)} ${where}`)
  }
  return groups.join('; ')
}

type Part = { points: number; detail: string } | null

function locationPoints(need: Profile, offer: Profile): number {
  const [a, b] = [need.coordinates, offer.coordinates]
  if (a && b) return nearPoints(distanceKm(a, b))
  return need.place !== '' && need.place === offer.place ? SAME_PLACE : 0
}

const nearPoints = (km: number): number => NEAR.find(([limit]) => km <= limit)?.[1] ?? 0

function locationPart(need: Profile, offer: Profile): Part {
  const [a, b] = [need.coordinates, offer.coordinates]
  if (a && b) {
    const km = distanceKm(a, b)
    return { points: nearPoints(km), detail: `${km < 10 ? km.toFixed(1) : Math.round(km)} km apart` }
  }
  if (!need.place || !offer.place) return null
  if (need.place === offer.place) return { points: SAME_PLACE, detail: `both in ${need.item.location!}` }
  return { points: 0, detail: `in ${offer.item.location!}, needed in ${need.item.location!}` }
}

function availabilityPart(need: Profile, offer: Profile): Part {
  const fit = availabilityFit(need.availability, offer.availability)
  if (fit === 'unknown') return null
  const said = `available ${offer.item.availability!}, needed ${need.item.availability!}`
  return fit === 'fits' ? { points: AVAILABILITY, detail: said } : { points: 0, detail: `${said}: no time in common` }
}

function quantityPoints(need: Profile, offer: Profile): number {
  const [wanted, has] = [need.item.quantity, offer.item.quantity]
  return wanted !== undefined && has !== undefined && wanted > 0 && has >= wanted ? QUANTITY : 0
}

function quantityPart(need: Profile, offer: Profile): Part {
  const [wanted, has] = [need.item.quantity, offer.item.quantity]
  if (wanted === undefined || has === undefined || wanted <= 0) return null
  const points = quantityPoints(need, offer)
  return { points, detail: points > 0 ? `offers ${has}, ${wanted} needed` : `offers ${has} of the ${wanted} needed` }
}

/** Great-circle distance (haversine, a sphere of 6,371 km). */
function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}

function duration(ms: number): string {
  if (ms < DAY) {
    const hours = Math.max(1, Math.round(ms / 3_600_000))
    return `${hours} hour${hours === 1 ? '' : 's'}`
  }
  const days = Math.round(ms / DAY)
  return `${days} day${days === 1 ? '' : 's'}`
}

const quoted = (s: string): string => `"${s}"`

