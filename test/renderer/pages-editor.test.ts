/**
 * The page editor bound to a live page document (no browser: a stand-in view, an in-memory
 * repo): a change made to the document elsewhere shows in the editor, what is typed lands in
 * the document; markdown typed as you go becomes headings, lists, marks and page links (and
 * reads back as that markdown from the document); the toolbar's pressed state follows the
 * cursor; undo takes back only what was typed here; `updatedAt` is stamped at most every 10 s.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Automerge from '@automerge/automerge'
import { TextSelection } from 'prosemirror-state'
import { markdownToSpans } from '../../shared/pages/markdown.ts'
import { commandFor, isActive, linkAt } from '../../renderer/features/pages/editor/commands.ts'
import { changesBlocks, pasteTooLong, stamper } from '../../renderer/features/pages/editor/session.ts'
import { Fragment, Slice } from 'prosemirror-model'
import { pageSchema } from '../../shared/pages/schema.ts'
import { checkWebAddress } from '../../renderer/features/pages/editor/LinkTools.tsx'
import { headlessEditor, KNOWN, markdownOf, pageHandle, type Headless } from './pages-editor-harness.ts'

let open: Headless[] = []
const editor = (markdown: string): { ed: Headless; handle: ReturnType<typeof pageHandle> } => {
  const handle = pageHandle(markdown)
  const ed = headlessEditor(handle)
  open.push(ed)
  return { ed, handle }
}
/** Puts the cursor at the end of the text. */
const toEnd = (ed: Headless): void => {
  const { state } = ed.view
  ed.view.dispatch(state.tr.setSelection(TextSelection.atEnd(state.doc)))
}
afterEach(() => {
  for (const ed of open) ed.destroy()
  open = []
})

