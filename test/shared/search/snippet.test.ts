import { describe, expect, it } from 'vitest'
import { SNIPPET_WIDTH, snippetOf } from '../../../shared/search/snippet.ts'

const marked = (s: { snippet: string; marks: Array<[number, number]> }): string[] => s.marks.map(([a, b]) => s.snippet.slice(a, b))
const filler = (n: number, word = 'lorem'): string => Array.from({ length: n }, () => word).join(' ')

describe('snippetOf', () => {
  it.each<[string, string, string[], string[]]>([
    ['a short text whole, its match marked', 'The trailer is in the shed.', ['trailer'], ['trailer']],
    ['every occurrence in the window', 'Trailer here; the trailer there.', ['trailer'], ['Trailer', 'trailer']],
    ['accented words matched by their folded term', 'Le café du coin, Café Noir.', ['cafe'], ['café', 'Café']],
    ['words of several terms', 'A cargo bike with a child seat.', ['cargo', 'bike'], ['cargo', 'bike']],
    ['no match: the start, nothing marked', 'Nothing to see here.', ['absent'], []],
  ])('%s', (_name, text, terms, expected) => {
    const s = snippetOf(text, new Set(terms))
    expect(marked(s)).toEqual(expected)
  })

  it('centres a long text on its match, cut at word boundaries, with … where text was left out', () => {
    const text = `${filler(100)} the welding kit is here ${filler(100)}`
    const s = snippetOf(text, new Set(['welding']))
    expect(marked(s)).toEqual(['welding'])
    expect(s.snippet.startsWith('…lorem ')).toBe(true)
    expect(s.snippet.endsWith(' lorem…')).toBe(true)
    expect(s.snippet.length).toBeLessThanOrEqual(SNIPPET_WIDTH + 2)
    expect(s.snippet).toContain('the welding kit is here')
  })

  it('picks the window holding the most different query words', () => {
    const text = `bike alone ${filler(60)} a bike and a trailer together ${filler(60)}`
    const s = snippetOf(text, new Set(['bike', 'trailer']))
    expect(marked(s)).toEqual(['bike', 'trailer'])
  })

  it('lays line breaks and runs of spaces out as one space, the marks still on the word', () => {
    const s = snippetOf('First line\n\n   second   line with the  drill', new Set(['drill']))
    expect(s.snippet).toBe('First line second line with the drill')
    expect(marked(s)).toEqual(['drill'])
  })

  it('an empty text is an empty snippet', () => {
    expect(snippetOf('  \n ', new Set(['x']))).toEqual({ snippet: '', marks: [] })
  })

  it('a text that is one long word is cut, not lost', () => {
    const s = snippetOf('x'.repeat(400), new Set())
    expect(s.snippet.length).toBe(SNIPPET_WIDTH + 1)
  })
})
