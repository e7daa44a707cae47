/** The map's figures as a whole, and how far their computing has come while the peer works on them. */
import { Alert, Button, Progress, Stack, Table, Text, Title } from '@mantine/core'
import { useShallow } from 'zustand/react/shallow'
import type { GraphMetrics } from '../../../shared/api/map-api.ts'
import { useApp } from '../../store/use-app.tsx'

const fixed = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '–')

const ROWS: Array<[string, (g: GraphMetrics) => string]> = [
  ['Density', (g) => fixed(g.density, 3)],
  ['Reciprocity', (g) => fixed(g.reciprocity)],
  ['Diameter', (g) => String(g.diameter)],
  ['Average path length', (g) => fixed(g.averagePathLength)],
  ['Communities', (g) => `${g.communities} (modularity ${fixed(g.modularity)})`],
]

/** While the figures are computed: the step and how far along, from the peer's progress events. */
export function MetricsProgress() {
  const progress = useApp((s) => s.map.progress)
  const status = useApp((s) => s.map.metrics.status)
  if (status !== 'loading' && !progress) return null
  const share = progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : null
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Text size="xs" c="dimmed">Computing the figures{progress ? `: ${progress.step} (${share}%)` : '…'}</Text>
      {share !== null && <Progress value={share} size="sm" aria-label="Figures computed" />}
    </Stack>
  )
}

export function MetricsSummary() {
  const { metrics, loadMetrics } = useApp(useShallow((s) => ({ metrics: s.map.metrics, loadMetrics: s.map.loadMetrics })))
  const g = metrics.value?.graph
  return (
    <Stack gap="xs" mt="md">
      <Title order={3} size="h5">Figures</Title>
      <MetricsProgress />
      {metrics.status === 'error' && (
        <Alert color="red" role="alert" title="Could not compute the figures">
          <Text size="sm">{metrics.error}</Text>
          <Button mt="xs" size="xs" variant="light" color="red" onClick={() => void loadMetrics()}>Try again</Button>
        </Alert>
      )}
      {g && (
        <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label="Figures of the whole map">
          <Table.Tbody>
            {ROWS.map(([name, value]) => <Table.Tr key={name}><Table.Th fw={500}>{name}</Table.Th><Table.Td>{value(g)}</Table.Td></Table.Tr>)}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
