/**
 * The add and edit form: every field a resource has. What is wrong is said in words above the
 * buttons (and the fields concerned are marked); what was typed stays for correcting.
 */
import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { RESOURCE_KINDS, RESOURCE_STATUSES } from '../../../shared/schemas/resource.ts'
import type { PoolView } from '../../../shared/schemas/booking.ts'
import { KIND_LABEL } from './badges.tsx'
import { expires, type FieldName, type Problem, type ResourceFields } from './resource-form.ts'
import { FormProblems } from '../../ui/FormProblems.tsx'
import { useFormSubmit } from '../../ui/use-form-submit.ts'

export interface ResourceFormProps {
  mode: 'add' | 'edit'
  initial: ResourceFields
  pools: PoolView[]
  /** Resolves with the problems to show, or null when it went through. */
  onSubmit(fields: ResourceFields): Promise<Problem[] | null>
  onCancel(): void
}

export function ResourceForm({ mode, initial, pools, onSubmit, onCancel }: ResourceFormProps) {
  const [f, setF] = useState(initial)
  const { problems, busy, submit: send } = useFormSubmit<typeof f, Problem>(onSubmit)
  const set = <K extends FieldName>(k: K) => (v: ResourceFields[K]): void => setF((was) => ({ ...was, [k]: v }))
  const text = (k: FieldName) => ({
    value: f[k],
    onChange: (e: { currentTarget: { value: string } }) => set(k)(e.currentTarget.value as never),
    error: problems.some((p) => p.field === k) || undefined,
  })
  const submit = (e: FormEvent): Promise<void> => send(f, e)
  const poolOptions = [{ value: '', label: 'No pool' }, ...pools.map((p) => ({ value: p.id, label: p.name }))]
  // A pool the item names that this page does not know (yet): keep it selectable, not silently dropped.
  if (f.pool && !pools.some((p) => p.id === f.pool)) poolOptions.push({ value: f.pool, label: 'A pool not yet here' })

  return (
    <form aria-label={mode === 'add' ? 'Add a resource' : 'Edit resource'} onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect label="Kind" value={f.kind} onChange={(e) => set('kind')(e.currentTarget.value as ResourceFields['kind'])}
            disabled={mode === 'edit'} description={mode === 'edit' ? 'The kind stays as posted.' : undefined}
            data={RESOURCE_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k].one }))} />
          {mode === 'edit'
            ? <NativeSelect label="Status" value={f.status} onChange={(e) => set('status')(e.currentTarget.value as ResourceFields['status'])}
                data={RESOURCE_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))} />
            : poolOptions.length > 1 && <NativeSelect label="Pool" data={poolOptions} {...text('pool')} />}
        </SimpleGrid>
        <TextInput label="Title" required data-autofocus maxLength={200} {...text('title')} />
        <Textarea label="Description" autosize minRows={3} maxRows={10} maxLength={5000} {...text('description')} />
        <TextInput label="Tags" description="Separated by commas, e.g. garden, lending" {...text('tags')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label="Quantity" inputMode="numeric" {...text('quantity')} />
          {mode === 'edit' && poolOptions.length > 1 && <NativeSelect label="Pool" data={poolOptions} {...text('pool')} />}
          <TextInput label="Location" placeholder="e.g. the shed behind no. 12" {...text('location')} />
          <TextInput label="Availability" placeholder="e.g. weekends" {...text('availability')} />
          <TextInput label="Latitude" inputMode="decimal" {...text('lat')} />
          <TextInput label="Longitude" inputMode="decimal" {...text('lon')} />
          {expires(f.kind) && (
            <TextInput type="datetime-local" label="Expires" description="Optional: when it stops being listed" {...text('expiresAt')} />
          )}
        </SimpleGrid>
        <FormProblems problems={problems} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>Cancel</Button>
          <Button type="submit" loading={busy}>{mode === 'add' ? 'Add' : 'Save'}</Button>
        </Group>
      </Stack>
    </form>
  )
}
