/**
 * Matches: each open need of the space with what could meet it, best first, each match with its
 * reasons and, where this peer may change the need, "Mark matched by this offer"; the needs
 * in a stable order (oldest first: a refresh never moves a card); those with no match
 * above the threshold listed after. "Across organisations" shows only where another
 * organisation shared its offers with this peer for matching.
 */
import { Anchor, Card, Group, List, Stack, Switch, Text, Title } from '@mantine/core'
import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { MatchResult } from '../../../shared/api/insight-api.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { relative } from '../../ui/when.ts'
import { byNeed, holdsMatchingGrant, percent, type NeedMatches } from './match-words.ts'
import { MatchRow, OpenItemButton, OwnerName } from './MatchRow.tsx'
import { InsightTab } from './slice.ts'
import { useInsightTab } from './use-tab.ts'

export function MatchesTab() {
  const { data, retry } = useInsightTab(InsightTab.Matches)
  const { across, setAcross } = useApp(useShallow((s) => ({ across: s.insights.across, setAcross: s.insights.setAcross })))
  const granted = useApp((s) => holdsMatchingGrant(s.spaces.list.value, Date.now()))
  // Offered where a grant for matching is held, or where the last answer drew on another organisation.
  const offerAcross = granted || across || (data.value?.spaces.some((s) => s.across) ?? false)
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite">{data.value ? summary(data.value) : ' '}</Text>
        {offerAcross && (
          <Switch label="Across organisations" description="Also the offers other organisations shared with you for matching" checked={across}
            onChange={(e) => void setAcross(e.currentTarget.checked)} />
        )}
      </Group>
      <LoadView what="the matches" data={data} retry={retry} isEmpty={(v) => v === null || v.needs === 0}
        empty={<EmptyState title="No open needs">Matches show here once someone posts a need on the Resources board.</EmptyState>}>
        {(v) => <MatchList result={v!} />}
      </LoadView>
    </Stack>
  )
}

function summary(v: MatchResult): string {
  const others = v.spaces.filter((s) => s.across)
  const from = others.length > 0 ? `, with ${others.map((s) => s.name).join(', ')}` : ''
  return `${v.needs} open need${v.needs === 1 ? '' : 's'} against ${v.offers} offer${v.offers === 1 ? '' : 's'}, tools, facilities and skills${from}; matches above ${percent(v.minScore)}.`
}

function MatchList({ result }: { result: MatchResult }) {
  const groups = useMemo(() => byNeed(result), [result])
  const unmatched = useUnmatchedNeeds(groups, result.minScore)
  return (
    <Stack gap="md">
      {groups.length === 0 && <EmptyState title="No match yet">No open need has a match above {percent(result.minScore)}. Gaps lists the needs waiting longest.</EmptyState>}
      {groups.map((g) => <NeedCard key={g.need.id} group={g} />)}
      {unmatched}
    </Stack>
  )
}

/** The open needs of the space with no match above the threshold: from the board this page holds. */
function useUnmatchedNeeds(groups: NeedMatches[], minScore: number) {
  const list = useApp((s) => s.resources.list.value)
  const go = useApp((s) => s.nav.go)
  const needs = useMemo(() => {
    const matched = new Set(groups.map((g) => g.need.id))
    return list.filter((r) => r.kind === 'need' && r.status === 'open' && !r.expired && !matched.has(r.id))
  }, [list, groups])
  if (needs.length === 0 || groups.length === 0) return null
  return (
    <section aria-labelledby="unmatched-needs">
      <Title order={3} size="h5" id="unmatched-needs" mb={4}>No match above {percent(minScore)} yet</Title>
      <List size="sm" spacing={2}>
        {needs.map((n) => (
          <List.Item key={n.id}>
            <Anchor component="button" type="button" size="sm" onClick={() => go(Section.Resources, n.id)}>{n.title}</Anchor>
            <Text span size="sm" c="dimmed"> · posted {relative(n.createdAt)}</Text>
          </List.Item>
        ))}
      </List>
    </section>
  )
}

function NeedCard({ group }: { group: NeedMatches }) {
  const { need, matches } = group
  const headingId = `need-${need.id}`
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>{need.title}</Title>
          <Text size="sm" c="dimmed">Need posted by <OwnerName item={need} /> {relative(need.createdAt)}{need.location ? ` · ${need.location}` : ''}</Text>
        </Stack>
        <OpenItemButton item={need} />
      </Group>
      <Stack component="ol" gap={0} mt="xs" p={0} style={{ listStyle: 'none' }} aria-label={`Matches for ${need.title}`}>
        {matches.map((m) => <MatchRow key={`${m.space.spaceId}:${m.offer.id}`} match={m} mayMark />)}
      </Stack>
    </Card>
  )
}
