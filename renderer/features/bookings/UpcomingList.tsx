/**
 * "Upcoming bookings": every booking of the space not yet over, by start, each naming the
 * resource, the holder and the times, with "Cancel booking" where this member may cancel it.
 */
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title, useComputedColorScheme } from '@mantine/core'
import type { BookingView } from '../../../shared/schemas/booking.ts'
import type { BookingContext } from './use-booking-context.ts'
import { rangeLabel } from './week.ts'

const SHOWN = 100

interface Props {
  bookings: readonly BookingView[]
  ctx: BookingContext
  onOpen(resourceId: string): void
  onCancel(b: BookingView): void
}

export function UpcomingList({ bookings, ctx, onOpen, onCancel }: Props) {
  const now = Date.now()
  const dark = useComputedColorScheme('light') === 'dark'
  const upcoming = bookings.filter((b) => b.status === 'active' && Date.parse(b.to) > now)
  return (
    <section aria-labelledby="upcoming-bookings">
      <Title order={3} size="h5" id="upcoming-bookings" mb={6}>Upcoming bookings</Title>
      {upcoming.length === 0 ? (
        <Text size="sm" c="dimmed">No bookings to come in this space.</Text>
      ) : (
        <Paper withBorder radius="md">
          <Stack gap={0} role="list" aria-label="Bookings">
            {upcoming.slice(0, SHOWN).map((b, i) => {
              const mine = b.by === ctx.me
              return (
                <Group key={b.id} role="listitem" justify="space-between" wrap="nowrap" px="sm" py={8}
                  style={i > 0 ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}>
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Group gap={6} wrap="nowrap">
                      <Anchor component="button" type="button" size="sm" fw={600} c={dark ? 'teal.4' : 'teal.9'} onClick={() => onOpen(b.resource)} truncate>{ctx.titleOf(b)}</Anchor>
                      {b.conflicts.length > 0 && <Badge size="xs" color="orange" variant="light" c="var(--mantine-color-text)">Overlaps</Badge>}
                    </Group>
                    <Text size="sm">
                      {rangeLabel(b.from, b.to)} · {mine ? 'You' : ctx.nameOf(b.by, b.byName)}
                      {b.note ? <Text span c="dimmed" inherit> · {b.note}</Text> : null}
                    </Text>
                  </Stack>
                  {ctx.mayCancel(b) && <Button size="xs" variant="subtle" color="red" onClick={() => onCancel(b)}>Cancel booking</Button>}
                </Group>
              )
            })}
          </Stack>
        </Paper>
      )}
      {upcoming.length > SHOWN && <Text size="xs" c="dimmed" mt={4}>Showing the first {SHOWN} of {upcoming.length}.</Text>}
    </section>
  )
}
