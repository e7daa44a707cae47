/** The providers around the frame: theme (following the system unless chosen), toasts, the store. */
import { MantineProvider, createTheme } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import type { AppStore } from '../store/store.ts'
import { StoreProvider, useApp } from '../store/use-app.tsx'
import { AppFrame } from './AppFrame.tsx'

const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'md',
})

export function Root({ store }: { store: AppStore }) {
  return (
    <StoreProvider store={store}>
      <Themed />
    </StoreProvider>
  )
}

function Themed() {
  const choice = useApp((s) => s.settings.theme)
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" {...(choice === 'auto' ? {} : { forceColorScheme: choice })}>
      <Notifications position="bottom-right" limit={4} />
      <AppFrame />
    </MantineProvider>
  )
}
