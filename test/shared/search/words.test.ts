import { describe, expect, it } from 'vitest'
import { fold, wordSpans, words } from '../../../shared/search/words.ts'

describe('fold', () => {
  it.each<[string, string]>([
    ['Café', 'cafe'],
    ['cafe\u0301', 'cafe'], // e + combining acute: the same word as the precomposed one
    ['ZÜRICH', 'zurich'],
    ['Ærø', 'aero'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
    ['naïve', 'naive'],
    ['Ελληνικά', 'ελληνικα'],
    ['ёлка', 'елка'],
    ['東京', '東京'],
    // Devanagari vowel signs are letters' parts, not accents: kept.
    ['नमस्ते', 'नमस्ते'],
  ])('%s → %s', (word, folded) => {
    expect(fold(word)).toBe(folded)
  })
})

describe('words', () => {
  it.each<[string, string[]]>([
    ['a bike, a trailer.', ['a', 'bike', 'a', 'trailer']],
    ["l'atelier du café", ['l', 'atelier', 'du', 'café']],
    ['e-bike/cargo_bike', ['e', 'bike', 'cargo', 'bike']],
    ['Room 12b at 9:30', ['Room', '12b', 'at', '9', '30']],
    ['東京 と 大阪', ['東京', 'と', '大阪']],
    ['   ', []],
    [`${'x'.repeat(65)} short`, ['short']],
  ])('%j', (text, expected) => {
    expect(words(text)).toEqual(expected)
  })

  it('gives each word where it is in the text as given, folded', () => {
    const text = 'Le Café, déjà!'
    expect(wordSpans(text).map((w) => [text.slice(w.start, w.end), w.term])).toEqual([['Le', 'le'], ['Café', 'cafe'], ['déjà', 'deja']])
  })
})
