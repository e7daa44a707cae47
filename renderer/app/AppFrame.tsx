/**
 * The frame every view sits in: a header (who you are, the link to your peer, the command
 * palette), the navigation (space switcher, then the space's sections), and the open view.
 * With no space yet, onboarding takes the whole window.
 */
import { AppShell, Burger, Button, Center, Group, Loader, Kbd, Modal, NavLink, ScrollArea, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { Suspense, useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../store/use-app.tsx'
import { selectedSpace } from '../features/spaces/slice.ts'
import { SpaceSwitcher } from '../features/spaces/SpaceSwitcher.tsx'
import { ConnectionBanner, ConnectionDot } from '../features/connection/ConnectionBanner.tsx'
import { Onboarding } from '../features/onboarding/Onboarding.tsx'
import { SearchButton, SearchWindow } from '../features/search/SearchBox.tsx'
import { CommandPalette } from './CommandPalette.tsx'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { hashToPlace, placeToHash } from './nav-slice.ts'
import { sectionsFor, SECTION_ENTRIES } from './sections.tsx'

export function AppFrame() {
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false)
  const [adding, { open: openAdd, close: closeAdd }] = useDisclosure(false)
  const { section, go, setPalette } = useApp(useShallow((s) => ({ section: s.nav.section, go: s.nav.go, setPalette: s.nav.setPalette })))
  const space = useApp(selectedSpace)
  // The space shown last time is shown again at once, while the list of spaces is still coming.
  const listed = useApp((s) => s.spaces.list.status === 'ready')
  // The space shown last time is shown again at once, while the list of spaces is still coming.
  const remembered = useApp((s) => s.spaces.list.status !== 'ready' && s.spaces.selected !== null)
  const noSpaces = useApp((s) => s.spaces.list.status === 'ready' && s.spaces.list.value.length === 0)
  useHashSync()
  const sections = sectionsFor(space)
  const entry = sections.find((e) => e.id === section) ??
    (remembered ? SECTION_ENTRIES.find((e) => e.id === section) : undefined) ?? sections[0] ?? SECTION_ENTRIES[0]!
  const spacesReady = listed || remembered
  const View = entry.View

  if (noSpaces) {
    return (
      <>
        <ConnectionBanner />
        <Onboarding />
      </>
    )
  }
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpen} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label="Open the navigation" />
            <Title order={1} size="h4">Commonweave</Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SearchButton />
            <Button variant="default" size="xs" leftSection={<IconSearch size={14} />} rightSection={<Kbd size="xs">Ctrl K</Kbd>} onClick={() => setPalette(true)} title="Command palette (Ctrl+K)">Go to</Button>
            <ConnectionDot />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Navigation">
        <AppShell.Section><SpaceSwitcher onAdd={openAdd} /></AppShell.Section>
        <AppShell.Section grow component={ScrollArea} mt="md">
          <nav aria-label="Sections">
            {sections.map((e) => (
              <NavLink key={e.id} component="button" label={e.label} leftSection={<e.icon size={18} stroke={1.6} />}
                active={e.id === entry.id} aria-current={e.id === entry.id ? 'page' : undefined}
                onClick={() => { go(e.id); closeNav() }} />
            ))}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <ConnectionBanner />
        <section aria-label={entry.label}>
          <Suspense fallback={<Center py="xl" role="status"><Loader size="sm" /><span className="visually-hidden">Loading {entry.label}…</span></Center>}>
            <ErrorBoundary resetKey={`${entry.id}:${space?.spaceId ?? ''}`}>{spacesReady || entry.global ? <View /> : null}</ErrorBoundary>
          </Suspense>
        </section>
      </AppShell.Main>
      <CommandPalette />
      <SearchWindow />
      <Modal opened={adding} onClose={closeAdd} title="Create or join a space" size="lg">
        <Onboarding embedded onDone={closeAdd} />
      </Modal>
    </AppShell>
  )
}

/** Keeps the section and open item in the address fragment, both ways, so Back and reload work. */
function useHashSync(): void {
  const { section, item, go } = useApp(useShallow((s) => ({ section: s.nav.section, item: s.nav.item, go: s.nav.go })))
  useEffect(() => {
    const place = hashToPlace(window.location.hash)
    if (place) go(place.section, place.item)
    const onHash = (): void => {
      const p = hashToPlace(window.location.hash)
      if (p) go(p.section, p.item)
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [go])
  useEffect(() => {
    const hash = placeToHash(section, item)
    if (window.location.hash !== hash) history.pushState(null, '', hash)
  }, [section, item])
}
