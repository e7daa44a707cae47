/**
 * The collaborative editor of one page, bound to its live document: what is typed here goes
 * into the document (and so to the peer and every other peer), what arrives there shows here,
 * cursor kept. A page this peer may not change is shown read only. Links never navigate the
 * window: a page link opens that page in the app; a web link shows its address (on hover, and
 * under the text while the cursor is in it) and opens in the browser from there.
 */
import { Anchor, Box, Button, Group, Paper, Text } from '@mantine/core'
import { IconExternalLink } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import type { EditorState } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import type { Mark } from 'prosemirror-model'
import type { PageSummary } from '../../../../shared/api/pages-api.ts'
import { isSafeHref, targetOfHref, titleKey, type LinkTarget } from '../../../../shared/pages/links.ts'
import type { LiveDoc } from '../live-doc.ts'
import { linkAt } from './commands.ts'
import type { ResolvePage } from './input-rules.ts'
import { LinkTools } from './LinkTools.tsx'
import { applyFromDocument, isLocalEdit, pageEditorState, pasteTooLong, stamper } from './session.ts'
import { Toolbar } from './Toolbar.tsx'
import classes from './editor.module.css'

export interface PageEditorProps {
  handle: LiveDoc
  editable: boolean
  /** The space's pages: what `[[Title]]` and the page picker link to. */
  pages: PageSummary[]
  onOpenPage(target: LinkTarget): void
}

/** Finds a page by title (any case and spacing) or by id. */
export function resolverOf(pages: readonly PageSummary[]): ResolvePage {
  return (target) => {
    const key = titleKey(target)
    const found = pages.find((p) => titleKey(p.title) === key) ?? pages.find((p) => p.id === target)
    return found ? { id: found.id, title: found.title } : null
  }
}

/** A link's address in words: the page it opens, or the web address. */
export function describeHref(href: string, pages: readonly PageSummary[]): { page: LinkTarget | null; words: string; missing: boolean } {
  const target = targetOfHref(href)
  if (!target) return { page: null, words: href, missing: false }
  const page = 'id' in target ? pages.find((p) => p.id === target.id) : pages.find((p) => titleKey(p.title) === titleKey(target.title))
  if (page) return { page: { id: page.id }, words: `Page “${page.title}”`, missing: false }
  return { page: target, words: 'title' in target ? `“${target.title}” — no page yet` : 'A page that is not here (deleted, or not shared with you)', missing: true }
}

export function PageEditor({ handle, editable, pages, onOpenPage }: PageEditorProps) {
  const mount = useRef<HTMLDivElement>(null)
  const [view, setView] = useState<EditorView | null>(null)
  const [state, setState] = useState<EditorState | null>(null)
  /** A paste refused, or the editor shown again from the page: said under the toolbar until the next paste. */
  const [notice, setNotice] = useState<string | null>(null)
  // The view lives across renders; these are read at the moment they are needed.
  const live = useRef({ pages, onOpenPage, editable })
  live.current = { pages, onOpenPage, editable }

  useEffect(() => {
    const resolve: ResolvePage = (t) => resolverOf(live.current.pages)(t)
    const stamp = stamper(handle)
    const linkView = (mark: Mark) => {
      const href = String(mark.attrs.href)
      const { words, missing } = describeHref(href, live.current.pages)
      const a = document.createElement('a')
      // A page link carries no href the browser could follow; a web link keeps its address (for copying and the tooltip),
      // and only where it is one (a peer may have written `file:` or another program's scheme: that stays text).
      if (targetOfHref(href) === null && isSafeHref(href)) a.href = href
      a.dataset.href = href
      a.title = words
      a.className = missing ? classes.missing! : targetOfHref(href) ? classes.pageLink! : classes.webLink!
      return { dom: a }
    }
    const v: EditorView = new EditorView(mount.current!, {
      state: pageEditorState(handle, resolve),
      editable: () => live.current.editable,
      attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Page text', class: classes.prose!, spellcheck: 'true' },
      markViews: { link: linkView },
      handlePaste: (_view, _event, slice) => {
        const why = pasteTooLong(slice)
        setNotice(why)
        return why !== null
      },
      dispatchTransaction(tr) {
        let next: EditorState
        try {
          next = applyFromDocument(handle, v.state, tr)
        } catch (err) {
          // The editor lost step with the page (a bug below us): it is shown again from the document, as it is.
          console.warn('the editor was rebuilt from the page document after a failed change', err)
          next = pageEditorState(handle, resolve)
          setNotice('The editor lost step with the page and was shown again from it: check your last change.')
        }
        v.updateState(next)
        setState(next)
        // After the view took it: stamping changes the document, which the sync plugin reads back.
        if (isLocalEdit(tr)) queueMicrotask(stamp)
      },
      handleDOMEvents: {
        click(_view, event) {
          const a = (event.target as HTMLElement | null)?.closest?.('a[data-href]')
          if (!a) return false
          // Never a navigation of this window; a page link opens the page in the app.
          event.preventDefault()
          const { page, missing } = describeHref(a.getAttribute('data-href') ?? '', live.current.pages)
          if (page && (!missing || !live.current.editable)) live.current.onOpenPage(page)
          return true
        },
      },
    })
    setView(v)
    setState(v.state)
    return () => {
      v.destroy()
      setView(null)
    }
  }, [handle])

  useEffect(() => {
    view?.setProps({ editable: () => editable })
  }, [view, editable])

  const link = state ? linkAt(state) : null
  return (
    <Paper withBorder radius="md" className={classes.frame}>
      {editable && view && state && <Toolbar view={view} state={state} links={<LinkTools view={view} state={state} pages={pages} />} />}
      {notice && <Text size="sm" c="orange" px="sm" py={6} role="alert">{notice}</Text>}
      <Box ref={mount} className={classes.mount} data-editable={editable} />
      {link && <LinkLine href={link.href} pages={pages} onOpenPage={onOpenPage} />}
    </Paper>
  )
}

/** The link at the cursor: where it goes, and a way there. */
function LinkLine({ href, pages, onOpenPage }: { href: string; pages: PageSummary[]; onOpenPage(t: LinkTarget): void }) {
  const { page, words, missing } = describeHref(href, pages)
  return (
    <Group gap="xs" px="sm" py={6} className={classes.linkLine} role="status" aria-label="Link at the cursor" wrap="nowrap">
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>Link: {words}</Text>
      {page
        ? <Button size="compact-xs" variant="light" onClick={() => onOpenPage(page)}>{missing ? 'Make this page' : 'Open page'}</Button>
        : isSafeHref(href)
          ? <Anchor size="sm" href={href} target="_blank" rel="noopener noreferrer">Open in the browser <IconExternalLink size={12} aria-hidden /></Anchor>
          : <Text size="sm" c="dimmed">(not a web address: not opened)</Text>}
    </Group>
  )
}
