/** Ctrl+K / ⌘K: jump to a section or a space, by typing. */
import { Kbd, Modal, Stack, Text } from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import { useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../store/use-app.tsx'
import { selectedSpace } from '../features/spaces/slice.ts'
import { sectionsFor } from './sections.tsx'
import { PickList } from '../ui/PickList.tsx'

interface Command { id: string; label: string; hint: string; run: () => void }

export function CommandPalette() {
  const open = useApp((s) => s.nav.paletteOpen)
  const setPalette = useApp((s) => s.nav.setPalette)
  const go = useApp((s) => s.nav.go)
  const { spaces, select, space } = useApp(useShallow((s) => ({ spaces: s.spaces.list.value, select: s.spaces.select, space: selectedSpace(s) })))
  const [query, setQuery] = useState('')
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
  }
  const runAt = (i: number): void => {
    const c = shown[i]
    if (!c) return
    close()
    c.run()
  }
  return (
    <Modal opened={open} onClose={close} title="Go to…" size="lg">
      <Stack gap="xs">
        <PickList inputLabel="Search commands" listLabel="Commands" placeholder="Type a section or a space" query={query} onQuery={setQuery}
          choices={shown.map((c) => ({ key: c.id, label: c.label, hint: c.hint }))} onPick={runAt} none={`Nothing matches “${query}”.`} />
        <Text size="xs" c="dimmed"><Kbd>↑</Kbd> <Kbd>↓</Kbd> to choose, <Kbd>Enter</Kbd> to go, <Kbd>Esc</Kbd> to close</Text>
      </Stack>
    </Modal>
  )
}
