/** The providers around the frame: theme (following the system unless chosen), toasts, the store. */
import { MantineProvider, createTheme, darken, type CSSVariablesResolver } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import type { AppStore } from '../store/store.ts'
import { StoreProvider, useApp } from '../store/use-app.tsx'
import { AppFrame } from './AppFrame.tsx'

const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'md',
  // White on teal 6 reads at 2.5:1, on teal 8 at 3.9:1; shade 9 passes WCAG AA (4.5:1) in both schemes.
  primaryShade: { light: 9, dark: 9 },
})

const WARM = new Set(['orange', 'yellow', 'lime'])

/** Text that must pass WCAG AA: Mantine's dimmed grey is 3.3:1 on white and 4.0:1 on dark. */
const resolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7]!,
    // Light badges, nav links and alerts put shade 6 text on a pale tint (3.3–4.3:1): shade 9 on shade 0 reads.
    ...Object.fromEntries(Object.entries(t.colors).flatMap(([name, shades]) => [
      // orange, yellow and lime 9 are still under 4.5:1 on their tint: a little darker
      [`--mantine-color-${name}-light-color`, WARM.has(name) ? darken(shades[9]!, 0.25) : shades[9]!],
      [`--mantine-color-${name}-light`, shades[0]!],
    ])),
  },
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
