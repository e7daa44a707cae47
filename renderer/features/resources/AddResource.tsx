/** "Add a resource": the button, and the form in a modal; it closes once the peer took the item. */
import { Button, Modal } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconPlus } from '@tabler/icons-react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../../store/use-app.tsx'
import { ResourceForm } from './ResourceForm.tsx'
import { EMPTY_FIELDS, peerProblems, toInput, type ResourceFields } from './resource-form.ts'

export function AddResource({ kind }: { kind?: ResourceFields['kind'] | undefined }) {
  const [opened, { open, close }] = useDisclosure(false)
  const { add, pools } = useApp(useShallow((s) => ({ add: s.resources.add, pools: s.resources.pools.value })))
  const submit = async (fields: ResourceFields) => {
    const checked = toInput(fields)
    if (!checked.ok) return checked.problems
    const out = await add(checked.value)
    if (!out.ok) return peerProblems(out.error, fields.tags)
    close()
    return null
  }
  return (
    <>
      <Button leftSection={<IconPlus size={16} />} onClick={open}>Add a resource</Button>
      <Modal opened={opened} onClose={close} title="Add a resource" size="lg" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
        <ResourceForm mode="add" initial={{ ...EMPTY_FIELDS, ...(kind ? { kind } : {}) }} pools={pools} onSubmit={submit} onCancel={close} />
      </Modal>
    </>
  )
}
