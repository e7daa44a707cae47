/** Ctrl+K / ⌘K: jump to a section or a space, by typing. */
import { Kbd, Modal, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import { useMemo, useState, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../store/use-app.tsx'
import { selectedSpace } from '../features/spaces/slice.ts'
import { sectionsFor } from './sections.tsx'

interface Command { id: string; label: string; hint: string; run: () => void }

export function CommandPalette() {
  const open = useApp((s) => s.nav.paletteOpen)
  const setPalette = useApp((s) => s.nav.setPalette)
  const go = useApp((s) => s.nav.go)
  const { spaces, select, space } = useApp(useShallow((s) => ({ spaces: s.spaces.list.value, select: s.spaces.select, space: selectedSpace(s) })))
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  useHotkeys([['mod+K', () => setPalette(!open)]], [])
  const commands = useMemo<Command[]>(() => [
    ...sectionsFor(space).map((e) => ({ id: `go:${e.id}`, label: `Go to ${e.label}`, hint: e.description, run: () => go(e.id) })),
    ...spaces.map((s) => ({ id: `space:${s.spaceId}`, label: `Switch to ${s.name}`, hint: s.role === 'guest' ? 'guest space' : `${s.members} members`, run: () => select(s.spaceId) })),
  ], [space, spaces, go, select])
  const q = query.trim().toLowerCase()
  const shown = commands.filter((c) => !q || c.label.toLowerCase().includes(q) || c.hint.toLowerCase().includes(q))
  const close = (): void => {
    setPalette(false)
    setQuery('')
    setActive(0)
  }
  const runAt = (i: number): void => {
    const c = shown[i]
    if (!c) return
    close()
    c.run()
  }
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, shown.length - 1)) }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)) }
    if (e.key === 'Enter') { e.preventDefault(); runAt(active) }
  }
  return (
    <Modal opened={open} onClose={close} title="Go to…" size="lg">
      <Stack gap="xs">
        <TextInput data-autofocus aria-label="Search commands" placeholder="Type a section or a space" value={query}
          onChange={(e) => { setQuery(e.currentTarget.value); setActive(0) }} onKeyDown={onKey} />
        <ScrollArea.Autosize mah={320}>
          <div role="listbox" aria-label="Commands">
            {shown.map((c, i) => (
              <NavLink key={c.id} role="option" aria-selected={i === active} active={i === active} label={c.label} description={c.hint} onClick={() => runAt(i)} />
            ))}
            {shown.length === 0 && <Text c="dimmed" size="sm" p="xs">Nothing matches “{query}”.</Text>}
          </div>
        </ScrollArea.Autosize>
        <Text size="xs" c="dimmed"><Kbd>↑</Kbd> <Kbd>↓</Kbd> to choose, <Kbd>Enter</Kbd> to go, <Kbd>Esc</Kbd> to close</Text>
      </Stack>
    </Modal>
  )
}
