/**
 * The board's list: only the rows in view are in the page (10,000 items scroll as lightly as
 * ten). Each row is one button opening the item; the arrow keys move between rows, Home and
 * End jump to the ends, and Enter opens one.
 */
import { Box, UnstyledButton } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useRef, type KeyboardEvent } from 'react'
import type { ResourceView } from '../../../shared/schemas/resource.ts'
import { expiryOf } from '../../../shared/resources/expiry.ts'
import { shortKey } from '../../ui/person.tsx'
import { relative, when } from '../../ui/when.ts'
import { KindBadge, StatusBadge } from './badges.tsx'
import type { Names } from './use-names.ts'
import classes from './resources.module.css'

const ROW = 64
const MAX_TAGS = 4
const estimateSize = (): number => ROW
/** The time to the minute, so memoised rows do not all re-render for a clock that moved by milliseconds. */
const minuteNow = (): number => Math.floor(Date.now() / 60_000) * 60_000

export function ResourceList({ items, names, onOpen }: { items: ResourceView[]; names: Names; onOpen: (id: string) => void }) {
  const scroller = useRef<HTMLDivElement>(null)
  // Stable options: a new key function would make the virtualiser re-measure all 10,000 rows.
  const getItemKey = useCallback((i: number) => items[i]!.id, [items])
  const v = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize, overscan: 8, getItemKey })
  const now = minuteNow()

  const focusRow = (index: number): void => {
    const i = Math.max(0, Math.min(items.length - 1, index))
    const row = (): HTMLElement | null | undefined => scroller.current?.querySelector<HTMLElement>(`[data-index="${i}"] button`)
    v.scrollToIndex(i, { align: 'auto' })
    // A row out of view is rendered only after the scroll: focus it once it is in the page.
    const now = row()
    if (now) now.focus()
    else requestAnimationFrame(() => row()?.focus())
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
        {v.getVirtualItems().map((row) => (
          <div key={row.key} role="listitem" data-index={row.index} aria-setsize={items.length} aria-posinset={row.index + 1}
            className={classes.row} style={{ height: ROW, transform: `translateY(${row.start}px)` }}>
            <Row item={items[row.index]!} owner={names.nameOf(items[row.index]!.owner, items[row.index]!.ownerName)} me={names.me} now={now} onOpen={onOpen} />
          </div>
        ))}
      </div>
    </Box>
  )
}

/**
 * One row, in plain elements: rows mount and unmount as the list scrolls and as a filter
 * changes, so they stay cheap (no tooltip or popover machinery; the full key and time are in
 * `title`). Memoised: a new filter re-renders only the rows that came into view.
 */
const Row = memo(function Row({ item: r, owner, me, now, onOpen }: { item: ResourceView; owner: string | null; me: string | null; now: number; onOpen: (id: string) => void }) {
  const expiry = expiryOf(r, now)
  return (
    <UnstyledButton className={classes.rowButton} onClick={() => onOpen(r.id)}>
      <KindBadge kind={r.kind} />
      <div className={classes.main}>
        <div className={classes.title}>{r.title}</div>
        <div className={classes.meta}>
          <span className={classes.owner} title={r.owner}>{owner?.trim() || `someone (${shortKey(r.owner)})`}{r.owner === me ? ' (you)' : ''}</span>
          {r.tags.slice(0, MAX_TAGS).map((t) => <span key={t} className={classes.tag}>{t}</span>)}
          {r.tags.length > MAX_TAGS && <span className={classes.more}>+{r.tags.length - MAX_TAGS}</span>}
        </div>
      </div>
      <div className={classes.side}>
        {expiry !== 'none' && (
          <span className={classes[`expiry-${expiry}`]} title={when(r.expiresAt)}>{expiry === 'expired' ? '' : 'expires '}{relative(r.expiresAt, now)}</span>
        )}
        <StatusBadge item={r} />
      </div>
    </UnstyledButton>
  )
})
