/**
 * A text field over a list of choices, for the keyboard: typing filters (the caller's query),
 * ↑ ↓ choose, Enter or a click picks. The command palette and the page picker are made of it.
 * The row the arrows have reached looks chosen only while the field or the list has the focus:
 * otherwise nothing is chosen, and a list beside a page (the map's nodes) should not say so.
 */
import { NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { listKeys } from './list-keys.ts'

export interface Choice { key: string; label: ReactNode; hint?: string }

export interface PickListProps {
  /** The field's accessible name, and the list's. */
  inputLabel: string
  listLabel: string
  placeholder: string
  query: string
  onQuery(query: string): void
  choices: Choice[]
  onPick(index: number): void
  /** Said when there is nothing to choose. */
  none: ReactNode
  maxHeight?: number
}

export function PickList({ inputLabel, listLabel, placeholder, query, onQuery, choices, onPick, none, maxHeight = 320 }: PickListProps) {
  const [active, setActive] = useState(0)
  const [focused, setFocused] = useState(false)
  const list = useRef<HTMLDivElement>(null)
  // The chosen one stays in sight as the arrows move through a long list.
  useEffect(() => { list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' }) }, [active])
  return (
    <Stack gap="xs" onFocus={() => setFocused(true)}
      onBlur={(e) => { if (!e.currentTarget.contains(e.relatedTarget)) setFocused(false) }}>
      <TextInput data-autofocus aria-label={inputLabel} placeholder={placeholder} value={query}
        onChange={(e) => { onQuery(e.currentTarget.value); setActive(0) }} onKeyDown={listKeys(choices.length, setActive, () => onPick(active))} />
      {/* The list scrolls from the keyboard too (Tab to it, then the arrow keys): a tab stop with a name that says so. */}
      <ScrollArea.Autosize mah={maxHeight} viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': `${listLabel}: scroll with the arrow keys` }}>
        <div role="listbox" aria-label={listLabel} ref={list}>
          {choices.map((c, i) => (
            // The hint in the text's own colour: Mantine's primary shade on the chosen row's tint reads below 4.5:1.
            <NavLink key={c.key} role="option" aria-selected={focused && i === active} active={focused && i === active} label={c.label} description={c.hint || undefined} onClick={() => onPick(i)}
              styles={{ description: { color: 'var(--mantine-color-text)' } }} />
          ))}
          {choices.length === 0 && <Text c="dimmed" size="sm" p="xs">{none}</Text>}
        </div>
      </ScrollArea.Autosize>
    </Stack>
  )
}
