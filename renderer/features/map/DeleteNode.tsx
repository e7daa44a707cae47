/** Deleting a node, confirmed: its edges go with it, on every peer. */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { MapNodeDetail } from '../../../shared/api/map-api.ts'
import { useApp } from '../../store/use-app.tsx'

export function DeleteNode({ node, onClose }: { node: MapNodeDetail; onClose(): void }) {
  const deleteNode = useApp((s) => s.map.deleteNode)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const confirm = async (): Promise<void> => {
    setBusy(true)
    const out = await deleteNode(node.id)
    setBusy(false)
    if (out.ok) onClose()
    else setError(out.error.message)
  }
  const edges = node.edges.length
  return (
    <Modal opened onClose={onClose} title={`Delete “${node.label}”?`} closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <Stack gap="sm">
        <Text size="sm">
          The node {edges > 0 ? `and its ${edges} edge${edges === 1 ? '' : 's'} leave` : 'leaves'} the map for everyone in the space.
        </Text>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>Keep it</Button>
          <Button color="red" loading={busy} onClick={() => void confirm()}>Delete</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
