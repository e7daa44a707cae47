/** Adding a node, and editing one: what is wrong is said in words above the buttons, and what was typed stays. */
import { Button, Group, Modal, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { MapNodeView } from '../../../shared/api/map-api.ts'
import { NODE_TYPES, type NodeType } from '../../../shared/schemas/map.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { FormProblems } from '../../ui/FormProblems.tsx'
import { useFormSubmit } from '../../ui/use-form-submit.ts'
import { TYPE_WORDS } from './appearance.ts'
import { checkEdit, checkNew, EMPTY_NODE, fieldsOf, peerProblems, type NodeFields, type Problem } from './node-form.ts'

interface NodeFormProps {
  title: string
  initial: NodeFields
  submitLabel: string
  onSubmit(fields: NodeFields): Promise<Problem[] | null>
  onCancel(): void
}

function NodeForm({ title, initial, submitLabel, onSubmit, onCancel }: NodeFormProps) {
  const [f, setF] = useState(initial)
  const { problems, busy, submit } = useFormSubmit<NodeFields, Problem>(onSubmit)
  const text = (k: Exclude<keyof NodeFields, 'type'>) => ({
    value: f[k],
    onChange: (e: { currentTarget: { value: string } }) => { const v = e.currentTarget.value; setF((was) => ({ ...was, [k]: v })) },
    error: problems.some((p) => p.field === k) || undefined,
  })
  return (
    <form aria-label={title} onSubmit={(e: FormEvent) => void submit(f, e)} noValidate>
      <Stack gap="sm">
        <NativeSelect label="Type" value={f.type} onChange={(e) => { const type = e.currentTarget.value as NodeType; setF((was) => ({ ...was, type })) }}
          data={NODE_TYPES.map((t) => ({ value: t, label: TYPE_WORDS[t].one }))} />
        <TextInput label="Name" required data-autofocus maxLength={200} {...text('label')} />
        <Textarea label="Description" autosize minRows={2} maxRows={8} maxLength={5000} {...text('description')} />
        <TextInput label="Web address" placeholder="https://…" {...text('url')} />
        <TextInput label="Tags" description="Separated by commas, e.g. food, funder" {...text('tags')} />
        <FormProblems problems={problems} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>Cancel</Button>
          <Button type="submit" loading={busy}>{submitLabel}</Button>
        </Group>
      </Stack>
    </form>
  )
}

export function AddNode({ onClose }: { onClose(): void }) {
  const addNode = useApp((s) => s.map.addNode)
  const go = useApp((s) => s.nav.go)
  const onSubmit = async (f: NodeFields): Promise<Problem[] | null> => {
    const checked = checkNew(f)
    if (!checked.ok) return checked.problems
    const out = await addNode(checked.value)
    if (!out.ok) return peerProblems(out.error)
    onClose()
    go(Section.Map, out.value.id)
    return null
  }
  return (
    <Modal opened onClose={onClose} title="Add a node" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <NodeForm title="Add a node" initial={EMPTY_NODE} submitLabel="Add" onSubmit={onSubmit} onCancel={onClose} />
    </Modal>
  )
}

export function EditNode({ node, onClose }: { node: MapNodeView; onClose(): void }) {
  const editNode = useApp((s) => s.map.editNode)
  const onSubmit = async (f: NodeFields): Promise<Problem[] | null> => {
    const checked = checkEdit(node, f)
    if (!checked.ok) return checked.problems
    const out = await editNode(node.id, checked.value)
    if (!out.ok) return peerProblems(out.error)
    onClose()
    return null
  }
  return (
    <Modal opened onClose={onClose} title={`Edit “${node.label}”`} closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <NodeForm title="Edit node" initial={fieldsOf(node)} submitLabel="Save" onSubmit={onSubmit} onCancel={onClose} />
    </Modal>
  )
}
