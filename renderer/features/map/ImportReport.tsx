/**
 * What an import does (dry run) or did: nodes added, nodes merged with the node each became
 * one with and why, edges added and already there, what was left out and why.
 */
import { List, Stack, Table, Text } from '@mantine/core'
import type { MapImportReport } from '../../../shared/api/map-api.ts'

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`
const FORMAT_WORDS = { kumu: 'Kumu blueprint (JSON)', 'kumu-csv': 'Kumu spreadsheets (CSV)', murmurations: 'Murmurations profiles' } as const

export function importSummary(r: MapImportReport): string {
  const verb = r.dryRun ? 'would add' : 'added'
  if (r.added === 0 && r.edges.added === 0 && r.updated === 0) return 'The map already holds everything in this file: nothing changes.'
  return `The import ${verb} ${plural(r.added, 'node')} and ${plural(r.edges.added, 'edge')}; ${plural(r.merged.length, 'node')} ${r.merged.length === 1 ? 'merges' : 'merge'} with one already there${r.updated > 0 ? `, ${plural(r.updated, 'node')} ${r.dryRun ? 'would change' : 'changed'}` : ''}.`
}

export function ImportReport({ report }: { report: MapImportReport }) {
  return (
    <Stack gap="xs" aria-label="Import report" role="region">
      <Text size="sm" c="dimmed">{FORMAT_WORDS[report.format] ?? report.format}</Text>
      <Text fw={600}>{importSummary(report)}</Text>
      <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label="Counts">
        <Table.Tbody>
          <Table.Tr><Table.Th fw={500}>Nodes added</Table.Th><Table.Td>{report.added}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th fw={500}>Nodes merged</Table.Th><Table.Td>{report.merged.length}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th fw={500}>Edges added</Table.Th><Table.Td>{report.edges.added}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th fw={500}>Edges already there</Table.Th><Table.Td>{report.edges.existing}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th fw={500}>Left out</Table.Th><Table.Td>{report.skipped.length}</Table.Td></Table.Tr>
        </Table.Tbody>
      </Table>
      {report.merged.length > 0 && (
        <>
          <Text size="sm" fw={500}>Merged</Text>
          <List size="sm" spacing={2} aria-label="Merged">
            {report.merged.map((m, i) => (
              <List.Item key={i}>
                “{m.label}” ({m.at}) is “{m.into.label}”: {m.by === 'url' ? 'the same web address' : 'the same name and type'}
                {m.fields.length > 0 ? `; brings ${m.fields.join(', ')}` : ''}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {report.skipped.length > 0 && (
        <>
          <Text size="sm" fw={500}>Left out</Text>
          <List size="sm" spacing={2} aria-label="Left out">
            {report.skipped.map((s, i) => <List.Item key={i}>{s.at}: {s.reason}</List.Item>)}
          </List>
        </>
      )}
    </Stack>
  )
}
