/** The resources view (to be filled in). */
import { Title } from '@mantine/core'

export function ResourcesView() {
  return <Title order={2}>Resources</Title>
}
