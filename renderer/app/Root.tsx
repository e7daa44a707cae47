/** The providers around the frame: theme (following the system unless chosen), toasts, the store. */
import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import type { AppStore } from '../store/store.ts'
import { StoreProvider, useApp } from '../store/use-app.tsx'
import { AppFrame } from './AppFrame.tsx'

const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'md',
  // White on teal 6 reads at 2.5:1; shade 8 passes WCAG AA in both schemes.
  primaryShade: { light: 8, dark: 8 },
})

/** Mantine's dimmed grey is 3.3:1 on white and 4.0:1 on dark: one step darker (lighter) passes AA. */
const resolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7]! },
  dark: { '--mantine-color-dimmed': t.colors.dark[1]! },
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
    <MantineProvider theme={theme} cssVariablesResolver={resolver} defaultColorScheme="auto" {...(choice === 'auto' ? {} : { forceColorScheme: choice })}>
      <Notifications position="bottom-right" limit={4} />
      <AppFrame />
    </MantineProvider>
  )
}
