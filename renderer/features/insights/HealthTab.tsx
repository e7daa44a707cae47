/**
 * Health: the figures a network weaver reads, one card each: the value, how it moved since the
 * previous snapshot (an arrow and the amount in words), a small trend line over the snapshots
 * kept on this peer, and what it means; then the bridges between the map's communities.
 */
import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { HealthResult } from '../../../shared/api/insight-api.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { LoadView } from '../../ui/LoadView.tsx'
import { relative, when } from '../../ui/when.ts'
import { unreadWords } from '../../../shared/insight/unavailable.ts'
import { changeWords, FIGURE_PARTS, figureText, FIGURES, snapshotRule, trendOf, trendPoints, type FigureDef } from './health-figures.ts'
import { InsightTab } from './slice.ts'
import { useInsightTab } from './use-tab.ts'

export function HealthTab() {
  const { data, retry } = useInsightTab(InsightTab.Health)
  return (
    <LoadView what="the health figures" data={data} retry={retry} isEmpty={(v) => v === null} empty={null}>
      {(v) => <Figures health={v!} />}
    </LoadView>
  )
}

function Figures({ health }: { health: HealthResult }) {
  const go = useApp((s) => s.nav.go)
  const { figures, previous } = health
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {previous
          ? `Changes since the snapshot of ${when(previous.at)} (${relative(previous.at)}); ${health.history.length} snapshot${health.history.length === 1 ? '' : 's'} kept on this device.`
          : 'The first snapshot of this space: changes show from the next one.'}
        {' '}{snapshotRule(health.snapshotEveryMinutes)}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Health figures">
        {FIGURES.map((def) => <FigureCard key={def.key} def={def} health={health} />)}
      </SimpleGrid>
      <Stack component="section" gap={6} aria-labelledby="bridges-title">
        <Title order={3} size="h4" id="bridges-title">Bridges</Title>
        <Text size="sm" c="dimmed">Nodes whose links reach into more than one community of the map: who holds the network together.</Text>
        {figures.bridges.length === 0
          ? <Text size="sm" fs="italic">No node links two communities yet.</Text>
          : (
            <List size="sm" spacing={4} aria-label="Bridges">
              {figures.bridges.map((b) => (
                <List.Item key={b.id}>
                  <Anchor component="button" type="button" size="sm" onClick={() => go(Section.Map, b.id)}>{b.label}</Anchor>
                  <Text span size="sm" c="dimmed"> · reaches {b.communities} communities</Text>
                </List.Item>
              ))}
            </List>
          )}
      </Stack>
    </Stack>
  )
}

function FigureCard({ def, health }: { def: FigureDef; health: HealthResult }) {
  const value = health.figures[def.key]
  const unread = FIGURE_PARTS[def.key].filter((p) => (health.unavailable ?? []).includes(p))
  const change = changeWords(health.change[def.key], def.format)
  const trend = trendOf(health.history, def.key)
  const titleId = `figure-${def.key}`
  return (
    <Card component="li" withBorder padding="sm" aria-labelledby={titleId}>
      <Stack gap={4}>
        <Text size="sm" fw={600} id={titleId}>{def.label}</Text>
        <Group gap={8} align="baseline" wrap="nowrap">
          <Text fz={28} fw={700} lh={1.1} data-testid={`figure-${def.key}`}>{figureText(value, def.format)}</Text>
          {def.of && <Text size="sm" c="dimmed">{def.of(health.figures)}</Text>}
        </Group>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm">
            {change ? <><span aria-hidden>{change.arrow} </span>{change.text}</> : <Text span size="sm" c="dimmed">no earlier snapshot</Text>}
          </Text>
          <TrendLine values={trend} label={def.label} format={def.format} />
        </Group>
        <Text size="xs" c="dimmed">{unread.length > 0 ? `Not shown — ${unreadWords(unread)}. ` : value === null ? 'Nothing to compute this from yet. ' : ''}{def.means}</Text>
      </Stack>
    </Card>
  )
}

const W = 96
const H = 28

/** A small line of a figure over the snapshots (inline SVG); its words say where it went, for those who do not see it. */
function TrendLine({ values, label, format }: { values: number[]; label: string; format: FigureDef['format'] }) {
  if (values.length < 2) return null
  const words = `${label} over the last ${values.length} snapshots: from ${figureText(values[0]!, format)} to ${figureText(values.at(-1)!, format)}`
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={words} style={{ flex: 'none' }}>
      <title>{words}</title>
      <polyline points={trendPoints(values, W, H)} fill="none" stroke="var(--mantine-primary-color-filled)" strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  )
}
