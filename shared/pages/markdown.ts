/**
 * Markdown in and out of a page's rich text. The text is Automerge rich text in the format
 * @automerge/prosemirror reads and writes (block markers and marks), so markdown goes through
 * the same ProseMirror schema the editor uses: markdown -> ProseMirror document (the
 * prosemirror-markdown parser over markdown-it, CommonMark, no HTML) -> Automerge spans; and
 * back. What the editor shows and what the CLI prints are then the same document.
 *
 * `[[Title]]`, `[[Title|text]]` and `[[page id]]` become page links (see links.ts); out, a page
 * link is written as `[[Current title]]` (or `[[Current title|its text]]` where the text differs),
 * so a renamed page is named by its new title.
 */
import type { Span } from '@automerge/automerge/slim'
import { pmDocFromSpans, pmNodeToSpans } from '@automerge/prosemirror'
import MarkdownIt, { type MarkdownIt as MarkdownItInstance, type StateInline } from 'markdown-it'
import { Fragment, type Mark, type Node as PmNode } from 'prosemirror-model'
import { defaultMarkdownSerializer, MarkdownParser, MarkdownSerializer, type MarkdownSerializerState } from 'prosemirror-markdown'
import { pageSchema, pageSchemaAdapter } from './schema.ts'
import { looksLikeDocumentId } from '../ids.ts'
import { hrefOfMark, isSafeHref, pageHref, targetOfHref, wikiLinksIn, type LinkTarget } from './links.ts'

/** Finds the page a `[[target]]` names (by title, id or id prefix), or null when none does yet. */
export type ResolveLink = (target: string) => { id: string } | null
/** The current title of a page, or null when it is not (or no longer) a page of the space. */
export type TitleOf = (id: string) => string | null

