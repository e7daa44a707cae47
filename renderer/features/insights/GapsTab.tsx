/**
 * Gaps: what goes unmet or unused, each list with the rule it was drawn by: needs open too long
 * with no good match, offers nobody took up, what expires within a week, double bookings (with
 * who booked), and map nodes linked to nothing (a click opens the node on the Map). A list the
 * caller could not read the part of (an agent's view: bookings, the map) says so, not "none".
 */
import { Anchor, Badge, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import type { GapsResult, InsightItem, InsightPart } from '../../../shared/api/insight-api.ts'
import { unreadWords } from '../../../shared/insight/unavailable.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { LoadView } from '../../ui/LoadView.tsx'
import { PersonName } from '../../ui/person.tsx'
import { when } from '../../ui/when.ts'
import { KindBadge } from '../resources/badges.tsx'
import { TYPE_WORDS } from '../map/appearance.ts'
import { ageWords, inDaysWords, percent } from './match-words.ts'
import { InsightTab } from './slice.ts'
import { useInsightTab } from './use-tab.ts'

export function GapsTab() {
  const { data, retry } = useInsightTab(InsightTab.Gaps)
  return (
    <LoadView what="the gaps" data={data} retry={retry} isEmpty={(v) => v === null} empty={null}>
      {(v) => <GapLists gaps={v!} />}
    </LoadView>
  )
}

function GapLists({ gaps }: { gaps: GapsResult }) {
  const { rules } = gaps
  const go = useApp((s) => s.nav.go)
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" verticalSpacing="lg">
      <GapList id="unmet" title="Unmet needs" count={gaps.unmetNeeds.length}
        rule={`Open for more than ${days(rules.unmetAfterDays)} with no match above ${percent(rules.minScore)}.`}
        empty="No need has waited that long without a good match.">
        {gaps.unmetNeeds.map((u) => (
          <List.Item key={u.need.id}>
            <ItemLink item={u.need} />
            <Text span size="sm" c="dimmed"> · {ageWords(u.ageDays)} · {u.bestScore > 0 ? `best match ${percent(u.bestScore)}` : 'no match at all'}</Text>
          </List.Item>
        ))}
      </GapList>
      <GapList id="unused" title="Unused offers" count={gaps.unusedOffers.length}
        rule={`Offers, tools and facilities open for more than ${days(rules.unusedAfterDays)} that nobody matched or booked.`}
        empty="Every offer older than that was matched or booked.">
        {gaps.unusedOffers.map((u) => (
          <List.Item key={u.offer.id}>
            <Group gap={6} wrap="wrap"><KindBadge kind={u.offer.kind} /><ItemLink item={u.offer} /></Group>
            <Text size="sm" c="dimmed">{ageWords(u.ageDays)} · {u.reason}</Text>
          </List.Item>
        ))}
      </GapList>
      <GapList id="expiring" title="Expiring soon" count={gaps.expiringSoon.length}
        rule={`Open offers and needs that expire within ${days(rules.expiringWithinDays)}.`}
        empty="Nothing open expires that soon.">
        {gaps.expiringSoon.map((e) => (
          <List.Item key={e.item.id}>
            <Group gap={6} wrap="wrap"><KindBadge kind={e.item.kind} /><ItemLink item={e.item} /></Group>
            <Text size="sm" c="dimmed">expires {inDaysWords(e.inDays)} ({when(e.expiresAt)})</Text>
          </List.Item>
        ))}
      </GapList>
      <GapList id="conflicts" title="Booking conflicts" count={gaps.bookingConflicts.length} unread={unreadOf(gaps, 'bookings')}
        rule="Tools and facilities booked by more than one person for the same time." empty="No booking overlaps another.">
        {gaps.bookingConflicts.map((c) => (
          <List.Item key={c.resource.id}>
            <Anchor component="button" type="button" size="sm" onClick={() => go(Section.Bookings, c.resource.id)}>{c.resource.title}</Anchor>
            <List size="sm" withPadding aria-label={`Overlapping bookings of ${c.resource.title}`}>
              {c.bookings.map((b) => (
                <List.Item key={b.id}><PersonName did={b.by} name={b.byName} />: {when(b.from)} – {when(b.to)}</List.Item>
              ))}
            </List>
          </List.Item>
        ))}
      </GapList>
      <GapList id="isolated" title="Isolated map nodes" count={gaps.isolatedNodes.length} unread={unreadOf(gaps, 'map')}
        rule="Nodes of the ecosystem map with no link to any other." empty="Every node of the map is linked to another.">
        {gaps.isolatedNodes.map((n) => (
          <List.Item key={n.id}>
            <Anchor component="button" type="button" size="sm" onClick={() => go(Section.Map, n.id)}>{n.label}</Anchor>
            <Text span size="sm" c="dimmed"> · {typeWord(n.type)}</Text>
          </List.Item>
        ))}
      </GapList>
    </SimpleGrid>
  )
}

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`
const typeWord = (type: string): string => (TYPE_WORDS as Record<string, { one: string } | undefined>)[type]?.one.toLowerCase() ?? type

/** A resource of a gap list: its page where it is in this space, its title alone elsewhere. */
function ItemLink({ item }: { item: InsightItem }) {
  const go = useApp((s) => s.nav.go)
  const here = useApp((s) => s.spaces.selected === item.spaceId)
  if (!here) return <Text span size="sm" fw={500}>{item.title}</Text>
  return <Anchor component="button" type="button" size="sm" fw={500} onClick={() => go(Section.Resources, item.id)}>{item.title}</Anchor>
}

/** "Not shown — this caller may not read bookings" where the answer could not read that part, else null. */
const unreadOf = (gaps: GapsResult, part: InsightPart): string | null =>
  ((gaps.unavailable ?? []).includes(part) ? `Not shown — ${unreadWords([part])}.` : null)

interface GapListProps { id: string; title: string; count: number; rule: string; empty: string; unread?: string | null; children: ReactNode }

function GapList({ id, title, count, rule, empty, unread = null, children }: GapListProps) {
  return (
    <Stack component="section" gap={6} aria-labelledby={`gap-${id}`}>
      <Group gap="xs">
        <Title order={3} size="h4" id={`gap-${id}`}>{title}</Title>
        {unread === null && <Badge variant="light" color={count > 0 ? 'orange' : 'gray'} aria-label={`${count} listed`}>{count}</Badge>}
      </Group>
      <Text size="sm" c="dimmed">{rule}</Text>
      {unread !== null
        ? <Text size="sm" fs="italic">{unread}</Text>
        : count === 0
          ? <Text size="sm" fs="italic">{empty}</Text>
          : <List spacing={6} size="sm" aria-label={title} listStyleType="none">{children}</List>}
    </Stack>
  )
}
