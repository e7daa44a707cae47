/**
 * "Conflicts": every pair of overlapping bookings in the space (a conflict matters whichever
 * calendar is open), told from the reader's side, under the resource's name, each an alert with what the reader may do about it. The peer works out the
 * overlaps (`BookingView.conflicts`) from the bookings it holds, so both holders see the pair
 * once their peers have synced, and it clears everywhere when one is moved or cancelled.
 */
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { BookingView } from '../../../shared/schemas/booking.ts'
import type { ConflictPair } from './conflicts.ts'
import type { BookingContext } from './use-booking-context.ts'

interface Props {
  pairs: readonly ConflictPair[]
  ctx: BookingContext
  onCancel(b: BookingView): void
  onMove(b: BookingView): void
  /** The resource whose calendar is shown: others' conflicts offer to open theirs. */
  shownResource: string | null
  onOpen(resourceId: string): void
}

export function ConflictList({ pairs, ctx, onCancel, onMove, shownResource, onOpen }: Props) {
  if (pairs.length === 0) return null
  return (
    <section aria-labelledby="booking-conflicts">
      <Title order={3} size="h5" id="booking-conflicts" mb={6}>Conflicts</Title>
      <Stack gap="xs">
        {pairs.map((p) => {
          const allowed = ctx.mayCancel(p.subject)
          const ownSide = p.subject.by === ctx.me
          return (
            <Alert key={`${p.subject.id} ${p.other.id}`} role="alert" color="orange" variant="light" icon={<IconAlertTriangle size={18} />} py="xs"
              styles={{ title: { color: 'var(--mantine-color-text)' } }}
              title={p.subject.resource === shownResource ? ctx.titleOf(p.subject) : (
                <Anchor component="button" type="button" inherit c="inherit" underline="always" onClick={() => onOpen(p.subject.resource)}>{ctx.titleOf(p.subject)}</Anchor>
              )}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={0} style={{ flex: '1 1 320px' }}>
                  <Text size="sm" fw={500}>{p.text}</Text>
                  <Text size="xs" opacity={0.85}>
                    {ownSide ? 'Agree with them who keeps the time; move or cancel yours if it is you.' : 'Both bookings stand until one is moved or cancelled.'}
                  </Text>
                </Stack>
                {allowed && (
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => onMove(p.subject)}>Move</Button>
                    <Button size="xs" variant="light" color="red" onClick={() => onCancel(p.subject)}>Cancel booking</Button>
                  </Group>
                )}
              </Group>
            </Alert>
          )
        })}
      </Stack>
    </section>
  )
}
