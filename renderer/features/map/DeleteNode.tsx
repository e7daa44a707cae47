/** Deleting a node or an edge, confirmed: it leaves the map on every peer (a node's edges go with it); a refusal is said in words. */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { MapEdgeView, MapNodeDetail } from '../../../shared/api/map-api.ts'
import { useApp } from '../../store/use-app.tsx'
import type { MapOutcome } from './slice.ts'

function ConfirmDelete({ title, words, run, onClose }: { title: string; words: string; run(): Promise<MapOutcome<unknown>>; onClose(): void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const confirm = async (): Promise<void> => {
    setBusy(true)
    const out = await run()
    setBusy(false)
    if (out.ok) onClose()
    else setError(out.error.message)
  }
  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <Stack gap="sm">
        <Text size="sm">{words}</Text>
        {error && <Alert color="red" role="alert" title="It was not deleted">{error}</Alert>}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>Keep it</Button>
          <Button color="red" loading={busy} onClick={() => void confirm()}>Delete</Button>
        </Group>
      </Stack>
    </Modal>
  )
}

export function DeleteNode({ node, onClose }: { node: MapNodeDetail; onClose(): void }) {
  const deleteNode = useApp((s) => s.map.deleteNode)
  const edges = node.edges.length
  return (
    <ConfirmDelete title={`Delete “${node.label}”?`} run={() => deleteNode(node.id)} onClose={onClose}
      words={`The node ${edges > 0 ? `and its ${edges} edge${edges === 1 ? '' : 's'} leave` : 'leaves'} the map for everyone in the space.`} />
  )
}

export function DeleteEdge({ edge, onClose }: { edge: MapEdgeView; onClose(): void }) {
  const deleteEdge = useApp((s) => s.map.deleteEdge)
  const ends = `“${edge.fromLabel}” and “${edge.toLabel}”`
  return (
    <ConfirmDelete title={`Delete the edge “${edge.type}”?`} run={() => deleteEdge(edge.id)} onClose={onClose}
      words={`The edge “${edge.type}” between ${ends} leaves the map for everyone in the space; the two nodes stay.`} />
  )
}
