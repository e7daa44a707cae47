/** A node's edges: which way each runs, its type, and the node at its other end (a button that opens it). */
import { ActionIcon, Anchor, Group, List, Text, Tooltip } from '@mantine/core'
import { IconTrash } from '@tabler/icons-react'
import type { MapEdgeView } from '../../../shared/api/map-api.ts'

function way(e: MapEdgeView, id: string): { arrow: string; words: string } {
  if (e.direction === 'mutual') return { arrow: '↔', words: 'mutual' }
  if (e.direction === 'undirected') return { arrow: '—', words: 'undirected' }
  return e.from === id ? { arrow: '→', words: 'to' } : { arrow: '←', words: 'from' }
}

export function NodeEdges({ id, edges, mayDelete, onOpen, onDelete }: { id: string; edges: MapEdgeView[]; mayDelete: boolean; onOpen(id: string): void; onDelete(edge: MapEdgeView): void }) {
  if (edges.length === 0) return <Text size="sm" c="dimmed">No edges yet.</Text>
  return (
    <List size="sm" spacing={4} listStyleType="none" aria-label="Edges">
      {edges.map((e) => {
        const out = e.from === id
        const other = out ? { id: e.to, label: e.toLabel } : { id: e.from, label: e.fromLabel }
        const w = way(e, id)
        return (
          <List.Item key={e.id}>
            <Group gap={6} wrap="nowrap" justify="space-between">
              <Text size="sm" style={{ minWidth: 0 }}>
                <span aria-hidden>{w.arrow} </span>
                <Text span size="xs" c="dimmed">{e.type}{e.label ? ` (${e.label})` : ''}, {w.words} </Text>
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(other.id)}>{other.label}</Anchor>
              </Text>
              {mayDelete && (
                <Tooltip label="Delete this edge">
                  <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Delete the edge ${e.type} ${w.words} ${other.label}`} onClick={() => onDelete(e)}>
                    <IconTrash size={14} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          </List.Item>
        )
      })}
    </List>
  )
}
