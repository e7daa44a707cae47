/**
 * Find a node: typing narrows the list by label (or tag; node-match.ts says how), ↑ ↓ choose,
 * Enter or a click opens it (the camera goes to it and its panel opens). It lists the nodes the
 * filters leave on the map (`nodes`); a node's links are counted over the whole map. The
 * keyboard's way to every node, since the canvas is not. At most 100 are listed at once; typing narrows to the rest. Until the map's
 * first frame is on the screen only the first 30 are (the canvas's first layout would lay out
 * every row with it).
 */
import { Stack, Text, Title } from '@mantine/core'
import { useEffect, useMemo, useState } from 'react'
import type { MapGraphView, NodeMetrics } from '../../../shared/api/map-api.ts'
import { PickList } from '../../ui/PickList.tsx'
import { TYPE_WORDS } from './appearance.ts'
import { findNodes, nodeKeys, type NodeKeys } from './node-match.ts'
import { firstFrameShown } from './render-marks.ts'

const LISTED = 100
const LISTED_FIRST = 30
/** One collator for every comparison: far cheaper than localeCompare on each of thousands of labels. */
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

export function NodeFinder({ value, nodes, metrics, onOpen, counts }: { value: MapGraphView; nodes: MapGraphView['nodes']; metrics: readonly NodeMetrics[] | null; onOpen(id: string): void; counts: string }) {
  const [query, setQuery] = useState('')
  const [listed, setListed] = useState(LISTED_FIRST)
  useEffect(() => {
    let live = true
    void firstFrameShown.then(() => { if (live) setListed(LISTED) })
    return () => { live = false }
  }, [])
  const degree = useMemo(() => {
    const d = new Map<string, number>()
    for (const e of value.edges) {
      d.set(e.from, (d.get(e.from) ?? 0) + 1)
      d.set(e.to, (d.get(e.to) ?? 0) + 1)
    }
    return d
  }, [value.edges])
  const sorted = useMemo(() => [...nodes].sort((a, b) => byName.compare(a.label, b.label)), [nodes])
  const keys = useMemo(() => new Map<string, NodeKeys>(value.nodes.map((n) => [n.id, nodeKeys(n)])), [value.nodes])
  const matches = useMemo(() => findNodes(sorted, (n) => keys.get(n.id) ?? nodeKeys(n), query), [sorted, keys, query])
  const shown = matches.slice(0, listed)
  const community = useMemo(() => new Map((metrics ?? []).map((m) => [m.id, m.community])), [metrics])
  const hint = (id: string, type: keyof typeof TYPE_WORDS): string => {
    const links = degree.get(id) ?? 0
    const c = community.get(id)
    return `${TYPE_WORDS[type].one} · ${links} link${links === 1 ? '' : 's'}${c === undefined ? '' : ` · community ${c + 1}`}`
  }
  const hidden = nodes.length < value.nodes.length
  const none = query.trim() === '' ? 'The filters leave no node on the map.' : `No node${hidden ? ' the filters leave' : ''} matches “${query}”.`
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">Nodes <Text span inherit c="dimmed" fw={400} size="sm">· {counts}</Text></Title>
      <PickList inputLabel="Find a node" listLabel="Nodes" placeholder="Type a name or a tag" query={query} onQuery={setQuery}
        choices={shown.map((n) => ({ key: n.id, label: n.label, hint: hint(n.id, n.type) }))}
        onPick={(i) => { const n = shown[i]; if (n) onOpen(n.id) }} none={none} maxHeight={360} />
      {matches.length > shown.length && <Text size="xs" c="dimmed">Showing {shown.length} of {matches.length}: type to narrow.</Text>}
    </Stack>
  )
}