describe('the editor on a page’s live document', () => {
  it('shows a change made to the document from outside, keeping the cursor where it was', () => {
    const { ed, handle } = editor('The trailer is kept behind the hall.')
    toEnd(ed)
    const cursorText = ed.view.state.doc.textBetween(0, ed.view.state.selection.from)
    handle.change((d) => Automerge.splice(d, ['text'], d.text.indexOf('behind'), 0, 'locked '))
    expect(ed.view.state.doc.textContent).toBe('The trailer is kept locked behind the hall.')
    expect(ed.view.state.doc.textBetween(0, ed.view.state.selection.from)).toBe(`${cursorText.slice(0, 20)}locked ${cursorText.slice(20)}`)
  })

  it('text arriving right at the cursor goes after it: what is typed here stays in one piece', () => {
    const { ed, handle } = editor('Bring:')
    toEnd(ed)
    ed.type(' kett')
    handle.change((d) => Automerge.splice(d, ['text'], d.text.length, 0, ' zips'))
    ed.type('les')
    expect(ed.view.state.doc.textContent).toBe('Bring: kettles zips')
    expect(markdownOf(handle)).toBe('Bring: kettles zips')
  })

  it('a replace made elsewhere around the cursor leaves what is typed next where the cursor was, not at the top', () => {
    const { ed, handle } = editor('Tail here.')
    toEnd(ed)
    handle.change((d) => Automerge.updateSpans(d, ['text'], markdownToSpans('New head.\n\n## Section\n\nTail here.', () => null)))
    ed.type('X')
    expect(markdownOf(handle).startsWith('New head.')).toBe(true)
    expect(markdownOf(handle)).not.toMatch(/^X/)
  })

  it('shows a whole-text replace made elsewhere (a restore, `page edit --text`) exactly as the document has it', () => {
    const { ed, handle } = editor('Bring what is broken. Kettles.\n\n## What we fix\n\n- **Electrics**: lamps\n- Bicycles\n\n> Nothing with gas.\n\nSee [[Tool library]] and [[Safety rules]].')
    handle.change((d) => Automerge.updateSpans(d, ['text'], markdownToSpans('Bring what is broken.', () => null)))
    expect(markdownOf(handle)).toBe('Bring what is broken.')
    expect(ed.view.state.doc.textContent).toBe('Bring what is broken.')
  })

  it('checks against the document only after a change to blocks, not after text typed inside one', () => {
    const { ed, handle } = editor('One.\n\nTwo.')
    const seen: boolean[] = []
    const dispatch = ed.view.dispatch
    ed.view.dispatch = (tr) => { seen.push(changesBlocks(tr)); dispatch(tr) }
    handle.change((d) => Automerge.splice(d, ['text'], d.text.indexOf('Two'), 0, 'and '))
    handle.change((d) => Automerge.mark(d, ['text'], { start: 0, end: 3, expand: 'none' }, 'strong', true))
    handle.change((d) => Automerge.updateSpans(d, ['text'], markdownToSpans('One.', () => null)))
    expect(seen).toEqual([false, false, true])
    expect(markdownOf(handle)).toBe('One.')
    expect(ed.view.state.doc.textContent).toBe('One.')
  })

  it('refuses a paste too long for the editor to keep in step with the page, in words; a short one goes in', () => {
    const paras = (n: number): Slice => new Slice(Fragment.fromArray(Array.from({ length: n }, (_, i) => pageSchema.node('paragraph', null, [pageSchema.text(`${i} seeds`)]))), 1, 1)
    expect(pasteTooLong(paras(3))).toBeNull()
    expect(pasteTooLong(paras(150))).toMatch(/too long to add in one go \(150 paragraphs.*Paste it in parts/)
    expect(pasteTooLong(new Slice(Fragment.from(pageSchema.node('paragraph', null, [pageSchema.text('x'.repeat(20_001))])), 1, 1))).toMatch(/20,001 characters/)
  })

  it('puts what is typed into the document', () => {
    const { ed, handle } = editor('Keys are with Ada.')
    toEnd(ed)
    ed.type(' Ask her first.')
    expect(markdownOf(handle)).toBe('Keys are with Ada. Ask her first.')
  })

  it('makes a new paragraph on Enter, in the document too', () => {
    const { ed, handle } = editor('First.')
    toEnd(ed)
    expect(ed.press('Enter')).toBe(true)
    ed.type('Second.')
    expect(markdownOf(handle)).toBe('First.\n\nSecond.')
  })
})

describe('markdown shortcuts', () => {
  const typedInto = (lines: string[]): string => {
    const { ed, handle } = editor('Start.')
    toEnd(ed)
    for (const line of lines) {
      ed.press('Enter')
      ed.type(line)
    }
    return markdownOf(handle)
  }

  it.each([
    ['# ', 'Heading', '# Heading'],
    ['## ', 'Smaller', '## Smaller'],
    ['### ', 'Smallest', '### Smallest'],
    ['> ', 'Quoted', '> Quoted'],
  ])('%j at the start of a line makes %s', (prefix, words, md) => {
    expect(typedInto([`${prefix}${words}`])).toBe(`Start.\n\n${md}`)
  })

  it('- and * make a bullet list, Enter its next item', () => {
    const { ed, handle } = editor('Start.')
    toEnd(ed)
    ed.press('Enter')
    ed.type('- saw')
    ed.press('Enter')
    ed.type('drill')
    expect(markdownOf(handle)).toBe('Start.\n\n- saw\n- drill')
    expect(isActive(ed.view.state, 'bullet_list')).toBe(true)
    expect(typedInto(['* hammer'])).toBe('Start.\n\n- hammer')
  })

  it('1. makes a numbered list', () => {
    expect(typedInto(['1. first'])).toBe('Start.\n\n1. first')
  })

  it('three backticks make a code block', () => {
    const { ed } = editor('Start.')
    toEnd(ed)
    ed.press('Enter')
    ed.type('```')
    expect(isActive(ed.view.state, 'code_block')).toBe(true)
  })

  it('**bold**, *italic* and `code` become marks, in the document too', () => {
    const { ed, handle } = editor('Start.')
    toEnd(ed)
    ed.type(' **firmly** and *gently* with `oil`')
    expect(ed.view.state.doc.textContent).toBe('Start. firmly and gently with oil')
    expect(markdownOf(handle)).toBe('Start. **firmly** and *gently* with `oil`')
  })

  it('[[Title]] links to the page of that title by its id; to a title no page has, by title', () => {
    const { ed, handle } = editor('See')
    toEnd(ed)
    ed.type(' [[tool library]] and [[Paint shop]].')
    expect(ed.view.state.doc.textContent).toBe(`See ${KNOWN.title} and Paint shop.`)
    const hrefs: string[] = []
    ed.view.state.doc.descendants((n) => { for (const m of n.marks) if (m.type.name === 'link') hrefs.push(String(m.attrs.href)) })
    expect(hrefs).toEqual([`page:${KNOWN.id}`, 'page-title:Paint%20shop'])
    // By id, with the title shown: it reads back to the same page whatever it is called later.
    expect(markdownOf(handle)).toBe(`See [[${KNOWN.id}|${KNOWN.title}]] and [[Paint shop]].`)
  })

  it('Backspace right after a shortcut takes it back', () => {
    const { ed } = editor('Start.')
    toEnd(ed)
    ed.press('Enter')
    ed.type('# ')
    expect(isActive(ed.view.state, 'h1')).toBe(true)
    ed.press('Backspace')
    expect(isActive(ed.view.state, 'h1')).toBe(false)
    expect(ed.view.state.doc.textContent).toBe('Start.# ')
  })
})

describe('the toolbar', () => {
  it('shows pressed what is in effect at the cursor, and its buttons toggle it', () => {
    const { ed, handle } = editor('Plain, **strong** words.')
    const at = (word: string): void => {
      let pos = -1
      ed.view.state.doc.descendants((n, p) => { if (n.isText && pos < 0 && n.text!.includes(word)) pos = p + n.text!.indexOf(word) + 1 })
      ed.view.dispatch(ed.view.state.tr.setSelection(TextSelection.create(ed.view.state.doc, pos)))
    }
    at('Plain')
    expect(isActive(ed.view.state, 'strong')).toBe(false)
    expect(isActive(ed.view.state, 'paragraph')).toBe(true)
    at('strong')
    expect(isActive(ed.view.state, 'strong')).toBe(true)
    expect(ed.run(commandFor(ed.view.state.schema, 'h2'))).toBe(true)
    expect(isActive(ed.view.state, 'h2')).toBe(true)
    expect(isActive(ed.view.state, 'h1')).toBe(false)
    expect(markdownOf(handle)).toBe('## Plain, **strong** words.')
    // A second press turns the heading back into a paragraph.
    ed.run(commandFor(ed.view.state.schema, 'h2'))
    expect(isActive(ed.view.state, 'paragraph')).toBe(true)
    ed.run(commandFor(ed.view.state.schema, 'blockquote'))
    expect(isActive(ed.view.state, 'blockquote')).toBe(true)
    expect(markdownOf(handle)).toBe('> Plain, **strong** words.')
  })

  it('the numbered-list button turns a bullet list into a numbered one, and back', () => {
    const { ed, handle } = editor('- saw\n- drill')
    expect(isActive(ed.view.state, 'bullet_list')).toBe(true)
    expect(ed.run(commandFor(ed.view.state.schema, 'ordered_list'))).toBe(true)
    expect(markdownOf(handle)).toBe('1. saw\n2. drill')
    ed.run(commandFor(ed.view.state.schema, 'bullet_list'))
    expect(markdownOf(handle)).toBe('- saw\n- drill')
  })

  it('Mod-b bolds the selection', () => {
    const { ed, handle } = editor('Lock the shed.')
    const { doc } = ed.view.state
    ed.view.dispatch(ed.view.state.tr.setSelection(TextSelection.create(doc, 1, 5)))
    expect(ed.press('b', { mod: true })).toBe(true)
    expect(isActive(ed.view.state, 'strong')).toBe(true)
    expect(markdownOf(handle)).toBe('**Lock** the shed.')
  })

  it('knows the link at the cursor', () => {
    const { ed } = editor('Ask at [the café](https://example.org/cafe) first.')
    let pos = -1
    ed.view.state.doc.descendants((n, p) => { if (n.isText && n.text!.includes('café')) pos = p + 2 })
    ed.view.dispatch(ed.view.state.tr.setSelection(TextSelection.create(ed.view.state.doc, pos)))
    expect(linkAt(ed.view.state)).toMatchObject({ href: 'https://example.org/cafe' })
  })

  it('a web address is checked before it becomes a link', () => {
    expect(checkWebAddress('example.org/x')).toEqual({ ok: true, href: 'https://example.org/x' })
    expect(checkWebAddress('mailto:ada@example.org')).toMatchObject({ ok: true })
    expect(checkWebAddress('javascript:alert(1)')).toMatchObject({ ok: false })
    expect(checkWebAddress('')).toMatchObject({ ok: false })
  })
})

describe('undo and the page’s time', () => {
  it('undo takes back what was typed here, not what arrived from elsewhere', () => {
    const { ed, handle } = editor('Hall.')
    toEnd(ed)
    ed.type(' Mine.')
    handle.change((d) => Automerge.splice(d, ['text'], d.text.indexOf('Hall'), 0, 'The '))
    expect(ed.press('z', { mod: true })).toBe(true)
    expect(markdownOf(handle)).toBe('The Hall.')
  })

  it('stamps updatedAt at most once every 10 s, as one value', () => {
    const handle = pageHandle('x')
    let now = Date.UTC(2026, 0, 1)
    const stamp = stamper(handle, 10_000, () => now)
    stamp()
    expect(String(handle.doc().updatedAt)).toBe('2026-01-01T00:00:00.000Z')
    now += 9_000
    stamp()
    expect(String(handle.doc().updatedAt)).toBe('2026-01-01T00:00:00.000Z')
    now += 2_000
    stamp()
    expect(String(handle.doc().updatedAt)).toBe('2026-01-01T00:00:11.000Z')
    expect(handle.doc().updatedAt).toBeInstanceOf(Automerge.ImmutableString)
  })
})
