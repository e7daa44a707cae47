/** "New page": a title, and the page opens once the peer made it; a refused title is said in words, what was typed kept. */
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconPlus } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { MAX_PAGE_TITLE } from '../../../shared/schemas/page.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'

export function NewPage({ initialTitle = '', label = 'New page', variant, ariaLabel }: { initialTitle?: string; label?: string; variant?: 'filled' | 'light' | 'subtle'; ariaLabel?: string }) {
  const [opened, { open, close }] = useDisclosure(false)
  return (
    <>
      <Button variant={variant} size={variant === 'subtle' ? 'compact-xs' : undefined} leftSection={<IconPlus size={16} />} onClick={open} aria-label={ariaLabel}>{label}</Button>
      <NewPageModal opened={opened} onClose={close} initialTitle={initialTitle} />
    </>
  )
}

export function NewPageModal({ opened, onClose, initialTitle }: { opened: boolean; onClose(): void; initialTitle: string }) {
  const { create, go } = useApp(useShallow((s) => ({ create: s.pages.create, go: s.nav.go })))
  const [title, setTitle] = useState(initialTitle)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (opened) { setTitle(initialTitle); setError(null) }
  }, [opened, initialTitle])
  const submit = async (): Promise<void> => {
    if (title.trim() === '') return setError('Give the page a title.')
    setBusy(true)
    const out = await create(title.trim())
    setBusy(false)
    if (!out.ok) return setError(out.error.message)
    onClose()
    go(Section.Knowledge, out.value.id)
  }
  return (
    <Modal opened={opened} onClose={onClose} title="New page" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <form aria-label="New page" onSubmit={(e) => { e.preventDefault(); void submit() }}>
        <Stack gap="sm">
          <TextInput data-autofocus label="Title" value={title} maxLength={MAX_PAGE_TITLE} error={error}
            description="Other pages link to it by this title: [[Title]]."
            onChange={(e) => { setTitle(e.currentTarget.value); setError(null) }} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={busy}>Make the page</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
