/**
 * The board's list: only the rows in view are in the page (10,000 items scroll as lightly as
 * ten). Each row is one button opening the item; the arrow keys move between rows, Home and
 * End jump to the ends, and Enter opens one.
 */
import { Box, Group, Text, UnstyledButton } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type KeyboardEvent } from 'react'
import type { ResourceView } from '../../../shared/schemas/resource.ts'
import { PersonName } from '../../ui/person.tsx'
import { ExpiryText, KindBadge, StatusBadge } from './badges.tsx'
import type { Names } from './use-names.ts'
import classes from './resources.module.css'

const ROW = 64
const MAX_TAGS = 4

export function ResourceList({ items, names, onOpen }: { items: ResourceView[]; names: Names; onOpen: (id: string) => void }) {
  const scroller = useRef<HTMLDivElement>(null)
  const v = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 8, getItemKey: (i) => items[i]!.id })
  const now = Date.now()

  const focusRow = (index: number): void => {
    const i = Math.max(0, Math.min(items.length - 1, index))
    v.scrollToIndex(i, { align: 'auto' })
    // The row may only now be rendered: focus it once it is in the page.
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${i}"] button`)?.focus())
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const at = Number((e.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset['index'] ?? -1)
    if (at < 0) return
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1, PageDown: at + 8, PageUp: at - 8 }[e.key]
    if (to === undefined) return
    e.preventDefault()
    focusRow(to)
  }

  return (
    <Box ref={scroller} className={classes.scroller} role="list" aria-label="Resources" onKeyDown={onKeyDown}>
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((row) => {
          const r = items[row.index]!
          return (
            <div key={row.key} role="listitem" data-index={row.index} aria-setsize={items.length} aria-posinset={row.index + 1}
              className={classes.row} style={{ height: ROW, transform: `translateY(${row.start}px)` }}>
              <UnstyledButton className={classes.rowButton} onClick={() => onOpen(r.id)}>
                <KindBadge kind={r.kind} />
                <Box miw={0} style={{ flex: 1 }}>
                  <Text fw={600} truncate="end">{r.title}</Text>
                  <Group gap={6} wrap="nowrap" className={classes.meta}>
                    <Text span size="xs" c="dimmed" truncate="end"><PersonName did={r.owner} name={names.nameOf(r.owner, r.ownerName)} you={r.owner === names.me} /></Text>
                    {r.tags.slice(0, MAX_TAGS).map((t) => <Text key={t} span size="xs" className={classes.tag}>{t}</Text>)}
                    {r.tags.length > MAX_TAGS && <Text span size="xs" c="dimmed">+{r.tags.length - MAX_TAGS}</Text>}
                  </Group>
                </Box>
                <Group gap={8} wrap="nowrap" justify="flex-end" className={classes.side}>
                  <ExpiryText expiresAt={r.expiresAt} now={now} />
                  <StatusBadge item={r} />
                </Group>
              </UnstyledButton>
            </div>
          )
        })}
      </div>
    </Box>
  )
}
