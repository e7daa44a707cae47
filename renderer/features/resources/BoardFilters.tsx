/**
 * The board's filters: kind (with counts), search, tag, status, pool, "Mine", and which shelf
 * (current, expired, closed) is shown. They only narrow what the page already holds.
 */
import { CloseButton, Group, NativeSelect, SegmentedControl, Select, Switch, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { memo } from 'react'
import { RESOURCE_KINDS } from '../../../shared/schemas/resource.ts'
import type { PoolView } from '../../../shared/schemas/booking.ts'
import { KIND_LABEL } from './badges.tsx'
import type { BoardFilter, BoardResult, Shelf } from './filter.ts'

const SHELF_LABEL: Record<Shelf, string> = { current: 'Current', expired: 'Expired', closed: 'Closed' }

export interface BoardFiltersProps {
  filter: BoardFilter
  set(patch: Partial<BoardFilter>): void
  result: BoardResult
  tags: Array<{ tag: string; count: number }>
  pools: PoolView[]
}

export function KindTabs({ filter, set, result }: Pick<BoardFiltersProps, 'filter' | 'set' | 'result'>) {
  return (
    <SegmentedControl aria-label="Filter by kind" value={filter.kind} onChange={(v) => set({ kind: v as BoardFilter['kind'] })} fullWidth
      data={[
        { value: 'all', label: `All ${result.kinds.all}` },
        ...RESOURCE_KINDS.map((k) => ({ value: k, label: `${KIND_LABEL[k].many} ${result.kinds[k]}` })),
      ]} />
  )
}

export function BoardFilters({ filter, set, tags, pools }: BoardFiltersProps) {
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <SearchBox query={filter.query} set={set} />
      <NarrowBy tag={filter.tag} status={filter.status} pool={filter.pool} mine={filter.mine} closedShelf={filter.shelf === 'closed'} set={set} tags={tags} pools={pools} />
    </Group>
  )
}

function SearchBox({ query, set }: { query: string; set: BoardFiltersProps['set'] }) {
  return (
    <TextInput aria-label="Search resources" placeholder="Search title, description, tags…" style={{ flex: '1 1 240px' }}
      leftSection={<IconSearch size={16} />} value={query} onChange={(e) => set({ query: e.currentTarget.value })}
      onKeyDown={(e) => { if (e.key === 'Escape' && query) { e.stopPropagation(); set({ query: '' }) } }}
      rightSection={query ? <CloseButton size="sm" aria-label="Clear the search" onClick={() => set({ query: '' })} /> : null} />
  )
}

interface NarrowByProps extends Pick<BoardFilter, 'tag' | 'status' | 'pool' | 'mine'>, Pick<BoardFiltersProps, 'set' | 'tags' | 'pools'> {
  closedShelf: boolean
}

// Memoised: typing in the search box must not re-render the tag picker and its options.
const NarrowBy = memo(function NarrowBy({ tag, status, pool, mine, closedShelf, set, tags, pools }: NarrowByProps) {
  return (
    <>
      <Select aria-label="Tag" placeholder="Any tag" w={170} searchable clearable value={tag} onChange={(v) => set({ tag: v })}
        data={tags.map((t) => ({ value: t.tag, label: `${t.tag} (${t.count})` }))} nothingFoundMessage="No such tag"
        comboboxProps={{ withinPortal: true }} />
      <NativeSelect aria-label="Status" w={150} value={status} onChange={(e) => set({ status: e.currentTarget.value as BoardFilter['status'] })}
        data={[{ value: 'any', label: 'Any status' }, { value: 'open', label: 'Open' }, { value: 'matched', label: 'Matched' }]}
        disabled={closedShelf} />
      {pools.length > 0 && (
        <NativeSelect aria-label="Pool" w={170} value={pool ?? ''} onChange={(e) => set({ pool: e.currentTarget.value || null })}
          data={[{ value: '', label: 'Any pool' }, ...pools.map((p) => ({ value: p.id, label: p.name }))]} />
      )}
      <Switch label="Mine" checked={mine} onChange={(e) => set({ mine: e.currentTarget.checked })} mb={8} />
    </>
  )
})

/** Current items, or the expired or closed ones, which are kept apart. */
export function ShelfTabs({ filter, set, result }: Pick<BoardFiltersProps, 'filter' | 'set' | 'result'>) {
  return (
    <SegmentedControl aria-label="Show" size="sm" value={filter.shelf} onChange={(v) => set({ shelf: v as Shelf })}
      data={(Object.keys(SHELF_LABEL) as Shelf[]).map((s) => ({ value: s, label: `${SHELF_LABEL[s]} ${result.shelves[s]}` }))} />
  )
}
