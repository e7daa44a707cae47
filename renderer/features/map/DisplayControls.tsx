/** How the map is shown: colour by type or community, size by a figure, and which types and which tag are shown. */
import { Chip, Group, NativeSelect, Select } from '@mantine/core'
import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { MapGraphView } from '../../../shared/api/map-api.ts'
import { NODE_TYPES, type NodeType } from '../../../shared/schemas/map.ts'
import { useApp } from '../../store/use-app.tsx'
import { TYPE_WORDS } from './appearance.ts'
import { SIZE_METRICS, type ColourBy, type SizeBy } from './slice.ts'

export const SIZE_WORDS: Record<SizeBy, string> = {
  none: 'All the same', degree: 'Degree (links)', betweenness: 'Betweenness (bridging)', closeness: 'Closeness',
  eigenvector: 'Eigenvector (well-connected links)', reach: 'Reach (within two steps)',
}

export function DisplayControls({ value, metricsReady }: { value: MapGraphView; metricsReady: boolean }) {
  const { display, setDisplay } = useApp(useShallow((s) => ({ display: s.map.display, setDisplay: s.map.setDisplay })))
  const tags = useMemo(() => [...new Set(value.nodes.flatMap((n) => n.tags))].sort((a, b) => a.localeCompare(b)), [value.nodes])
  const present = useMemo(() => NODE_TYPES.filter((t) => value.nodes.some((n) => n.type === t)), [value.nodes])
  const shown = present.filter((t) => !display.hiddenTypes.includes(t))
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="group" aria-label="How the map is shown">
      <NativeSelect label="Colour by" size="xs" value={display.colourBy} onChange={(e) => setDisplay({ colourBy: e.currentTarget.value as ColourBy })}
        data={[{ value: 'type', label: 'Type' }, { value: 'community', label: metricsReady ? 'Community' : 'Community (computing…)' }]} />
      <NativeSelect label="Size by" size="xs" value={display.sizeBy} onChange={(e) => setDisplay({ sizeBy: e.currentTarget.value as SizeBy })}
        data={SIZE_METRICS.map((m) => ({ value: m, label: SIZE_WORDS[m] }))} />
      {present.length > 1 && (
        <Chip.Group multiple value={shown} onChange={(v) => setDisplay({ hiddenTypes: NODE_TYPES.filter((t) => !v.includes(t)) })}>
          <Group gap={6} role="group" aria-label="Show types">
            {present.map((t: NodeType) => <Chip key={t} value={t} size="xs">{TYPE_WORDS[t].many}</Chip>)}
          </Group>
        </Chip.Group>
      )}
      {tags.length > 0 && (
        <Select label="Tag" size="xs" placeholder="Any tag" data={tags} value={display.tag} onChange={(tag) => setDisplay({ tag })}
          searchable clearable limit={100} w={180} nothingFoundMessage="No such tag" comboboxProps={{ withinPortal: true }} />
      )}
    </Group>
  )
}
