/** "New proposal": the button, and the form in a dialog; once the peer took it, its page opens. */
import { Button, Modal } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconPlus } from '@tabler/icons-react'
import { useShallow } from 'zustand/react/shallow'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { ProposeForm } from './ProposeForm.tsx'
import { peerProblems, toProposeInput, type ProposeFields } from './propose-form.ts'

export function NewProposal() {
  const [opened, { open, close }] = useDisclosure(false)
  const { propose, go } = useApp(useShallow((s) => ({ propose: s.decisions.propose, go: s.nav.go })))
  const submit = async (fields: ProposeFields) => {
    const checked = toProposeInput(fields, Date.now())
    if (!checked.ok) return checked.problems
    const out = await propose(checked.value)
    if (!out.ok) return peerProblems(out.error)
    close()
    go(Section.Decisions, out.value.id)
    return null
  }
  return (
    <>
      <Button leftSection={<IconPlus size={16} />} onClick={open}>New proposal</Button>
      <Modal opened={opened} onClose={close} title="New proposal" size="lg" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
        <ProposeForm onSubmit={submit} onCancel={close} />
      </Modal>
    </>
  )
}
