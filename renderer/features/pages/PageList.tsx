/**
 * The pages of the space, last changed first: each with its first words, tags, who made it and
 * how many pages link to it. Typing filters by title at once; tag chips keep the pages that
 * carry every chosen tag.
 */
import { Anchor, Badge, Chip, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconFilter, IconLink } from '@tabler/icons-react'
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { PageList as PageListValue, PageSummary } from '../../../shared/api/pages-api.ts'
import { placeToHash, Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { shortKey } from '../../ui/person.tsx'
import { relative, when } from '../../ui/when.ts'
import { selectedSpace } from '../spaces/slice.ts'
import { mayMakePages } from './may.ts'
import { NewPage } from './NewPage.tsx'
import { matchTitles, withTags } from './title-filter.ts'

export function PageList() {
  const space = useApp(selectedSpace)
  const { list, refresh } = useApp(useShallow((s) => ({ list: s.pages.list, refresh: s.pages.refresh })))
  const may = mayMakePages(space)
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" wrap="nowrap">
        <Title order={2}>Knowledge <Text span inherit c="dimmed" fw={400}>· {space?.name ?? ''}</Text></Title>
        {may && list.status === 'ready' && list.value.pages.length > 0 && <NewPage />}
      </Group>
      <LoadView what="pages" data={list} isEmpty={(v) => v.pages.length === 0} retry={() => void refresh()}
        empty={(
          <EmptyState title={list.value.syncing > 0 ? 'Pages are on their way' : 'No pages yet'} action={may ? <NewPage /> : undefined}>
            {list.value.syncing > 0
              ? `${list.value.syncing} page${list.value.syncing === 1 ? ' is' : 's are'} still syncing from the space’s other peers.`
              : may
                ? 'Write down what the space knows: how the tools work, who to ask, what was tried. Pages link to each other with [[Title]], and everyone edits them together, even offline.'
                : 'No pages yet, or none your access covers has reached this device.'}
          </EmptyState>
        )}>
        {(value) => <Filtered value={value} />}
      </LoadView>
    </Stack>
  )
}

function Filtered({ value }: { value: PageListValue }) {
  const [query, setQuery] = useState('')
  const [tags, setTags] = useState<string[]>([])
  // A tag no page carries any more is dropped from the filter.
  const chosen = tags.filter((t) => value.tags.some((x) => x.tag === t))
  const shown = matchTitles(withTags(value.pages, chosen), query)
  return (
    <Stack gap="md">
      <TextInput aria-label="Filter pages by title" placeholder="Filter by title" leftSection={<IconFilter size={16} aria-hidden />} value={query}
        onChange={(e) => setQuery(e.currentTarget.value)} maw={420} />
      {value.tags.length > 0 && (
        <Chip.Group multiple value={chosen} onChange={setTags}>
          <Group gap={6} role="group" aria-label="Filter by tag">
            {value.tags.map((t) => <Chip key={t.tag} value={t.tag} size="xs">{t.tag} ({t.pages})</Chip>)}
          </Group>
        </Chip.Group>
      )}
      {value.syncing > 0 && <Text size="sm" c="dimmed">{value.syncing} more page{value.syncing === 1 ? ' is' : 's are'} still syncing.</Text>}
      {shown.length === 0
        ? <Text c="dimmed">No page {query.trim() ? `has “${query.trim()}” in its title` : ''}{query.trim() && chosen.length ? ' and ' : ''}{chosen.length ? `carries ${chosen.join(' and ')}` : ''}.</Text>
        : (
            <Stack component="ul" role="list" aria-label="Pages" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
              {shown.map((p) => <li key={p.id}><Row p={p} /></li>)}
            </Stack>
          )}
    </Stack>
  )
}

function Row({ p }: { p: PageSummary }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor href={placeToHash(Section.Knowledge, p.id)} fw={600} style={{ overflowWrap: 'anywhere' }}>{p.title}</Anchor>
          <Text size="xs" c="dimmed" title={when(p.updatedAt)} style={{ flexShrink: 0 }}>changed {relative(p.updatedAt)}</Text>
        </Group>
        {p.excerpt && <Text size="sm" lineClamp={2}>{p.excerpt}</Text>}
        <Group gap="xs">
          {p.tags.map((t) => <Badge key={t} size="sm" variant="light" tt="none">{t}</Badge>)}
          <Text size="sm" c="dimmed" title={p.createdBy}>by {p.createdByName?.trim() || `someone (${shortKey(p.createdBy)})`}</Text>
          <Text size="sm" c="dimmed"><IconLink size={13} aria-hidden style={{ verticalAlign: '-2px' }} /> {p.backlinkCount === 1 ? '1 page links here' : `${p.backlinkCount} pages link here`}</Text>
        </Group>
      </Stack>
    </Paper>
  )
}
