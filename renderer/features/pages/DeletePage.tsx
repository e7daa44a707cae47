/** "Delete page", with a confirmation that says what deleting does. */
import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import type { PageView } from '../../../shared/api/pages-api.ts'
import { useApp } from '../../store/use-app.tsx'

export function DeletePage({ page }: { page: PageView }) {
  const [opened, { open, close }] = useDisclosure(false)
  const remove = useApp((s) => s.pages.remove)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const confirm = async (): Promise<void> => {
    setBusy(true)
    const out = await remove(page.id)
    setBusy(false)
    if (out.ok) close()
    else setError(out.error.message)
  }
  return (
    <>
      <Button variant="subtle" color="red" size="compact-sm" leftSection={<IconTrash size={14} />} onClick={() => { setError(null); open() }}>Delete page</Button>
      <Modal opened={opened} onClose={close} title={`Delete “${page.title}”?`} closeButtonProps={{ 'aria-label': 'Dismiss' }}>
        <Stack gap="sm">
          <Text size="sm">
            It goes from every member’s list as their peers sync.
            {page.backlinks.length > 0 && ` ${page.backlinks.length === 1 ? 'One page links' : `${page.backlinks.length} pages link`} to it; those links will lead nowhere.`}
          </Text>
          {error && <Text size="sm" c="red" role="alert">{error}</Text>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>Keep it</Button>
            <Button color="red" loading={busy} onClick={() => void confirm()}>Delete</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
