/** One node's figures, in words a weaver reads: how linked, how bridging, how central, how far it reaches. */
import { Table, Text } from '@mantine/core'
import type { NodeMetrics } from '../../../shared/api/map-api.ts'
import { MetricsProgress } from './MetricsSummary.tsx'

const share = (n: number): string => (Number.isFinite(n) ? n.toFixed(3) : '–')

export function NodeFigures({ metrics }: { metrics: NodeMetrics | null }) {
  if (!metrics) return <><MetricsProgress /><Text size="sm" c="dimmed">The figures come once the map’s metrics are computed.</Text></>
  const rows: Array<[string, string]> = [
    ['Degree', `${metrics.degree} (${metrics.inDegree} in, ${metrics.outDegree} out)`],
    ['Betweenness', share(metrics.betweenness)],
    ['Closeness', share(metrics.closeness)],
    ['Eigenvector', share(metrics.eigenvector)],
    ['Reach', `${Math.round(metrics.reach * 100)}% within two steps`],
    ['Community', String(metrics.community + 1)],
  ]
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label="Figures of this node">
      <Table.Tbody>
        {rows.map(([name, value]) => <Table.Tr key={name}><Table.Th fw={500}>{name}</Table.Th><Table.Td>{value}</Table.Td></Table.Tr>)}
      </Table.Tbody>
    </Table>
  )
}
