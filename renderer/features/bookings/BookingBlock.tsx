/**
 * A booking on the week calendar: the holder's name and times, a warning mark when it overlaps
 * another booking. It is a button: it opens the booking's details, with "Move" and "Cancel
 * booking" where this member may cancel it.
 */
import { Button, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { BookingView } from '../../../shared/schemas/booking.ts'
import type { BookingContext } from './use-booking-context.ts'
import { clock, rangeLabel, type Placed } from './week.ts'

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
  const label = `${mine ? 'Your' : `${holder}’s`} booking ${range}${conflicted ? `, overlaps ${b.conflicts.length === 1 ? 'another booking' : `${b.conflicts.length} other bookings`}` : ''}`
  const short = height < 34
  // The column already says the day; a booking across midnight says both.
  const times = part.continuesBefore || part.continuesAfter ? range : `${clock(new Date(b.from))}–${clock(new Date(b.to))}`
  const allowed = ctx.mayCancel(b)
  return (
    <Popover width={280} position="right-start" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <UnstyledButton aria-label={label} onPointerDown={(e) => e.stopPropagation()}
          style={{
            position: 'absolute', top: part.startMin * pxPerMin + 1, height,
            left: `calc(${(part.lane / part.lanes) * 100}% + 2px)`, width: `calc(${100 / part.lanes}% - 4px)`,
            background: `var(--mantine-color-${color}-light)`, color: `var(--mantine-color-${color}-light-color)`,
            borderLeft: `3px solid var(--mantine-color-${color}-filled)`,
            borderTopLeftRadius: part.continuesBefore ? 0 : 6, borderTopRightRadius: part.continuesBefore ? 0 : 6,
            borderBottomLeftRadius: part.continuesAfter ? 0 : 6, borderBottomRightRadius: part.continuesAfter ? 0 : 6,
            outline: conflicted ? `1px dashed var(--mantine-color-orange-filled)` : undefined,
            padding: '2px 6px', overflow: 'hidden', zIndex: 2, fontSize: 12, lineHeight: 1.25,
          }}>
          <Group gap={4} wrap="nowrap" align="center">
            {conflicted && <IconAlertTriangle size={13} aria-hidden style={{ flexShrink: 0 }} />}
            <Text span size="xs" fw={600} truncate inherit>{holder}</Text>
            {short && <Text span size="xs" truncate inherit opacity={0.85}>{times}</Text>}
          </Group>
          {!short && <Text size="xs" truncate inherit opacity={0.9}>{times}</Text>}
          {!short && conflicted && height > 50 && <Text size="xs" fw={600} inherit>Overlaps</Text>}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Text fw={600} size="sm">{mine ? 'Your booking' : `${holder}’s booking`}</Text>
          <Text size="sm">{ctx.titleOf(b)} · {range}</Text>
          {b.note && <Text size="sm" c="dimmed">“{b.note}”</Text>}
          {conflicted && (
            <Text size="sm" c="orange" fw={500}>
              <IconAlertTriangle size={14} style={{ verticalAlign: '-2px' }} aria-hidden /> Overlaps {b.conflicts.length === 1 ? 'another booking' : `${b.conflicts.length} other bookings`}: see Conflicts above.
            </Text>
          )}
          {allowed && (
            <Group gap="xs" mt={4}>
              <Button size="xs" variant="light" onClick={() => onMove(b)}>Move</Button>
              <Button size="xs" variant="light" color="red" onClick={() => onCancel(b)}>Cancel booking</Button>
            </Group>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
