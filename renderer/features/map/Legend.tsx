/** What the colours say: the node types, or the communities (largest first), each with how many nodes. */
import { Group, Paper, Stack, Text } from '@mantine/core'
import type { MapMetrics, MapView } from '../../../shared/api/map-api.ts'
import { NODE_TYPES } from '../../../shared/schemas/map.ts'
import { COMMUNITY_COLOURS, OTHER_COLOUR, TYPE_COLOURS, TYPE_WORDS } from './appearance.ts'
import type { ColourBy } from './slice.ts'
import classes from './map.module.css'

interface Entry { key: string; colour: string; words: string; count: number }

function entries(value: MapView, metrics: MapMetrics | null, colourBy: ColourBy): Entry[] | null {
  if (colourBy === 'type') {
    return NODE_TYPES.map((t) => ({ key: t, colour: TYPE_COLOURS[t], words: TYPE_WORDS[t].many, count: value.nodes.filter((n) => n.type === t).length }))
      .filter((e) => e.count > 0)
  }
  if (!metrics) return null
  const sizes = new Map<number, number>()
  for (const m of metrics.nodes) sizes.set(m.community, (sizes.get(m.community) ?? 0) + 1)
  const shown: Entry[] = [...sizes].sort((a, b) => a[0] - b[0]).slice(0, COMMUNITY_COLOURS.length)
    .map(([c, count]) => ({ key: String(c), colour: COMMUNITY_COLOURS[c] ?? OTHER_COLOUR, words: `Community ${c + 1}`, count }))
  const rest = [...sizes].filter(([c]) => c >= COMMUNITY_COLOURS.length)
  if (rest.length > 0) shown.push({ key: 'other', colour: OTHER_COLOUR, words: `${rest.length} smaller communities`, count: rest.reduce((n, [, c]) => n + c, 0) })
  return shown
}

export function Legend({ value, metrics, colourBy }: { value: MapView; metrics: MapMetrics | null; colourBy: ColourBy }) {
  const shown = entries(value, metrics, colourBy)
  return (
    <Paper withBorder shadow="xs" p="xs" className={`${classes.overlay} ${classes.legend}`} role="group" aria-label="Legend">
      {shown === null
        ? <Text size="xs" c="dimmed">Communities show once the figures are computed.</Text>
        : (
            <Stack gap={2}>
              {shown.map((e) => (
                <Group key={e.key} gap={6} wrap="nowrap">
                  <span className={classes.swatch} style={{ background: e.colour }} aria-hidden />
                  <Text size="xs">{e.words} <Text span inherit c="dimmed">({e.count})</Text></Text>
                </Group>
              ))}
            </Stack>
          )}
    </Paper>
  )
}
