/** The settings view (to be filled in). */
import { Title } from '@mantine/core'

export function SettingsView() {
  return <Title order={2}>Settings</Title>
}
