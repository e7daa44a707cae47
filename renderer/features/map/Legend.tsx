/** What the colours say, below the drawing: the node types, or the communities (largest first), each with how many of the nodes shown. */
import { Group, Text } from '@mantine/core'
import type { MapGraphView, MapMetrics } from '../../../shared/api/map-api.ts'
import { NODE_TYPES } from '../../../shared/schemas/map.ts'
import { COMMUNITY_COLOURS, OTHER_COLOUR, TYPE_COLOURS, TYPE_WORDS } from './appearance.ts'
import type { ColourBy } from './slice.ts'
import classes from './map.module.css'

export interface LegendEntry { key: string; colour: string; words: string; count: number }

/** The legend's entries; communities by how many nodes each holds, largest first (the palette's colours go by community number). */
export function legendEntries(nodes: MapGraphView['nodes'], metrics: MapMetrics | null, colourBy: ColourBy): LegendEntry[] | null {
  if (colourBy === 'type') {
    return NODE_TYPES.map((t) => ({ key: t, colour: TYPE_COLOURS[t], words: TYPE_WORDS[t].many, count: nodes.filter((n) => n.type === t).length }))
      .filter((e) => e.count > 0)
  }
  if (!metrics) return null
  const sizes = new Map<number, number>()
  // Only the nodes given (those the filters leave) are counted.
  const given = new Set(nodes.map((n) => n.id))
  for (const m of metrics.nodes) if (given.has(m.id)) sizes.set(m.community, (sizes.get(m.community) ?? 0) + 1)
  const coloured = [...sizes].filter(([c]) => c < COMMUNITY_COLOURS.length).sort((a, b) => b[1] - a[1] || a[0] - b[0])
  const shown: LegendEntry[] = coloured.map(([c, count]) => ({ key: String(c), colour: COMMUNITY_COLOURS[c] ?? OTHER_COLOUR, words: `Community ${c + 1}`, count }))
  const rest = [...sizes].filter(([c]) => c >= COMMUNITY_COLOURS.length)
  if (rest.length > 0) shown.push({ key: 'other', colour: OTHER_COLOUR, words: `${rest.length} smaller communities`, count: rest.reduce((n, [, c]) => n + c, 0) })
  return shown
}

export function Legend({ nodes, metrics, colourBy }: { nodes: MapGraphView['nodes']; metrics: MapMetrics | null; colourBy: ColourBy }) {
  const shown = legendEntries(nodes, metrics, colourBy)
  return (
    <div className={classes.legend} role="group" aria-label="Legend">
      {shown === null
        ? <Text size="xs" c="dimmed">Communities show once the figures are computed.</Text>
        : (
            <Group gap="sm" wrap="wrap">
              {shown.map((e) => (
                <Group key={e.key} gap={6} wrap="nowrap">
                  <span className={classes.swatch} style={{ background: e.colour }} aria-hidden />
                  <Text size="xs">{e.words} <Text span inherit c="dimmed">({e.count})</Text></Text>
                </Group>
              ))}
            </Group>
          )}
    </div>
  )
}
