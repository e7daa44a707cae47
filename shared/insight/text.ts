/**
 * Text as matching reads it. A word is a run of letters and digits (search's rule, words.ts),
 * compatibility-decomposed (NFKD: "ﬁ" is "fi") and folded (lower case, accents dropped: "Café"
 * is "cafe"); English stopwords and words every post uses ("need", "offer", "looking") are
 * dropped, as are bare numbers (quantities, years); the rest are stemmed with Porter's
 * stemmer, so "gardening" and "garden" are one term. Non-ASCII words are kept whole: Porter's
 * rules are for English.
 */
import { stemmer } from 'stemmer'
import { fold, words } from '../search/words.ts'

/** A term of a text: its stem, and the word first seen for it (folded), to name it in a reason. */
export interface Term { stem: string; word: string }

const STOPWORDS = new Set(`
a about above after again against all also am an and any anyone anything are as at back be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most much my myself no nor not now of off on once
only or other our ours ourselves out over own please same she should so some someone something such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when where
well which while who whom why will with would you your yours yourself yourselves
need needs needed needing offer offers offered offering want wants wanted looking look seeking seek available anybody
get got give giving help hello hi thanks thank new good use using used may might must one two three lot lots thing things
`.split(/\s+/).filter(Boolean))

const ASCII_WORD = /^[a-z]+$/
const PLAIN = /^[\x20-\x7e]*$/
const NUMBER = /^\p{N}+$/u
/** Stems already worked out: a community's vocabulary is a few thousand words, each stemmed once (the cache is emptied should it ever grow past this). */
const STEMS = new Map<string, string>()
const STEMS_MAX = 100_000

/** The folded form of a word: NFKD first, so compatibility characters fold as their plain letters. */
export const foldWord = (word: string): string => (PLAIN.test(word) ? word.toLowerCase() : fold(word.normalize('NFKD')))

function stemOf(word: string): string {
  let stem = STEMS.get(word)
  if (stem === undefined) {
    if (STEMS.size >= STEMS_MAX) STEMS.clear()
    STEMS.set(word, (stem = ASCII_WORD.test(word) ? stemmer(word) : word))
  }
  return stem
}

/** A tag as matching compares it: folded as words are (tags are stored lower-case NFC, with their accents). */
export const foldTag = (tag: string): string => foldWord(tag.trim())

/** The terms of a text, each once, in the order first seen. */
export function terms(text: string): Term[] {
  const seen = new Set<string>()
  const out: Term[] = []
  for (const raw of words(text)) {
    const word = foldWord(raw)
    if (word.length < 2 || STOPWORDS.has(word) || NUMBER.test(word)) continue
    const stem = stemOf(word)
    if (seen.has(stem)) continue
    seen.add(stem)
    out.push({ stem, word })
  }
  return out
}

/**
 * Where a location says it is, to compare two: the folded words of its first part ("Lisbon,
 * Portugal" and "lisbon" are one place; "Lisbon" and "Porto" are two). Empty when none.
 */
export function placeKey(location: string | undefined): string {
  if (!location) return ''
  const first = location.split(/[,;(/]/)[0] ?? ''
  return words(first).map(foldWord).join(' ')
}
