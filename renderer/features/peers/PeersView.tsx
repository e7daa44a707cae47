/** The peers view (to be filled in). */
import { Title } from '@mantine/core'

export function PeersView() {
  return <Title order={2}>Peers</Title>
}
