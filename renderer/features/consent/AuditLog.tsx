/** This peer's audit log of the space: newest first, filtered by kind and by who, a page at a time. */
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMemo, useState } from 'react'
import { AuditKind, type AuditEntry } from '../../../shared/api/peer-api.ts'
import type { Loadable } from '../../store/loadable.ts'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { relative, when } from '../../ui/when.ts'
import { AUDIT_KIND_WORDS, auditDetail, auditWho, filterAudit, kindWords, type Names } from './audit-rules.ts'

const PAGE = 50

export function AuditLog({ data, names, retry }: { data: Loadable<AuditEntry[]>; names: Names; retry: () => void }) {
  const [kind, setKind] = useState('')
  const [who, setWho] = useState('')
  const [page, setPage] = useState(0)
  const shown = useMemo(() => filterAudit(data.value, { kind, who }, names), [data.value, kind, who, names])
  const pages = Math.max(1, Math.ceil(shown.length / PAGE))
  const at = Math.min(page, pages - 1)
  const rows = shown.slice(at * PAGE, at * PAGE + PAGE)
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3} size="h4">Audit log</Title>
          <Text size="sm" c="dimmed">What this peer gave, received, sent, refused and revoked in this space. Kept on this machine only.</Text>
        </div>
        <Group gap="sm" align="flex-end">
          <NativeSelect label="Kind" value={kind} onChange={(e) => { setKind(e.currentTarget.value); setPage(0) }}
            data={[{ value: '', label: 'Every kind' }, ...Object.values(AuditKind).map((k) => ({ value: k, label: AUDIT_KIND_WORDS[k] }))]} />
          <TextInput label="Who" placeholder="A name or key" value={who} onChange={(e) => { setWho(e.currentTarget.value); setPage(0) }} />
        </Group>
      </Group>
      <LoadView what="the audit log" data={data} retry={retry} isEmpty={(v) => v.length === 0}
        empty={<EmptyState title="Nothing logged yet">Grants given and received, documents sent and requests refused are recorded here as they happen.</EmptyState>}>
        {() => (
          <>
            <Table.ScrollContainer minWidth={720}>
              <Table aria-label="Audit log" verticalSpacing={6} striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={190}>When</Table.Th>
                    <Table.Th w={170}>What</Table.Th>
                    <Table.Th w={200}>Who</Table.Th>
                    <Table.Th>Detail</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((e, i) => (
                    <Table.Tr key={`${e.at}-${i}`}>
                      <Table.Td><Text size="sm" title={relative(e.at)}>{when(e.at)}</Text></Table.Td>
                      <Table.Td><Text size="sm">{kindWords(e.kind)}</Text></Table.Td>
                      <Table.Td><Text size="sm" title={e.did ?? e.peer} truncate maw={200}>{auditWho(e, names)}</Text></Table.Td>
                      <Table.Td><Text size="sm" c="dimmed" lineClamp={2}>{auditDetail(e)}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                  {rows.length === 0 && <Table.Tr><Table.Td colSpan={4}><Text size="sm" c="dimmed">No entry matches these filters.</Text></Table.Td></Table.Tr>}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {shown.length > PAGE && (
              <Group justify="space-between">
                <Text size="sm" c="dimmed">{at * PAGE + 1}–{Math.min(shown.length, at * PAGE + PAGE)} of {shown.length}</Text>
                <Group gap="xs">
                  <Button size="xs" variant="default" disabled={at === 0} onClick={() => setPage(at - 1)}>Newer</Button>
                  <Button size="xs" variant="default" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>Older</Button>
                </Group>
              </Group>
            )}
          </>
        )}
      </LoadView>
    </Stack>
  )
}
