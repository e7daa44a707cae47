/**
 * Under a page: the pages linking here (backlinks), and the pages it links to; a link to a
 * title no page has yet is marked so, and offers to make that page.
 */
import { Anchor, Group, List, Paper, Stack, Text, Title } from '@mantine/core'
import type { PageView } from '../../../shared/api/pages-api.ts'
import { placeToHash, Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { selectedSpace } from '../spaces/slice.ts'
import { mayMakePages } from './may.ts'
import { NewPage } from './NewPage.tsx'

export function PageLinks({ page }: { page: PageView }) {
  const may = mayMakePages(useApp(selectedSpace))
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="md">
        <section aria-label="Backlinks">
          <Title order={3} size="h5" mb={6}>Linked from <Text span c="dimmed" inherit fw={400}>({page.backlinks.length})</Text></Title>
          {page.backlinks.length === 0
            ? <Text size="sm" c="dimmed">No page links here yet.{may ? ` Link to it from another page with [[${page.title}]].` : ''}</Text>
            : (
                <List size="sm" spacing={4}>
                  {page.backlinks.map((b) => <List.Item key={b.id}><Anchor href={placeToHash(Section.Knowledge, b.id)}>{b.title}</Anchor></List.Item>)}
                </List>
              )}
        </section>
        <section aria-label="Links to">
          <Title order={3} size="h5" mb={6}>Links to <Text span c="dimmed" inherit fw={400}>({page.links.length})</Text></Title>
          {page.links.length === 0
            ? <Text size="sm" c="dimmed">This page links to no other page.</Text>
            : (
                <List size="sm" spacing={4}>
                  {page.links.map((l) => (
                    <List.Item key={l.id ?? `title:${l.title}`}>
                      {l.id
                        ? <Anchor href={placeToHash(Section.Knowledge, l.id)}>{l.title}</Anchor>
                        : (
                            <Group gap={6} wrap="wrap" align="center">
                              <Text size="sm" span c={l.gone ? 'dimmed' : undefined}>{l.title}</Text>
                              {!l.gone && <Text size="xs" c="dimmed" span style={{ whiteSpace: 'nowrap' }}>— no page yet</Text>}
                              {may && !l.gone && <NewPage initialTitle={l.title} label="Make it" variant="subtle" ariaLabel={`Make it: the page “${l.title}”`} />}
                            </Group>
                          )}
                    </List.Item>
                  ))}
                </List>
              )}
        </section>
      </Stack>
    </Paper>
  )
}