/** A backslash escape as CommonMark writes one. */
const ESCAPED = /\\([!-/:-@[-`{-~])/g

/** markdown-it inline rule: `[[target]]` and `[[target|text]]` as a link token pair. */
function wikiLinks(md: MarkdownItInstance, resolve: ResolveLink): void {
  md.inline.ruler.before('link', 'wiki_link', (state: StateInline, silent: boolean) => {
    const src = state.src
    const start = state.pos
    if (src.charCodeAt(start) !== 0x5b || src.charCodeAt(start + 1) !== 0x5b) return false
    // Looked for only as far as a link can reach: a text of many `[[` stays linear.
    const near = src.slice(start + 2, start + 424).indexOf(']]')
    if (near < 0) return false
    const end = start + 2 + near
    const inner = src.slice(start + 2, end)
    if (inner.includes('\n') || inner.includes('[')) return false
    const bar = inner.indexOf('|')
    const target = (bar < 0 ? inner : inner.slice(0, bar)).replace(ESCAPED, '$1').trim()
    if (target === '') return false
    if (!silent) {
      // A page id no page has here (deleted, or not synced yet) stays a link to that id.
      const found = resolve(target) ?? (looksLikeDocumentId(target) ? { id: target } : null)
      const shown = bar < 0 ? '' : inner.slice(bar + 1).replace(ESCAPED, '$1').trim()
      const open = state.push('link_open', 'a', 1)
      open.attrs = [['href', pageHref(found ?? { title: target })]]
      const text = state.push('text', '', 0)
      text.content = shown || target
      state.push('link_close', 'a', -1)
    }
    state.pos = end + 2
    return true
  })
}

function parser(resolve: ResolveLink): MarkdownParser {
  const md = MarkdownIt('commonmark', { html: false, linkify: false }).use(wikiLinks, resolve)
  // The page's rich text has no line-break element: a hard break reads as the space a soft one does.
  md.core.ruler.push('hard_breaks_as_soft', (state) => {
    for (const block of state.tokens) for (const t of block.children ?? []) if (t.type === 'hardbreak') t.type = 'softbreak'
  })
  md.validateLink = isSafeHref
  return new MarkdownParser(pageSchema, md, {
    blockquote: { block: 'blockquote' },
    paragraph: { block: 'paragraph' },
    list_item: { block: 'list_item' },
    bullet_list: { block: 'bullet_list' },
    ordered_list: { block: 'ordered_list', getAttrs: (tok) => ({ order: Number(tok.attrGet('start')) || 1 }) },
    heading: { block: 'heading', getAttrs: (tok) => ({ level: Number(tok.tag.slice(1)) }) },
    code_block: { block: 'code_block', noCloseToken: true },
    fence: { block: 'code_block', noCloseToken: true },
    // The page's rich text has no rule element: a rule is dropped.
    hr: { ignore: true, noCloseToken: true },
    image: { node: 'image', getAttrs: (tok) => ({ src: tok.attrGet('src'), title: tok.attrGet('title') || null, alt: tok.children?.[0]?.content || null }) },
    em: { mark: 'em' },
    strong: { mark: 'strong' },
    link: { mark: 'link', getAttrs: (tok) => ({ href: tok.attrGet('href'), title: tok.attrGet('title') || null }) },
    code_inline: { mark: 'code', noCloseToken: true },
  })
}

/** The rich text of a markdown text, as Automerge spans ready for `updateSpans`. */
export function markdownToSpans(markdown: string, resolve: ResolveLink): Span[] {
  const doc = parser(resolve).parse(markdown)
  return pmNodeToSpans(pageSchemaAdapter, doc) as Span[]
}

/**
 * Spans that add `added` after `current` as blocks of their own. The editor's format leaves the
 * block marker of a leading paragraph out (a text starts in a paragraph), so added text that
 * starts that way gets one: it would otherwise run on in the last paragraph.
 */
export function appendSpans(current: readonly Span[], added: readonly Span[]): Span[] {
  if (current.length === 0 || added.length === 0 || added[0]!.type === 'block') return [...current, ...added]
  const paragraph = pmNodeToSpans(pageSchemaAdapter, pageSchema.node('doc', null, [pageSchema.node('paragraph'), pageSchema.node('paragraph')]))
  const marker = paragraph.find((s) => s.type === 'block')
  return marker ? [...current, marker as Span, ...added] : [...current, ...added]
}

/**
 * Markdown of a page's rich text. Never throws: text a peer wrote in a shape this version cannot
 * write as markdown (a mark or block of a newer editor) comes out as its plain words.
 */
export function spansToMarkdown(spans: readonly Span[], titleOf: TitleOf, resolve: ResolveLink = () => null): string {
  try {
    const doc = pmDocFromSpans(pageSchemaAdapter, spans as Span[])
    return serializer().serialize(withLinkTitles(doc, titleOf, resolve)).trimEnd()
  } catch {
    return spansToPlainText(spans).split('\n').join('\n\n')
  }
}

/**
 * The text a page link shows in markdown: `[[Title]]` with the page's title now (and the link's
 * own words where they differ), when reading that back leads to the same page; else the page's
 * id (a title shared by two pages, holding `|` or brackets, or a page that is gone).
 */
function withLinkTitles(doc: PmNode, titleOf: TitleOf, resolve: ResolveLink): PmNode {
  const target = (marks: readonly Mark[]): { mark: Mark; target: LinkTarget } | null => {
    for (const mark of marks) {
      if (mark.type.name !== 'link') continue
      const t = targetOfHref(String(mark.attrs['href'] ?? ''))
      if (t) return { mark, target: t }
    }
    return null
  }
  /** One page link's whole run of text (it may be split by other marks: a bold word inside it), as `name` or `name|text`, marked only as the link. */
  const linkRun = (link: { mark: Mark; target: LinkTarget }, text: string): PmNode => {
    let name = 'id' in link.target ? link.target.id : link.target.title
    if ('id' in link.target) {
      const title = titleOf(link.target.id)
      if (title !== null && !/[|[\]]/.test(title) && resolve(title)?.id === link.target.id) name = title
    }
    return pageSchema.text(text.trim() === name.trim() ? name : `${name}|${text}`, [link.mark])
  }
  const rewrite = (node: PmNode): PmNode => {
    if (node.isText || node.childCount === 0) return node
    const children: PmNode[] = []
    let run: { link: { mark: Mark; target: LinkTarget }; text: string } | null = null
    const endRun = (): void => {
      if (run) children.push(linkRun(run.link, run.text))
      run = null
    }
    node.forEach((child) => {
      const link = child.isText ? target(child.marks) : null
      if (link && run && run.link.mark.eq(link.mark)) {
        run.text += child.text ?? ''
        return
      }
      endRun()
      if (link) run = { link, text: child.text ?? '' }
      else children.push(rewrite(child))
    })
    endRun()
    return node.copy(Fragment.fromArray(children))
  }
  return rewrite(doc)
}

function serializer(): MarkdownSerializer {
  const isPageLink = (mark: Mark): boolean => targetOfHref(String(mark.attrs['href'] ?? '')) !== null
  // A link to an address that may not be a link (a peer wrote `javascript:…`) is written as its text alone.
  const isUnsafe = (mark: Mark): boolean => !isSafeHref(String(mark.attrs['href'] ?? ''))
  const link = defaultMarkdownSerializer.marks['link']!
  return new MarkdownSerializer({
    ...defaultMarkdownSerializer.nodes,
    // Blocks a newer editor wrote that this version has no markdown for: their content, as is.
    unknownBlock: (state: MarkdownSerializerState, node: PmNode) => state.renderContent(node),
    aside: (state: MarkdownSerializerState, node: PmNode) => state.wrapBlock('> ', null, node, () => state.renderContent(node)),
    // An embed a newer editor wrote: nothing this version can show in markdown.
    unknownLeaf: () => {},
    image: (state: MarkdownSerializerState, node: PmNode) => {
      const src = String(node.attrs['src'] ?? '')
      if (/^https?:\/\//i.test(src)) defaultMarkdownSerializer.nodes['image']!(state, node, node, 0)
      else state.write(state.esc(String(node.attrs['alt'] ?? '')))
    },
    // The schema keeps no `tight` flag: lists are written tight (no blank line between items), as people write them.
    bullet_list: (state: MarkdownSerializerState, node: PmNode) => state.renderList(tight(node), '  ', () => '- '),
    ordered_list: (state: MarkdownSerializerState, node: PmNode) => defaultMarkdownSerializer.nodes['ordered_list']!(state, tight(node), node, 0),
  }, {
    ...defaultMarkdownSerializer.marks,
    // A mark a newer editor wrote (underline, highlight…): its text, unmarked.
    unknownMark: { open: '', close: '' },
    link: {
      open: (state, mark, parent, index) => (isPageLink(mark) ? '[[' : isUnsafe(mark) ? '' : typeof link.open === 'string' ? link.open : link.open(state, mark, parent, index)),
      close: (state, mark, parent, index) => (isPageLink(mark) ? ']]' : isUnsafe(mark) ? '' : typeof link.close === 'string' ? link.close : link.close(state, mark, parent, index)),
      mixable: false,
    },
  })
}

/** The same list node, read as tight by the serializer. */
function tight(node: PmNode): PmNode {
  return Object.create(node, { attrs: { value: { ...node.attrs, tight: true } } }) as PmNode
}

/** The words of a page's rich text: one line per block, no marks (for search and excerpts). */
export function spansToPlainText(spans: readonly Span[]): string {
  let out = ''
  for (const s of spans) {
    if (s.type === 'block') out += out === '' ? '' : '\n'
    else if (s.type === 'text') out += s.value
  }
  return out
}

/** The link targets in a page's rich text, in order, each once: link marks naming a page, and `[[…]]` typed as plain text. */
export function linkTargets(spans: readonly Span[]): LinkTarget[] {
  const seen = new Set<string>()
  const out: LinkTarget[] = []
  const add = (t: LinkTarget): void => {
    const key = 'id' in t ? `id:${t.id}` : `title:${t.title.toLowerCase()}`
    if (seen.has(key)) return
    seen.add(key)
    out.push(t)
  }
  for (const s of spans) {
    if (s.type !== 'text') continue
    const href = hrefOfMark(s.marks?.['link'])
    const t = href === null ? null : targetOfHref(href)
    if (t) add(t)
    else for (const w of wikiLinksIn(s.value)) add(w)
  }
  return out
}
