/**
 * The "New proposal" form: title, details, the process (its one line said under the choice),
 * an optional quorum, and when it closes (presets, or a chosen time). What is wrong is said in
 * words above the buttons and the fields concerned are marked; what was typed stays.
 */
import { Button, Group, NativeSelect, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { PROCESS_LINE, PROCESSES, type Process } from '../../../shared/schemas/decision.ts'
import { when } from '../../ui/when.ts'
import { AT_TIME, CLOSE_PRESETS, closesOn, EMPTY_PROPOSAL, type Field, type Problem, type ProposeFields } from './propose-form.ts'
import { PROCESS_LABEL } from './words.ts'
import { FormProblems } from '../../ui/FormProblems.tsx'
import { useFormSubmit } from '../../ui/use-form-submit.ts'

export interface ProposeFormProps {
  /** Resolves with the problems to show, or null when it went through. */
  onSubmit(fields: ProposeFields): Promise<Problem[] | null>
  onCancel(): void
}

export function ProposeForm({ onSubmit, onCancel }: ProposeFormProps) {
  const [f, setF] = useState<ProposeFields>(EMPTY_PROPOSAL)
  const { problems, busy, submit: send } = useFormSubmit<typeof f, Problem>(onSubmit)
  const set = <K extends Field>(k: K) => (v: ProposeFields[K]): void => setF((was) => ({ ...was, [k]: v }))
  const marked = (k: Field): true | undefined => problems.some((p) => p.field === k) || undefined
  const submit = (e: FormEvent): Promise<void> => send(f, e)
  const closing = closesOn(f, Date.now())

  return (
    <form aria-label="New proposal" onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <TextInput label="Title" required data-autofocus maxLength={200} placeholder="e.g. Buy a shared cargo bike"
          value={f.title} onChange={(e) => set('title')(e.currentTarget.value)} error={marked('title')} />
        <Textarea label="Details" description="What is proposed, why, and what it would cost or change" autosize minRows={3} maxRows={10} maxLength={10_000}
          value={f.details} onChange={(e) => set('details')(e.currentTarget.value)} error={marked('details')} />
        <NativeSelect label="Process" description={PROCESS_LINE[f.process]} value={f.process} error={marked('process')}
          onChange={(e) => set('process')(e.currentTarget.value as Process)}
          data={PROCESSES.map((p) => ({ value: p, label: PROCESS_LABEL[p] }))} />
        <TextInput label="Quorum (%)" description="Optional: the share of members who must take part" inputMode="numeric" placeholder="none" maw={360}
          value={f.quorum} onChange={(e) => set('quorum')(e.currentTarget.value)} error={marked('quorum')} />
        <Radio.Group label="Closes" value={f.closes} onChange={set('closes')} error={marked('closes')}>
          <Group gap="md" mt={6}>
            {CLOSE_PRESETS.map((p) => <Radio key={p.value} value={p.value} label={p.label} />)}
            <Radio value={AT_TIME} label="At a time" />
          </Group>
        </Radio.Group>
        {f.closes === AT_TIME && (
          <TextInput type="datetime-local" label="Closes at" value={f.closesAt} maw={280}
            onChange={(e) => set('closesAt')(e.currentTarget.value)} error={marked('closesAt')} />
        )}
        <Text size="sm" c="dimmed" aria-live="polite">{closing ? `Closes on ${when(closing.toISOString())}.` : 'Choose when it closes.'}</Text>
        <FormProblems problems={problems} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>Cancel</Button>
          <Button type="submit" loading={busy}>Propose</Button>
        </Group>
      </Stack>
    </form>
  )
}
