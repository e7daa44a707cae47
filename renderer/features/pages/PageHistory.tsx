/**
 * "History": a page's versions, newest first (a writer's typing session is one), each shown as
 * it was on choosing it; "Restore this version" (where this peer may edit) makes the title and
 * text that again, as a new change, so nothing of the history is lost.
 */
import { Alert, Badge, Button, Grid, Group, Modal, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconHistory } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { PageVersionView, PageView } from '../../../shared/api/pages-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { words } from '../../store/loadable.ts'
import { relative, when } from '../../ui/when.ts'

type Load<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string }

export function PageHistory({ page }: { page: PageView }) {
  const [opened, { open, close }] = useDisclosure(false)
  return (
    <>
      <Button variant="subtle" size="compact-sm" leftSection={<IconHistory size={14} />} onClick={open}>History</Button>
      <Modal opened={opened} onClose={close} title={`History of “${page.title}”`} size="xl" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
        {opened && <Versions page={page} onRestored={close} />}
      </Modal>
    </>
  )
}

function Versions({ page, onRestored }: { page: PageView; onRestored(): void }) {
  const { history, versionOf, restore } = useApp(useShallow((s) => ({ history: s.pages.history, versionOf: s.pages.versionOf, restore: s.pages.restore })))
  // One restore at a time: a second click while the first is under way would restore twice.
  const [restoring, setRestoring] = useState(false)
  const [list, setList] = useState<Load<PageVersionView[]>>({ status: 'loading' })
  const [chosen, setChosen] = useState<string | null>(null)
  const [shown, setShown] = useState<Load<PageView> | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    history(page.id).then((value) => live && setList({ status: 'ready', value }), (err: unknown) => live && setList({ status: 'error', error: words(err) }))
    return () => { live = false }
  }, [page.id, history])
  useEffect(() => {
    if (!chosen) return
    let live = true
    setShown({ status: 'loading' })
    versionOf(page.id, chosen).then((value) => live && setShown({ status: 'ready', value }), (err: unknown) => live && setShown({ status: 'error', error: words(err) }))
    return () => { live = false }
  }, [page.id, chosen, versionOf])
  if (list.status === 'loading') return <Text c="dimmed" role="status">Reading the page’s history…</Text>
  if (list.status === 'error') return <Alert color="red" title="Could not read the history" role="alert">{list.error}</Alert>
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <ScrollArea.Autosize mah={420}>
          <div role="listbox" aria-label="Versions">
            {list.value.map((v, i) => (
              <NavLink key={v.version} role="option" aria-selected={v.version === chosen} active={v.version === chosen} onClick={() => setChosen(v.version)}
                label={<span title={when(v.at)}>{relative(v.at)}{i === 0 ? ' (now)' : ''}</span>}
                description={`${when(v.at)} · ${v.changes} change${v.changes === 1 ? '' : 's'}${v.mine ? ' · saved through this peer' : ''}`} />
            ))}
          </div>
        </ScrollArea.Autosize>
        <Text size="xs" c="dimmed" mt="xs">Times are the writers’ clocks. Who wrote a version is not recorded, only whether it was this peer.</Text>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8 }}>
        {shown === null && <Text c="dimmed">Choose a version to see the page as it was.</Text>}
        {shown?.status === 'loading' && <Text c="dimmed" role="status">Loading that version…</Text>}
        {shown?.status === 'error' && <Alert color="red" role="alert">{shown.error}</Alert>}
        {shown?.status === 'ready' && (
          <Stack gap="sm">
            <Group justify="space-between" wrap="nowrap">
              <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>{shown.value.title}</Title>
              {chosen === list.value[0]?.version && <Badge variant="light" tt="none">The page now</Badge>}
            </Group>
            <ScrollArea.Autosize mah={340}>
              <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', margin: 0 }}>{shown.value.markdown || '(no text)'}</Text>
            </ScrollArea.Autosize>
            {error && <Text c="red" size="sm" role="alert">{error}</Text>}
            {page.may.edit && chosen !== list.value[0]?.version && (
              <Button w="fit-content" loading={restoring} onClick={async () => {
                setRestoring(true)
                const out = await restore(page.id, chosen!)
                setRestoring(false)
                if (out.ok) onRestored()
                else setError(out.error.message)
              }}>Restore this version</Button>
            )}
          </Stack>
        )}
      </Grid.Col>
    </Grid>
  )
}
