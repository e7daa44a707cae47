/**
 * "Search this space": the header's button, and the search window it opens (also on `/` and
 * Ctrl+Shift+F / ⌘⇧F). Results come as you type (after a short pause), best first, each with its
 * kind, title and the words around the match marked; arrow keys and Enter open one.
 */
import { Button, Group, Kbd, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { useDebouncedValue, useHotkeys } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useEffect, useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SearchHit } from '../../../shared/api/pages-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { words } from '../../store/loadable.ts'
import { selectedSpace } from '../spaces/slice.ts'
import { listKeys } from '../../ui/list-keys.ts'
import { KIND, markedSnippet, placeOf } from './hits.tsx'
import classes from './search.module.css'

/** How long typing pauses before the peer is asked. */
export const SEARCH_DEBOUNCE_MS = 150

type Results = { status: 'idle' } | { status: 'loading'; hits: SearchHit[] } | { status: 'ready'; hits: SearchHit[]; query: string } | { status: 'error'; error: string }

export function SearchButton() {
  const setOpen = useApp((s) => s.search.setOpen)
  const space = useApp(selectedSpace)
  // `/` only outside text (it is a character to type there); Ctrl+Shift+F from anywhere, the editor too.
  // Not over another dialog (a delete to confirm, a page's history): one dialog at a time.
  const openUnlessDialog = (): void => { if (!document.querySelector('[role="dialog"]')) setOpen(true) }
  useHotkeys([['/', openUnlessDialog]])
  useHotkeys([['mod+shift+F', openUnlessDialog]], [], true)
  if (!space) return null
  return (
    <Button variant="default" size="xs" leftSection={<IconSearch size={14} />} rightSection={<Kbd size="xs">/</Kbd>} onClick={() => setOpen(true)}
      title="Search this space (/ or Ctrl+Shift+F)">
      Search this space
    </Button>
  )
}

export function SearchWindow() {
  const { open, setOpen } = useApp(useShallow((s) => ({ open: s.search.open, setOpen: s.search.setOpen })))
  const space = useApp(selectedSpace)
  return (
    <Modal opened={open} onClose={() => setOpen(false)} title={space ? `Search ${space.name}` : 'Search'} size="lg" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      {open && <SearchPanel spaceName={space?.name ?? 'this space'} onDone={() => setOpen(false)} />}
    </Modal>
  )
}

function SearchPanel({ spaceName, onDone }: { spaceName: string; onDone(): void }) {
  const { find, go, version } = useApp(useShallow((s) => ({ find: s.search.find, go: s.nav.go, version: s.search.version })))
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS)
  const [results, setResults] = useState<Results>({ status: 'idle' })
  const [active, setActive] = useState(0)
  const listId = useId()
  useEffect(() => {
    if (debounced === '') return setResults({ status: 'idle' })
    let current = true
    setResults((r) => ({ status: 'loading', hits: r.status === 'ready' || r.status === 'loading' ? r.hits : [] }))
    find(debounced).then(
      (r) => { if (current) { setResults({ status: 'ready', hits: r.hits, query: debounced }); setActive((a) => (a < r.hits.length ? a : 0)) } },
      (err: unknown) => { if (current) setResults({ status: 'error', error: words(err) }) },
    )
    return () => { current = false }
  }, [debounced, find, version])
  const hits = results.status === 'ready' || results.status === 'loading' ? results.hits : []
  const openHit = (hit: SearchHit | undefined): void => {
    if (!hit) return
    const place = placeOf(hit)
    if (!place) return
    onDone()
    go(place.section, place.item)
  }
  // Enter opens a hit of what is typed now, never one left from an earlier query still shown.
  const current = results.status === 'ready' && results.query === query.trim()
  const onKey = listKeys(hits.length, setActive, () => { if (current) openHit(hits[active]) })
  return (
    <Stack gap="xs">
      <TextInput data-autofocus type="search" aria-label="Search this space" placeholder="Words to find" value={query} leftSection={<IconSearch size={16} aria-hidden />}
        role="combobox" aria-expanded={hits.length > 0} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
        onChange={(e) => { setQuery(e.currentTarget.value); setActive(0) }} onKeyDown={onKey} />
      <ScrollArea.Autosize mah={420}>
        <div role="listbox" id={listId} aria-label="Search results" aria-busy={results.status === 'loading'}>
          {hits.map((hit, i) => <HitRow key={`${hit.kind}:${hit.id}`} id={`${listId}-${i}`} hit={hit} active={i === active} onOpen={() => openHit(hit)} />)}
        </div>
        <Status results={results} spaceName={spaceName} />
      </ScrollArea.Autosize>
      <Text size="xs" c="dimmed"><Kbd>↑</Kbd> <Kbd>↓</Kbd> to choose, <Kbd>Enter</Kbd> to open, <Kbd>Esc</Kbd> to close</Text>
    </Stack>
  )
}

function Status({ results, spaceName }: { results: Results; spaceName: string }) {
  const say = (text: string, alert = false) => <Text c={alert ? 'red' : 'dimmed'} size="sm" p="xs" role={alert ? 'alert' : 'status'}>{text}</Text>
  switch (results.status) {
    case 'idle': return say(`Type to search the pages, resources, bookings, decisions and map of ${spaceName}.`)
    case 'loading': return results.hits.length === 0 ? say('Searching…') : null
    case 'error': return say(`Search did not work: ${results.error}`, true)
    case 'ready': return results.hits.length === 0 ? say(`Nothing in ${spaceName} matches “${results.query}”.`) : null
  }
}

export function HitRow({ id, hit, active, onOpen }: { id: string; hit: SearchHit; active: boolean; onOpen(): void }) {
  const kind = KIND[hit.kind] ?? KIND.page
  const Icon = kind.icon
  return (
    <UnstyledButton id={id} role="option" aria-selected={active} className={classes.hit} data-active={active || undefined} onClick={onOpen} tabIndex={-1}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Icon size={18} stroke={1.6} aria-hidden />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{kind.label}</Text>
            <Text fw={600} size="sm" truncate>{hit.title}</Text>
          </Group>
          {hit.snippet && <Text size="sm" c="dimmed" className={classes.snippet}>{markedSnippet(hit.snippet, hit.marks)}</Text>}
        </Stack>
      </Group>
    </UnstyledButton>
  )
}
