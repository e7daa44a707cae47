/**
 * Markdown in and out of a page's rich text, through the same schema the editor uses: what goes
 * in comes back out (in the writer's normal form), page links by id show the page's title now,
 * links to no page stay as written, and the words and links are read from the spans.
 */
import { describe, expect, it } from 'vitest'
import * as Automerge from '@automerge/automerge'
import { appendSpans, linkTargets, markdownToSpans, spansToMarkdown, spansToPlainText } from '../../../shared/pages/markdown.ts'
import { pageHref, targetOfHref, titleKey, wikiLinksIn } from '../../../shared/pages/links.ts'

const PAGES: Record<string, string> = { P1abcdef: 'Hall bookings', P2abcdef: 'Tool library' }
const resolve = (t: string): { id: string } | null => {
  const hit = Object.entries(PAGES).find(([id, title]) => id === t || titleKey(title) === titleKey(t))
  return hit ? { id: hit[0] } : null
}
const titleOf = (id: string): string | null => PAGES[id] ?? null

/** Markdown stored in a document and read back. */
function roundTrip(md: string, titles: (id: string) => string | null = titleOf, back: typeof resolve = resolve): string {
  let doc = Automerge.from({ text: '' })
  doc = Automerge.change(doc, (d) => Automerge.updateSpans(d, ['text'], markdownToSpans(md, resolve)))
  return spansToMarkdown(Automerge.spans(doc, ['text']), titles, back)
}

