/** The consent view (to be filled in). */
import { Title } from '@mantine/core'

export function ConsentView() {
  return <Title order={2}>Consent</Title>
}
