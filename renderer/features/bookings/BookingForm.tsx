/**
 * The booking form, in a dialog: resource, from, until and a note, as plain labelled inputs
 * (`datetime-local` works with the keyboard and every browser's own picker). Opened by "Book",
 * by a drag on the calendar (prefilled), and by "Move" (prefilled with the booking moved: on
 * save the new time is booked, then the old booking cancelled). It says before saving whether
 * the time overlaps another booking; the peer books it anyway, and both holders see the conflict.
 */
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { conflictsWith } from '../../../shared/resources/overlap.ts'
import type { BookingView } from '../../../shared/schemas/booking.ts'
import { formErrors, type Fields } from './form-check.ts'
import type { BookRequest } from './slice.ts'
import type { BookingContext } from './use-booking-context.ts'
import { fromLocalInput, rangeLabel, toLocalInput } from './week.ts'

export interface BookingDraft {
  resource: string
  from: Date
  to: Date
  note?: string
  /** Set when moving this booking. */
  moving?: BookingView
}

interface Props {
  draft: BookingDraft | null
  ctx: BookingContext
  bookings: readonly BookingView[]
  onClose(): void
  /** Resolves true when saved (the dialog closes). */
  onSubmit(req: BookRequest, moving: BookingView | undefined): Promise<boolean>
}

export function BookingForm({ draft, ctx, bookings, onClose, onSubmit }: Props) {
  const [fields, setFields] = useState<Fields>({ resource: '', from: '', to: '', note: '' })
  const [shown, setShown] = useState(false)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (!draft) return
    setFields({ resource: draft.resource, from: toLocalInput(draft.from), to: toLocalInput(draft.to), note: draft.note ?? '' })
    setShown(false)
  }, [draft])
  const moving = draft?.moving
  const errors = formErrors(fields, Date.now())
  const openOnes = ctx.bookable.filter((r) => r.status !== 'closed' || r.id === fields.resource)
  const overlaps = useMemo(() => {
    const from = fromLocalInput(fields.from)
    const to = fromLocalInput(fields.to)
    if (!from || !to || !(from < to) || !fields.resource) return []
    const candidate = { id: '\u0000candidate', resource: fields.resource, from: from.toISOString(), to: to.toISOString(), status: 'active' }
    const others = bookings.filter((b) => b.id !== moving?.id)
    const ids = new Set(conflictsWith(candidate, others))
    return others.filter((b) => ids.has(b.id))
  }, [fields.from, fields.to, fields.resource, bookings, moving])
  const set = (key: keyof Fields) => (value: string): void => setFields((f) => ({ ...f, [key]: value }))

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    setShown(true)
    if (Object.keys(errors).length > 0 || busy) return
    setBusy(true)
    const note = fields.note.trim()
    const ok = await onSubmit({
      resource: fields.resource,
      from: fromLocalInput(fields.from)!.toISOString(),
      to: fromLocalInput(fields.to)!.toISOString(),
      ...(note ? { note } : {}),
    }, moving)
    setBusy(false)
    if (ok) onClose()
  }
  const err = (key: keyof Fields): string | undefined => (shown ? errors[key] : undefined)

  return (
    <Modal opened={draft !== null} onClose={onClose} title={moving ? 'Move booking' : 'Book a tool or facility'} size="md" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form aria-label="Book" onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          {moving && (
            <Text size="sm" c="dimmed">
              Now {rangeLabel(moving.from, moving.to)}. Moving books the new time first, then cancels the old booking.
            </Text>
          )}
          <NativeSelect label="Resource" value={fields.resource} onChange={(e) => set('resource')(e.currentTarget.value)} error={err('resource')}
            data={[{ value: '', label: 'Choose…', disabled: true }, ...openOnes.map((r) => ({ value: r.id, label: `${r.title} (${r.kind})` }))]} />
          <Group grow align="flex-start">
            <TextInput type="datetime-local" label="From" value={fields.from} onChange={(e) => set('from')(e.currentTarget.value)} error={err('from')} step={1800} required />
            <TextInput type="datetime-local" label="Until" value={fields.to} onChange={(e) => set('to')(e.currentTarget.value)} error={err('to')} step={1800} required />
          </Group>
          <TextInput label="Note" description="Optional: what it is for, when you will bring it back" value={fields.note} onChange={(e) => set('note')(e.currentTarget.value)} error={err('note')} maxLength={500} />
          {overlaps.length > 0 && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="This time overlaps">
              <Stack gap={2}>
                {overlaps.map((b) => (
                  <Text key={b.id} size="sm">{b.by === ctx.me ? 'Your' : `${ctx.nameOf(b.by, b.byName)}’s`} booking {rangeLabel(b.from, b.to)}</Text>
                ))}
                <Text size="sm" c="dimmed">You can still book it; you will both see the conflict until one of you moves or cancels.</Text>
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end" mt="xs">
            <Button type="submit" loading={busy}>{moving ? 'Move booking' : 'Book'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
