/**
 * A booking on the week calendar: the holder's name and times, a warning mark when it overlaps
 * another booking. It is a button: it opens the booking's details, with "Move" and "Cancel
 * booking" where this member may cancel it.
 */
import { Button, Group, Popover, Stack, Text, UnstyledButton, VisuallyHidden, useComputedColorScheme } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import type { BookingView } from '../../../shared/schemas/booking.ts'
import type { BookingContext } from './use-booking-context.ts'
import { clock, dayLabel, rangeLabel, type Placed } from './week.ts'

interface Props {
  part: Placed<BookingView>
  pxPerMin: number
  ctx: BookingContext
  onCancel(b: BookingView): void
  onMove(b: BookingView): void
}

export function BookingBlock({ part, pxPerMin, ctx, onCancel, onMove }: Props) {
  const b = part.booking
  const mine = b.by === ctx.me
  const holder = mine ? 'You' : ctx.nameOf(b.by, b.byName)
  const range = rangeLabel(b.from, b.to)
  const conflicted = b.conflicts.length > 0
  const color = conflicted ? 'orange' : mine ? 'teal' : 'blue'
  const height = Math.max(18, (part.endMin - part.startMin) * pxPerMin - 2)
  const short = height < 34
  // The column already says the day; a booking across midnight says both.
  // In a narrow lane the two times may break onto two lines (at <wbr>: nothing added to the name read out).
  const across = part.continuesBefore || part.continuesAfter
  const times = across ? range : <>{clock(new Date(b.from))}–<wbr />{clock(new Date(b.to))}</>
  const overlapWords = b.conflicts.length === 1 ? 'another booking' : `${b.conflicts.length} other bookings`
  const showOverlaps = !short && conflicted && height > 50 && part.lanes === 1
  const allowed = ctx.mayCancel(b)
  const [opened, setOpened] = useState(false)
  // Mantine's light-variant text is too pale on its own background for small print: the text is the page's, the colour is in the edge.
  const dark = useComputedColorScheme('light') === 'dark'
  return (
    <Popover opened={opened} onChange={setOpened} width={280} position="right-start" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <UnstyledButton aria-expanded={opened} onClick={() => setOpened((o) => !o)} onPointerDown={(e) => e.stopPropagation()}
          style={{
            position: 'absolute', top: part.startMin * pxPerMin + 1, height,
            left: `calc(${(part.lane / part.lanes) * 100}% + 2px)`, width: `calc(${100 / part.lanes}% - 4px)`,
            background: `var(--mantine-color-${color}-light)`, color: 'var(--mantine-color-text)',
            border: conflicted ? '1px dashed var(--mantine-color-orange-filled)' : '1px solid transparent',
            borderLeft: `3px solid var(--mantine-color-${color}-filled)`,
            borderTopLeftRadius: part.continuesBefore ? 0 : 6, borderTopRightRadius: part.continuesBefore ? 0 : 6,
            borderBottomLeftRadius: part.continuesAfter ? 0 : 6, borderBottomRightRadius: part.continuesAfter ? 0 : 6,
            padding: part.lanes > 2 ? '2px 3px' : '2px 6px', overflow: 'hidden', zIndex: 2, fontSize: 12, lineHeight: 1.25,
            display: 'flex', flexDirection: 'column', justifyContent: 'flex-start', alignItems: 'stretch', textAlign: 'left',
          }}>
          <Group gap={4} wrap="nowrap" align="center">
            {conflicted && <IconAlertTriangle size={13} aria-hidden style={{ flexShrink: 0, color: `var(--mantine-color-orange-${dark ? 4 : 9})` }} />}
            <Text span size="xs" fw={600} truncate inherit>{holder}</Text>
            {short && <Text span size="xs" truncate inherit>{times}</Text>}
          </Group>
          {!short && <Text size="xs" truncate={part.lanes === 1 || across} inherit>{times}</Text>}
          {/* The name read out is what shows, then what the narrow block leaves out: "Sam 11:00–13:00 on Tue 1 Dec, overlaps another booking". */}
          <VisuallyHidden>on {dayLabel(new Date(b.from))}{conflicted ? `, overlaps ${overlapWords}` : ''}</VisuallyHidden>
          {!short && b.note && height > 64 && part.lanes === 1 && <Text size="xs" truncate inherit fs="italic">{b.note}</Text>}
          {showOverlaps && <Text size="xs" fw={600} inherit aria-hidden>Overlaps {overlapWords}</Text>}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Text fw={600} size="sm">{mine ? 'Your booking' : `${holder}’s booking`}</Text>
          <Text size="sm">{ctx.titleOf(b)} · {range}</Text>
          {b.note && <Text size="sm" c="dimmed">“{b.note}”</Text>}
          {conflicted && (
            <Text size="sm" fw={500}>
              <IconAlertTriangle size={14} style={{ verticalAlign: '-2px', color: `var(--mantine-color-orange-${dark ? 4 : 9})` }} aria-hidden /> Overlaps {overlapWords}: see Conflicts above.
            </Text>
          )}
          {allowed && (
            <Group gap="xs" mt={4}>
              <Button size="xs" variant="light" onClick={() => { setOpened(false); onMove(b) }}>Move</Button>
              <Button size="xs" variant="light" color="red" onClick={() => { setOpened(false); onCancel(b) }}>Cancel booking</Button>
            </Group>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
