/**
 * Words as search sees them: a word is a run of Unicode letters, digits and combining marks
 * (so "café", "Zürich", "東京", "नमस्ते" are words; punctuation, spaces and apostrophes part
 * them), and two words are the same when they are the same once folded: lower case, with the
 * Latin, Greek and Cyrillic diacritics dropped ("Café" is "cafe", "Ærø" is "aero"), so a query
 * typed without accents finds the accented word and the other way round. Marks that are part
 * of a letter in other scripts (Devanagari vowel signs, Thai) are kept: dropping them would
 * make different words one.
 */

/** A word in a text: where it is ([start, end) offsets of the text as given) and its folded form. */
export interface WordSpan {
  start: number
  end: number
  term: string
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu
/** The Combining Diacritical Marks block: accents on Latin, Greek and Cyrillic letters once decomposed. */
const DIACRITICS = /[\u0300-\u036f]/g
/** Letters with no decomposition that a reader still takes for a plain one (or two). */
const LIGATURES: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŀ: 'l' }
const HAS_LIGATURE = /[ßæœøłđðþıŀ]/
const LIGATURE = /[ßæœøłđðþıŀ]/g
/** Longer "words" are ids, hashes or pasted noise: not worth a place in the index. */
export const MAX_WORD = 64

const ASCII = /^[ -~]*$/

/** A word folded for comparison: lower case, without diacritics. */
export function fold(word: string): string {
  // Most words are plain ASCII: nothing to decompose (and this runs for every word indexed).
  if (ASCII.test(word)) return word.toLowerCase()
  const bare = word.normalize('NFD').replace(DIACRITICS, '').toLowerCase().normalize('NFC')
  return HAS_LIGATURE.test(bare) ? bare.replace(LIGATURE, (c) => LIGATURES[c] ?? c) : bare
}

/** The words of a text with where each is, in order. */
export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = []
  for (const m of text.matchAll(WORD)) {
    if (m[0].length > MAX_WORD) continue
    out.push({ start: m.index, end: m.index + m[0].length, term: fold(m[0]) })
  }
  return out
}

/** The words of a text as typed (the index folds each through `fold`). */
export function words(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(WORD)) if (m[0].length <= MAX_WORD) out.push(m[0])
  return out
}
