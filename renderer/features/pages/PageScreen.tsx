/** One page: its title and tags, its text in the live editor, what links here and where it links. */
import { Button, Grid, Group, Stack } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { PageView } from '../../../shared/api/pages-api.ts'
import { titleKey, type LinkTarget } from '../../../shared/pages/links.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { OpenItem } from '../../ui/OpenItem.tsx'
import { selectedSpace } from '../spaces/slice.ts'
import { DeletePage } from './DeletePage.tsx'
import { mayMakePages } from './may.ts'
import { NewPageModal } from './NewPage.tsx'
import { LiveEditor } from './LiveEditor.tsx'
import { PageHead } from './PageHead.tsx'
import { PageHistory } from './PageHistory.tsx'
import { PageLinks } from './PageLinks.tsx'

export function PageScreen({ id }: { id: string }) {
  const { open, show, go, refresh } = useApp(useShallow((s) => ({ open: s.pages.open, show: s.pages.show, go: s.nav.go, refresh: s.pages.refresh })))
  const spaceId = useApp((s) => s.spaces.selected)
  useEffect(() => {
    void show(id)
    return () => void show(null)
  }, [id, spaceId, show])
  return (
    <Stack gap="md">
      <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={() => go(Section.Knowledge)} w="fit-content">All pages</Button>
      <OpenItem what="page" data={open} retry={() => void refresh()}>{(p) => <Page p={p} />}</OpenItem>
    </Stack>
  )
}

function Page({ p }: { p: PageView }) {
  const { pages, go } = useApp(useShallow((s) => ({ pages: s.pages.list.value.pages, go: s.nav.go })))
  const may = mayMakePages(useApp(selectedSpace))
  // A link to a title no page has yet offers to make that page.
  const [making, setMaking] = useState<string | null>(null)
  const openPage = (t: LinkTarget): void => {
    const found = 'id' in t ? { id: t.id } : pages.find((x) => titleKey(x.title) === titleKey(t.title))
    if (found) go(Section.Knowledge, found.id)
    else if ('title' in t && may) setMaking(t.title)
  }
  // Opened from a list, a link or a search hit, focus is on nothing: it starts at the page (the next Tab is its title).
  const top = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) top.current?.focus({ preventScroll: true })
  }, [p.id])
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="md" ref={top} tabIndex={-1} role="region" aria-label={`Page: ${p.title}`} style={{ outline: 'none' }}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <PageHead page={p} />
            <Group gap="xs" wrap="nowrap">
              <PageHistory page={p} />
              {p.may.delete && <DeletePage page={p} />}
            </Group>
          </Group>
          <LiveEditor key={p.id} page={p} pages={pages} onOpenPage={openPage} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <PageLinks page={p} />
      </Grid.Col>
      <NewPageModal opened={making !== null} onClose={() => setMaking(null)} initialTitle={making ?? ''} />
    </Grid>
  )
}
