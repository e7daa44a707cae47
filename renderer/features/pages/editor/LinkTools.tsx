/**
 * The toolbar's two link buttons: a web address (checked to be one: http, https or mailto),
 * and a page of the space, picked by typing its title (or a title no page has yet: the link
 * resolves once a page of that title is made). Both link the selection, or insert the title
 * or address linked where the cursor is.
 */
import { ActionIcon, Button, Group, Modal, Popover, TextInput, Tooltip } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconFileSymlink, IconLink } from '@tabler/icons-react'
import { useState } from 'react'
import type { EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { pageHref } from '../../../../shared/pages/links.ts'
import type { PageSummary } from '../../../../shared/api/pages-api.ts'
import { insertLink } from './commands.ts'
import { matchTitles } from '../title-filter.ts'
import { PickList } from '../../../ui/PickList.tsx'

/** A web address a link may point at, or the reason it may not, in words. */
export function checkWebAddress(input: string): { ok: true; href: string } | { ok: false; reason: string } {
  const text = input.trim()
  if (text === '') return { ok: false, reason: 'Type a web address, like https://example.org.' }
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return { ok: false, reason: `“${text}” is not a web address: write it like https://example.org/page.` }
  }
  if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return { ok: false, reason: 'A link goes to a web page (http or https) or an email address (mailto).' }
  return { ok: true, href: url.href }
}

export function LinkTools({ view, state, pages }: { view: EditorView; state: EditorState; pages: PageSummary[] }) {
  const can = insertLink('x', 'x')(state)
  return (
    <>
      <WebLink view={view} disabled={!can} />
      <PageLink view={view} disabled={!can} pages={pages} />
    </>
  )
}

function WebLink({ view, disabled }: { view: EditorView; disabled: boolean }) {
  const [opened, { close, toggle }] = useDisclosure(false)
  const [address, setAddress] = useState('')
  const [error, setError] = useState<string | null>(null)
  const done = (): void => { close(); setAddress(''); setError(null); view.focus() }
  const add = (): void => {
    const checked = checkWebAddress(address)
    if (!checked.ok) return setError(checked.reason)
    insertLink(checked.href, address.trim())(view.state, view.dispatch, view)
    done()
  }
  return (
    <Popover opened={opened} onChange={(o) => { if (!o) done() }} trapFocus withArrow position="bottom">
      <Popover.Target>
        <Tooltip label="Link to a web address" openDelay={400} withArrow>
          <ActionIcon variant="subtle" color="gray" aria-label="Link to a web address" disabled={disabled} onMouseDown={(e) => e.preventDefault()} onClick={toggle}>
            <IconLink size={18} stroke={1.8} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <form aria-label="Link to a web address" onSubmit={(e) => { e.preventDefault(); add() }}>
          <Group align="flex-end" gap="xs">
            <TextInput data-autofocus label="Web address" placeholder="https://…" value={address} error={error} w={280}
              onChange={(e) => { setAddress(e.currentTarget.value); setError(null) }} />
            <Button type="submit" size="sm">Add link</Button>
          </Group>
        </form>
      </Popover.Dropdown>
    </Popover>
  )
}

function PageLink({ view, disabled, pages }: { view: EditorView; disabled: boolean; pages: PageSummary[] }) {
  const [opened, { open, close }] = useDisclosure(false)
  const [query, setQuery] = useState('')
  const shown = matchTitles(pages, query).slice(0, 50)
  const typed = query.trim()
  const exact = shown.some((p) => p.title.toLowerCase() === typed.toLowerCase())
  const choices = [...shown.map((p) => ({ key: p.id, label: p.title, hint: p.tags.join(', '), href: pageHref({ id: p.id }), text: p.title })),
    ...(typed && !exact ? [{ key: '+', label: `“${typed}” — no page yet`, hint: 'The link works once a page of that title is made.', href: pageHref({ title: typed }), text: typed }] : [])]
  const done = (): void => { close(); setQuery(''); view.focus() }
  const pick = (i: number): void => {
    const c = choices[i]
    if (!c) return
    insertLink(c.href, c.text)(view.state, view.dispatch, view)
    done()
  }
  return (
    <>
      <Tooltip label="Link to a page ([[Title]])" openDelay={400} withArrow>
        <ActionIcon variant="subtle" color="gray" aria-label="Link to a page" disabled={disabled} onMouseDown={(e) => e.preventDefault()} onClick={open}>
          <IconFileSymlink size={18} stroke={1.8} />
        </ActionIcon>
      </Tooltip>
      <Modal opened={opened} onClose={done} title="Link to a page" size="md" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
        <PickList inputLabel="Page title" listLabel="Pages" placeholder="Type a page’s title" query={query} onQuery={setQuery} maxHeight={300}
          choices={choices} onPick={pick} none="No pages yet: type a title to link to the page it will be." />
      </Modal>
    </>
  )
}
