/**
 * One node's panel: what it is (type, description, web address, tags, attributes), its edges
 * with the other ends by name, its figures and the resources it links to; editing, linking and
 * deleting where the peer says this member may.
 */
import { Anchor, Badge, Button, CloseButton, Group, List, Stack, Table, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useState } from 'react'
import { IconExternalLink, IconLink, IconPencil, IconTrash } from '@tabler/icons-react'
import { useShallow } from 'zustand/react/shallow'
import type { MapEdgeView, MapNodeDetail } from '../../../shared/api/map-api.ts'
import type { AttributeValue } from '../../../shared/schemas/map.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { OpenItem } from '../../ui/OpenItem.tsx'
import { when } from '../../ui/when.ts'
import { TYPE_COLOURS, TYPE_WORDS } from './appearance.ts'
import { DeleteEdge, DeleteNode } from './DeleteNode.tsx'
import { EditNode } from './NodeForm.tsx'
import { LinkNodes } from './LinkForm.tsx'
import { NodeEdges } from './NodeEdges.tsx'
import { NodeFigures } from './NodeFigures.tsx'

const WEB = /^https?:\/\//i

function attributeText(v: AttributeValue): string {
  if (Array.isArray(v)) return v.join(', ')
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  return String(v)
}

export function NodePanel({ id, onClose }: { id: string; onClose(): void }) {
  const { open, show } = useApp(useShallow((s) => ({ open: s.map.open, show: s.map.show })))
  return (
    <Stack gap="sm">
      <Group justify="flex-end"><CloseButton aria-label="Close the node, back to the list" onClick={onClose} /></Group>
      <OpenItem what="node" data={open} retry={() => void show(id)}>
        {(node) => <NodeDetail node={node} />}
      </OpenItem>
    </Stack>
  )
}

function NodeDetail({ node }: { node: MapNodeDetail }) {
  const { go, metrics } = useApp(useShallow((s) => ({ go: s.nav.go, metrics: s.map.metrics.value })))
  const [editing, edit] = useDisclosure(false)
  const [linking, link] = useDisclosure(false)
  const [deleting, del] = useDisclosure(false)
  const [edgeGoing, setEdgeGoing] = useState<MapEdgeView | null>(null)
  const figures = node.metrics ?? metrics?.nodes.find((m) => m.id === node.id) ?? null
  const attributes = Object.entries(node.attributes)
  const openNode = (id: string): void => go(Section.Map, id)
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>{node.label}</Title>
        <Group gap={6}>
          <Badge variant="light" color="gray" leftSection={<span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: TYPE_COLOURS[node.type] }} aria-hidden />}>
            {TYPE_WORDS[node.type].one}
          </Badge>
          {node.tags.map((t) => <Badge key={t} variant="outline" size="sm">{t}</Badge>)}
        </Group>
      </Stack>
      {node.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{node.description}</Text>}
      {node.url && (WEB.test(node.url)
        ? <Anchor size="sm" href={node.url} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>{node.url} <IconExternalLink size={12} aria-hidden /></Anchor>
        : <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{node.url}</Text>)}
      <Text size="xs" c="dimmed">{node.createdByName ? `Added by ${node.createdByName}, ` : 'Added '}{when(node.createdAt)}</Text>
      {(node.may.edit || node.may.delete) && (
        <Group gap="xs">
          {node.may.edit && <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={edit.open}>Edit</Button>}
          {node.may.edit && <Button size="xs" variant="default" leftSection={<IconLink size={14} aria-hidden />} onClick={link.open}>Link to…</Button>}
          {node.may.delete && <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={del.open}>Delete</Button>}
        </Group>
      )}
      {attributes.length > 0 && (
        <section aria-label="Attributes">
          <Title order={4} size="h6">Attributes</Title>
          <Table withRowBorders={false} verticalSpacing={2} fz="sm">
            <Table.Tbody>
              {attributes.map(([k, v]) => <Table.Tr key={k}><Table.Th fw={500}>{k}</Table.Th><Table.Td style={{ overflowWrap: 'anywhere' }}>{attributeText(v)}</Table.Td></Table.Tr>)}
            </Table.Tbody>
          </Table>
        </section>
      )}
      <section aria-label="Figures">
        <Title order={4} size="h6">Figures</Title>
        <NodeFigures metrics={figures} />
      </section>
      <section aria-label={`Edges (${node.edges.length})`}>
        <Title order={4} size="h6">Edges ({node.edges.length})</Title>
        <NodeEdges id={node.id} edges={node.edges} mayDelete={node.may.edit} onOpen={openNode} onDelete={setEdgeGoing} />
      </section>
      {node.linkedResources.length > 0 && (
        <section aria-label="Linked resources">
          <Title order={4} size="h6">Linked resources</Title>
          <List size="sm" listStyleType="none">
            {node.linkedResources.map((r) => (
              <List.Item key={r.id}>
                <Anchor component="button" type="button" size="sm" onClick={() => go(Section.Resources, r.id)}>{r.title}</Anchor>
                <Text span size="xs" c="dimmed"> · {r.kind}, {r.status}</Text>
              </List.Item>
            ))}
          </List>
        </section>
      )}
      {editing && <EditNode node={node} onClose={edit.close} />}
      {linking && <LinkNodes from={node} onClose={link.close} />}
      {deleting && <DeleteNode node={node} onClose={del.close} />}
      {edgeGoing && <DeleteEdge edge={edgeGoing} onClose={() => setEdgeGoing(null)} />}
    </Stack>
  )
}
