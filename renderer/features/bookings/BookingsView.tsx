/** The bookings view (to be filled in). */
import { Title } from '@mantine/core'

export function BookingsView() {
  return <Title order={2}>Bookings</Title>
}
