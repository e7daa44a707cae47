/**
 * The Map section: the space's ecosystem map drawn by sigma, with the controls a weaver who
 * uses Kumu expects (colour by type or community, size by a figure, filters by type and tag,
 * find a node), the open node's panel beside it (`#/map/NODE`), and adding, linking, importing
 * and exporting. Empty, loading and error states as every view shows them.
 */
import { Group, Stack, Text, Title } from '@mantine/core'
import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { MapGraphView as MapViewValue } from '../../../shared/api/map-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { selectedSpace } from '../spaces/slice.ts'
import { MapActions } from './MapActions.tsx'
import { MapScreen } from './MapScreen.tsx'

export function MapView() {
  const space = useApp(selectedSpace)
  const { view, refresh, item, show } = useApp(useShallow((s) => ({ view: s.map.view, refresh: s.map.refresh, item: s.nav.item, show: s.map.show })))
  useEffect(() => {
    if (view.status === 'idle') void refresh()
  }, [view.status, refresh])
  // The node named by the address is the one open in the panel.
  useEffect(() => { void show(item) }, [item, show])
  const may = view.value.may.write
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Title order={2}>Map <Text span inherit c="dimmed" fw={400}>· {space?.name ?? ''}</Text></Title>
        {view.status === 'ready' && <MapActions may={may} empty={view.value.nodes.length === 0} />}
      </Group>
      <LoadView what="the map" data={view} isEmpty={(v) => v.nodes.length === 0} retry={() => void refresh()}
        empty={<EmptyMap value={view.value} />}>
        {(value) => <MapScreen key={space?.spaceId} spaceId={space?.spaceId ?? ''} value={value} />}
      </LoadView>
    </Stack>
  )
}

function EmptyMap({ value }: { value: MapViewValue }) {
  return (
    <EmptyState title={value.syncing > 0 ? 'The map is on its way' : 'No map yet'}>
      {value.syncing > 0
        ? `${value.syncing} part${value.syncing === 1 ? ' is' : 's are'} of the map still syncing from the space’s other peers.`
        : value.may.write
          ? 'Draw who and what makes up your ecosystem: organisations, people, initiatives, places and resources, and how they are linked. Add nodes one by one, or import a Kumu blueprint, Kumu’s CSV sheets or Murmurations profiles.'
          : 'Nothing on the map yet, or nothing of it has reached this device.'}
    </EmptyState>
  )
}
