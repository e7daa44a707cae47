/**
 * The Insights section: matches, gaps, suggestions and health of the selected space, one tab
 * each (the tab is part of the address, `#/insights/gaps`, so Back and a link find it), all
 * computed on this peer over what it may read, each result with its reasons.
 */
import { Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconArrowsJoin, IconHeartbeat, IconPuzzle, IconRefresh } from '@tabler/icons-react'
import type { ComponentType } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { selectedSpace } from '../spaces/slice.ts'
import { GapsTab } from './GapsTab.tsx'
import { HealthTab } from './HealthTab.tsx'
import { MatchesTab } from './MatchesTab.tsx'
import { InsightTab, tabOf } from './slice.ts'
import { SuggestionsTab } from './SuggestionsTab.tsx'

const TABS: ReadonlyArray<{ tab: InsightTab; label: string; icon: ComponentType<{ size?: number }>; View: ComponentType }> = [
  { tab: InsightTab.Matches, label: 'Matches', icon: IconPuzzle, View: MatchesTab },
  { tab: InsightTab.Gaps, label: 'Gaps', icon: IconAlertTriangle, View: GapsTab },
  { tab: InsightTab.Suggestions, label: 'Suggestions', icon: IconArrowsJoin, View: SuggestionsTab },
  { tab: InsightTab.Health, label: 'Health', icon: IconHeartbeat, View: HealthTab },
]

export function InsightsView() {
  const { item, go, refresh } = useApp(useShallow((s) => ({ item: s.nav.item, go: s.nav.go, refresh: s.insights.refresh })))
  const spaceName = useApp((s) => selectedSpace(s)?.name ?? null)
  const busy = useApp((s) => s.insights[tabOf(s.nav.item)].status === 'loading')
  const tab = tabOf(item)
  if (spaceName === null) return null
  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2}>Insights</Title>
          <Text c="dimmed" size="sm">What could meet what in {spaceName}, what goes unmet, who could meet whom, and how the network is doing. Worked out on this device, from what it may read; each result says why.</Text>
        </div>
        {/* The spinner takes the icon's place inside the button (Mantine's `loading` overlay spilled out of it). */}
        <Button variant="default" leftSection={busy ? <Loader size={14} aria-hidden /> : <IconRefresh size={16} />} aria-busy={busy}
          onClick={() => { if (!busy) void refresh() }}>Refresh</Button>
      </Group>
      <Tabs value={tab} onChange={(v) => go(Section.Insights, v === InsightTab.Matches || v === null ? null : v)} keepMounted={false}>
        <Tabs.List aria-label="Insights">
          {TABS.map((t) => <Tabs.Tab key={t.tab} value={t.tab} leftSection={<t.icon size={16} />}>{t.label}</Tabs.Tab>)}
        </Tabs.List>
        {TABS.map((t) => <Tabs.Panel key={t.tab} value={t.tab} pt="md"><t.View /></Tabs.Panel>)}
      </Tabs>
    </Stack>
  )
}
