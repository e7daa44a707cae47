/**
 * The Resources board: every resource of the space, filtered in the page (kind, words, tag,
 * status, pool, mine), with expired and closed ones on shelves of their own. Opening a row
 * shows the item's page.
 */
import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useCallback, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../../store/use-app.tsx'
import { selectedSpace } from '../spaces/slice.ts'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { canWrite } from './access.ts'
import { AddResource } from './AddResource.tsx'
import { BoardFilters, KindTabs, ShelfTabs } from './BoardFilters.tsx'
import { filterResources, isFiltered, newestFirst, NO_FILTER, tagsInUse } from './filter.ts'
import { ResourceList } from './ResourceList.tsx'
import { useNames } from './use-names.ts'
import type { ResourceView } from '../../../shared/schemas/resource.ts'

export function ResourceBoard() {
  const space = useApp(selectedSpace)
  const { list, refresh } = useApp(useShallow((s) => ({ list: s.resources.list, refresh: s.resources.refresh })))
  const writable = canWrite(space)
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="nowrap">
        <Title order={2}>Resources <Text span inherit c="dimmed" fw={400}>· {space?.name ?? ''}</Text></Title>
        {writable && list.status === 'ready' && list.value.length > 0 && <AddResource />}
      </Group>
      <LoadView what="resources" data={list} isEmpty={(v) => v.length === 0} retry={() => void refresh()}
        empty={(
          <EmptyState title="No resources yet" action={writable ? <AddResource /> : undefined}>
            {writable
              ? 'Post what you can offer or lend, and what you need: everyone in the space sees it, even offline.'
              : 'Nothing has been posted here yet, or nothing your access covers has reached this device.'}
          </EmptyState>
        )}>
        {(all) => <Board all={all} />}
      </LoadView>
    </Stack>
  )
}

function Board({ all }: { all: ResourceView[] }) {
  const { filter, setFilter, pools, go, more } = useApp(useShallow((s) => ({
    filter: s.resources.filter, setFilter: s.resources.setFilter, pools: s.resources.pools.value, go: s.nav.go, more: s.resources.more,
  })))
  const names = useNames()
  // Sorting and tag counts follow the list; the filter runs on every keystroke over the sorted list.
  const sorted = useMemo(() => newestFirst(all), [all])
  const tags = useMemo(() => tagsInUse(all), [all])
  const result = useMemo(() => filterResources(sorted, filter, names.me), [sorted, filter, names.me])
  const open = useCallback((id: string) => go('resources', id), [go])
  const filtered = isFiltered(filter)
  const shelfWord = filter.shelf === 'current' ? '' : `${filter.shelf} `

  return (
    <Stack gap="sm">
      <KindTabs filter={filter} set={setFilter} result={result} />
      <BoardFilters filter={filter} set={setFilter} result={result} tags={tags} pools={pools} />
      <Group justify="space-between" gap="sm">
        <ShelfTabs filter={filter} set={setFilter} result={result} />
        <Group gap="sm">
          <Text size="sm" c="dimmed" data-testid="resource-count" aria-live="polite">
            {result.items.length} of {all.length} resources{more ? ' (loading more…)' : ''}
          </Text>
          {filtered && result.items.length > 0 && <Button size="xs" variant="subtle" onClick={() => setFilter({ ...NO_FILTER, shelf: filter.shelf })}>Clear filters</Button>}
        </Group>
      </Group>
      {result.items.length > 0
        ? <ResourceList items={result.items} names={names} onOpen={open} />
        : filtered
          ? (
              <EmptyState title={`No ${shelfWord}resources match these filters`}
                action={<Button variant="light" onClick={() => setFilter({ ...NO_FILTER, shelf: filter.shelf })}>Clear filters</Button>} />
            )
          : <EmptyState title={filter.shelf === 'expired' ? 'Nothing has expired' : filter.shelf === 'closed' ? 'Nothing is closed' : 'Nothing open right now'}>
              {filter.shelf === 'current' ? 'Every resource here is closed or has expired: see the other shelves.' : undefined}
            </EmptyState>}
    </Stack>
  )
}
