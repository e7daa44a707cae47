/** Asks before cancelling a booking: a cancelled booking stays cancelled (it is kept as history). */
import { Button, Group, Modal, Text } from '@mantine/core'
import { useState } from 'react'
import type { BookingView } from '../../../shared/schemas/booking.ts'
import type { BookingContext } from './use-booking-context.ts'
import { rangeLabel } from './week.ts'

interface Props {
  booking: BookingView | null
  ctx: BookingContext
  onClose(): void
  onConfirm(b: BookingView): Promise<boolean>
}

export function CancelConfirm({ booking, ctx, onClose, onConfirm }: Props) {
  const [busy, setBusy] = useState(false)
  const whose = booking && booking.by !== ctx.me ? `${ctx.nameOf(booking.by, booking.byName)}’s booking` : 'your booking'
  return (
    <Modal opened={booking !== null} onClose={onClose} title="Cancel this booking?" size="sm" closeButtonProps={{ 'aria-label': 'Close' }}>
      {booking && (
        <>
          <Text size="sm">Cancel {whose} of {ctx.titleOf(booking)} for {rangeLabel(booking.from, booking.to)}? It cannot be undone; the time can be booked again.</Text>
          {booking.by !== ctx.me && <Text size="sm" c="dimmed" mt="xs">They will see it cancelled once your peers sync.</Text>}
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose} data-autofocus>Keep it</Button>
            <Button color="red" loading={busy} onClick={() => {
              setBusy(true)
              void onConfirm(booking).then((ok) => { setBusy(false); if (ok) onClose() })
            }}>Cancel booking</Button>
          </Group>
        </>
      )}
    </Modal>
  )
}
