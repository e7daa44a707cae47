/**
 * The proposals of the space: open ones (closing soonest first), then closed ones (latest
 * first), each a link to its page with its process, time left or close date, counts and result.
 */
import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconClock } from '@tabler/icons-react'
import { useShallow } from 'zustand/react/shallow'
import type { DecisionSummary } from '../../../shared/api/decisions-api.ts'
import { CHOICES } from '../../../shared/schemas/decision.ts'
import { placeToHash, Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { shortKey } from '../../ui/person.tsx'
import { when } from '../../ui/when.ts'
import { selectedSpace } from '../spaces/slice.ts'
import { ProcessBadge, ResultBadge } from './marks.tsx'
import { mayPropose } from './may.ts'
import { NewProposal } from './NewProposal.tsx'
import { ImportFromLoomio } from './ImportFromLoomio.tsx'
import { timeLeft } from './time-left.ts'
import { useMinute } from './use-minute.ts'
import { CHOICE_LABEL } from './words.ts'

export function DecisionList() {
  const space = useApp(selectedSpace)
  const { list, refresh } = useApp(useShallow((s) => ({ list: s.decisions.list, refresh: s.decisions.refresh })))
  const may = mayPropose(space)
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" wrap="nowrap">
        <Title order={2}>Decisions <Text span inherit c="dimmed" fw={400}>· {space?.name ?? ''}</Text></Title>
        {may && list.status === 'ready' && (
          <Group gap="sm">
            <ImportFromLoomio />
            {list.value.length > 0 && <NewProposal />}
          </Group>
        )}
      </Group>
      <LoadView what="proposals" data={list} isEmpty={(v) => v.length === 0} retry={() => void refresh()}
        empty={(
          <EmptyState title="No proposals yet" action={may ? <NewProposal /> : undefined}>
            {may
              ? 'Propose something for the space to decide: members take a stance with their reasons, and everyone sees the tally as it comes in, even offline.'
              : 'No proposals yet, or none your access covers has reached this device.'}
          </EmptyState>
        )}>
        {(all) => <Lists all={all} />}
      </LoadView>
    </Stack>
  )
}

function Lists({ all }: { all: DecisionSummary[] }) {
  const now = useMinute()
  const open = all.filter((d) => d.status === 'open')
  const closed = all.filter((d) => d.status === 'closed')
  return (
    <Stack gap="xl">
      <Shelf title="Open" label="Open proposals" items={open} now={now} none="Nothing is open right now." />
      <Shelf title="Closed" label="Closed proposals" items={closed} now={now} none="No proposal has closed yet." />
    </Stack>
  )
}

function Shelf({ title, label, items, now, none }: { title: string; label: string; items: DecisionSummary[]; now: number; none: string }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">{title} <Text span inherit c="dimmed" fw={400}>({items.length})</Text></Title>
      {items.length === 0
        ? <Text c="dimmed" size="sm">{none}</Text>
        : (
            <Stack component="ul" role="list" aria-label={label} gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
              {items.map((d) => <li key={d.id}><Row d={d} now={now} /></li>)}
            </Stack>
          )}
    </Stack>
  )
}

function Row({ d, now }: { d: DecisionSummary; now: number }) {
  const open = d.status === 'open'
  const counts = CHOICES[d.process].map((c) => `${d.tally.counts[c] ?? 0} ${CHOICE_LABEL[c].toLowerCase()}`).join(' · ')
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Anchor href={placeToHash(Section.Decisions, d.id)} fw={600} size="md" style={{ overflowWrap: 'anywhere' }}>{d.title}</Anchor>
          <Group gap="xs" wrap="wrap">
            <ProcessBadge process={d.process} />
            {d.imported && <Badge size="sm" variant="outline" color="gray" tt="none">Imported from Loomio</Badge>}
            <Text size="sm" c="dimmed" title={d.author}>by {d.imported?.authorName || d.authorName?.trim() || `someone (${shortKey(d.author)})`}</Text>
            <Text size="sm" c="dimmed" title={when(d.closesAt)}>
              <IconClock size={14} aria-hidden style={{ verticalAlign: '-2px', marginRight: 4 }} />{timeLeft(d, now)}
            </Text>
          </Group>
          <Text size="sm">
            {counts} <Text span c="dimmed" inherit>— {d.tally.voted} of {d.tally.eligible} took part</Text>
          </Text>
          {d.outcome?.statement && <Text size="sm" c="dimmed" lineClamp={1}>Outcome: {d.outcome.statement}</Text>}
        </Stack>
        <Stack gap={6} align="flex-end" style={{ flexShrink: 0 }}>
          <ResultBadge result={d.tally.result} open={open} />
          {open && d.mayStance && !d.myStance && <Badge size="sm" variant="light" color="orange" tt="none">Awaiting your stance</Badge>}
          {d.myStance && <Text size="xs" c="dimmed">You: {CHOICE_LABEL[d.myStance]}</Text>}
        </Stack>
      </Group>
    </Paper>
  )
}