describe('markdown round trip', () => {
  it.each<[string, string, string?]>([
    ['a paragraph', 'Just words.'],
    ['headings', '# One\n\n## Two\n\n### Three'],
    ['marks', 'Some **bold**, *italic* and `code`.'],
    ['a bullet list', '- one\n- two\n  - nested'],
    ['a numbered list', '1. first\n2. second'],
    ['a quote', '> quoted words'],
    ['a code block', '```\nconst x = 1\n```'],
    ['a web link', 'See [the site](https://example.org).'],
    ['underscores and stars as written by others', 'an _em_ and __strong__', 'an *em* and **strong**'],
    ['a link to a page by title', 'Keys: [[Hall bookings]].'],
    ['a link to a page by id', 'Keys: [[P1abcdef]].', 'Keys: [[Hall bookings|P1abcdef]].'],
    ['a link in other case', 'see [[tool LIBRARY]]', 'see [[Tool library|tool LIBRARY]]'],
    ['a link with its own text', 'see [[Tool library|the tools]]'],
    ['a link to no page yet', 'see [[Repair café]]'],
    ['a rule and a hard break are dropped', 'one\n\n---\n\ntwo  \nthree', 'one\n\ntwo three'],
    ['raw HTML stays text', '<b>hi</b>'],
    ['empty', '', ''],
  ])('%s', (_name, md, expected) => {
    expect(roundTrip(md)).toBe(expected ?? md)
  })

  it('a page link shows the page\'s title now: a renamed page is named by its new title', () => {
    const renamed = (id: string): string | null => (id === 'P1abcdef' ? 'Booking the hall' : null)
    const afterRename = (t: string): { id: string } | null => (titleKey(t) === titleKey('Booking the hall') ? { id: 'P1abcdef' } : null)
    expect(roundTrip('Keys: [[Hall bookings]].', renamed, afterRename)).toBe('Keys: [[Booking the hall|Hall bookings]].')
  })

  it('a link to a page that is gone shows its id', () => {
    expect(roundTrip('Keys: [[Hall bookings]].', () => null)).toBe('Keys: [[P1abcdef|Hall bookings]].')
  })

  it('a renamed page is named by its new title only where that title leads back to it', () => {
    // The resolver knows only the old titles: the new one would lead nowhere, so the id is written.
    expect(roundTrip('Keys: [[Hall bookings]].', (id) => (id === 'P1abcdef' ? 'Booking the hall' : null))).toBe('Keys: [[P1abcdef|Hall bookings]].')
  })

  it('a script address is never a link', () => {
    expect(roundTrip('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))')
  })

  it('a link a peer wrote to a script address, or a mark of a newer editor, comes out as its words', () => {
    const spans = [
      { type: 'text', value: 'click ' },
      { type: 'text', value: 'here', marks: { link: JSON.stringify({ href: 'javascript:alert(1)', title: null }) } },
      { type: 'text', value: ' or ' },
      { type: 'text', value: 'there', marks: { underline: true } },
    ] as never
    expect(spansToMarkdown(spans, titleOf)).toBe('click here or there')
  })

  it('a page link whose title would not lead back to it is written by id, and read back to the same page', () => {
    const tricky: Record<string, string> = { P1abcdef: 'A|B [draft]', P2abcdef: 'Twin', P3abcdef: 'Twin' }
    const resolveTricky = (t: string): { id: string } | null => (t in tricky ? { id: t } : t === 'Twin' ? { id: 'P2abcdef' } : null)
    const spans = markdownToSpans('[[P1abcdef|see]] and [[P3abcdef|the other twin]]', resolveTricky)
    const md = spansToMarkdown(spans, (id) => tricky[id] ?? null, resolveTricky)
    expect(md).toBe('[[P1abcdef|see]] and [[P3abcdef|the other twin]]')
    expect(linkTargets(markdownToSpans(md, resolveTricky))).toEqual([{ id: 'P1abcdef' }, { id: 'P3abcdef' }])
  })

  it('a page link with a word of it made bold is one link in markdown, and reads back as one', () => {
    const link = JSON.stringify({ href: 'page:P1abcdef', title: null })
    const spans = [
      { type: 'text', value: 'Ask at the ' },
      { type: 'text', value: 'Hall ', marks: { link } },
      { type: 'text', value: 'bookings', marks: { link, strong: true } },
      { type: 'text', value: '.' },
    ] as never
    const md = spansToMarkdown(spans, titleOf, resolve)
    expect(md).toBe('Ask at the [[Hall bookings]].')
    expect(linkTargets(markdownToSpans(md, resolve))).toEqual([{ id: 'P1abcdef' }])
  })

  it('a link to a page that is gone stays a link to its id through markdown', () => {
    const id = '3Hq9cW2mXvPk8LbT5nRfYdJ4sGa'
    const spans = markdownToSpans(`see [[${id}|old notes]]`, () => null)
    expect(linkTargets(spans)).toEqual([{ id }])
    expect(spansToMarkdown(spans, () => null)).toBe(`see [[${id}|old notes]]`)
  })

  it('many [[ without an end are read as text, in one pass', () => {
    expect(spansToPlainText(markdownToSpans('[['.repeat(50_000), resolve))).toBe('[['.repeat(50_000))
  })
})

describe('words and links of a page', () => {
  const spans = markdownToSpans('# Tools\n\nBorrow a **drill**; see [[Hall bookings]], [[Nowhere]] and [[Hall bookings|again]].\n\n- [web](https://x.org)\n- typed [[Tool library]] later', resolve)

  it('the words: one line per block, no marks', () => {
    expect(spansToPlainText(spans)).toBe('Tools\nBorrow a drill; see Hall bookings, Nowhere and again.\nweb\ntyped Tool library later')
  })

  it('the links: page links by id or title, each once, in order; web links are not pages', () => {
    expect(linkTargets(spans)).toEqual([{ id: 'P1abcdef' }, { title: 'Nowhere' }, { id: 'P2abcdef' }])
  })

  it('[[…]] typed as plain text counts as a link by title', () => {
    expect(linkTargets([{ type: 'text', value: 'see [[Kitchen]] and [[Hall|the hall]]' }])).toEqual([{ title: 'Kitchen' }, { title: 'Hall' }])
    expect(wikiLinksIn('no [[]] or [[a\nb]] here')).toEqual([])
  })

  it('hrefs name a page by id or by title, and nothing else', () => {
    expect(targetOfHref(pageHref({ id: 'P1abcdef' }))).toEqual({ id: 'P1abcdef' })
    expect(targetOfHref(pageHref({ title: 'Café & bar/1' }))).toEqual({ title: 'Café & bar/1' })
    expect(targetOfHref('https://example.org')).toBeNull()
    expect(targetOfHref('page-title:%E0%A4%A')).toBeNull()
    expect(targetOfHref('page:')).toBeNull()
  })

  it('text added at the end starts a block of its own', () => {
    let doc = Automerge.from({ text: '' })
    doc = Automerge.change(doc, (d) => Automerge.updateSpans(d, ['text'], markdownToSpans('First.', resolve)))
    doc = Automerge.change(doc, (d) => Automerge.updateSpans(d, ['text'], appendSpans(Automerge.spans(d, ['text']), markdownToSpans('Second.', resolve))))
    expect(spansToMarkdown(Automerge.spans(doc, ['text']), titleOf)).toBe('First.\n\nSecond.')
  })
})
