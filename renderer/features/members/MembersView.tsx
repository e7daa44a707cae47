/** The members view (to be filled in). */
import { Title } from '@mantine/core'

export function MembersView() {
  return <Title order={2}>Members</Title>
}
