/**
 * Bookings: a week calendar per tool or facility. Pick one (the resources board opens one
 * with `go('bookings', id)`), see its week, book by dragging over the calendar or with the
 * "Book" form, and see conflicts — overlapping bookings, worked out by the peer — named to
 * both holders, with what each may do about them. Below, every upcoming booking of the space.
 */
import { ActionIcon, Button, Group, NativeSelect, Stack, Text, Title, Tooltip } from '@mantine/core'
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { BookingView } from '../../../shared/schemas/booking.ts'
import { Section } from '../../app/nav-slice.ts'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { useApp } from '../../store/use-app.tsx'
import { BookingForm, type BookingDraft } from './BookingForm.tsx'
import { CancelConfirm } from './CancelConfirm.tsx'
import { ConflictList } from './ConflictList.tsx'
import { conflictPairs } from './conflicts.ts'
import { UpcomingList } from './UpcomingList.tsx'
import { useBookingContext } from './use-booking-context.ts'
import { WeekCalendar } from './WeekCalendar.tsx'
import { addDays, weekLabel, weekStart } from './week.ts'

export function BookingsView() {
  const ctx = useBookingContext()
  const resources = useApp((s) => s.resources.list)
  const bookings = useApp((s) => s.bookings.list)
  const { item, go } = useApp(useShallow((s) => ({ item: s.nav.item, go: s.nav.go })))
  const actions = useApp(useShallow((s) => ({ book: s.bookings.book, move: s.bookings.move, cancel: s.bookings.cancel, refresh: s.bookings.refresh, refreshResources: s.resources.refresh })))
  const [monday, setMonday] = useState(() => weekStart(Date.now()))
  const [draft, setDraft] = useState<BookingDraft | null>(null)
  const [cancelling, setCancelling] = useState<BookingView | null>(null)
  const [pinned, setPinned] = useState<string | null>(null)

  const pairs = useMemo(() => conflictPairs(bookings.value, ctx.me, ctx.nameOf), [bookings.value, ctx])
  const conflictsByResource = useMemo(() => {
    const m = new Map<string, number>()
    for (const b of bookings.value) if (b.conflicts.length > 0) m.set(b.resource, (m.get(b.resource) ?? 0) + 1)
    return m
  }, [bookings.value])
  // The one asked for (a link from Resources), else one with a conflict, else one with bookings, else the first.
  // Once chosen so, it stays (a conflict appearing elsewhere must not switch the calendar under the user).
  const chosen = (item !== null ? ctx.bookable.find((r) => r.id === item) ?? ctx.bookable.find((r) => r.id.startsWith(item)) : undefined)
    ?? ctx.bookable.find((r) => r.id === pinned)
    ?? ctx.bookable.find((r) => conflictsByResource.has(r.id))
    ?? ctx.bookable.find((r) => bookings.value.some((b) => b.resource === r.id))
    ?? ctx.bookable[0] ?? null
  useEffect(() => {
    if (chosen && bookings.status === 'ready' && pinned !== chosen.id) setPinned(chosen.id)
  }, [chosen, bookings.status, pinned])
  const ofChosen = useMemo(() => bookings.value.filter((b) => b.resource === chosen?.id), [bookings.value, chosen?.id])
  const weekEnd = addDays(monday, 7).getTime()
  const thisWeek = ofChosen.filter((b) => Date.parse(b.from) < weekEnd && Date.parse(b.to) > monday.getTime())
  const open = chosen !== null && chosen.status !== 'closed'
  const canBookHere = ctx.canBook && open

  const newDraft = (from?: Date, to?: Date): void => {
    const start = from ?? nextHalfHour()
    setDraft({ resource: open ? chosen.id : (ctx.bookable.find((r) => r.status !== 'closed')?.id ?? ''), from: start, to: to ?? new Date(start.getTime() + 3_600_000) })
  }
  const moveDraft = (b: BookingView): void => {
    setDraft({ resource: b.resource, from: new Date(b.from), to: new Date(b.to), ...(b.note ? { note: b.note } : {}), moving: b })
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Bookings</Title>
        {ctx.canBook && ctx.bookable.some((r) => r.status !== 'closed') && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => newDraft()}>Book</Button>
        )}
      </Group>
      <LoadView what="tools and facilities" data={resources} retry={() => void actions.refreshResources()} isEmpty={() => ctx.bookable.length === 0}
        empty={
          <EmptyState title="Nothing to book yet" action={<Button variant="light" onClick={() => go(Section.Resources)}>Go to Resources</Button>}>
            Add a tool or facility in Resources to book it.
          </EmptyState>
        }>
        {() => chosen && (
          <Stack gap="md">
            <Group justify="space-between" align="flex-end" wrap="wrap">
              <NativeSelect label="Tool or facility" value={chosen.id} onChange={(e) => go(Section.Bookings, e.currentTarget.value)} miw={260}
                data={ctx.bookable.map((r) => {
                  const n = conflictsByResource.get(r.id)
                  return { value: r.id, label: `${r.title}${r.status === 'closed' ? ' (closed)' : ''}${n ? ` — ${n} overlapping` : ''}` }
                })} />
              <Group gap="xs" wrap="nowrap">
                <Tooltip label="Previous week"><ActionIcon variant="default" size="lg" aria-label="Previous week" onClick={() => setMonday((m) => addDays(m, -7))}><IconChevronLeft size={18} /></ActionIcon></Tooltip>
                <Button variant="default" onClick={() => setMonday(weekStart(Date.now()))}>Today</Button>
                <Tooltip label="Next week"><ActionIcon variant="default" size="lg" aria-label="Next week" onClick={() => setMonday((m) => addDays(m, 7))}><IconChevronRight size={18} /></ActionIcon></Tooltip>
                <Text fw={600} ml="xs" aria-live="polite" miw={170}>{weekLabel(monday)}</Text>
              </Group>
            </Group>
            {!ctx.canBook && <Text size="sm" c="dimmed">You can see the bookings here; booking needs write access to this space.</Text>}
            {ctx.canBook && !open && <Text size="sm" c="dimmed">“{chosen.title}” is closed: it cannot be booked until its owner reopens it.</Text>}
            <LoadView what="bookings" data={bookings} retry={() => void actions.refresh()} isEmpty={() => false} empty={null}>
              {() => (
                <Stack gap="md">
                  <ConflictList pairs={pairs} ctx={ctx} onCancel={setCancelling} onMove={moveDraft} shownResource={chosen.id} onOpen={(id) => go(Section.Bookings, id)} />
                  <Stack gap={6}>
                    <Text size="sm" c="dimmed">
                      {thisWeek.length === 0 ? 'No bookings this week. ' : ''}
                      {canBookHere ? 'Drag over the calendar to book a time, or use Book.' : ''}
                    </Text>
                    <WeekCalendar monday={monday} bookings={ofChosen} ctx={ctx} canDrag={canBookHere}
                      onRange={(from, to) => newDraft(from, to)} onCancel={setCancelling} onMove={moveDraft} />
                  </Stack>
                  <UpcomingList bookings={bookings.value} ctx={ctx} onOpen={(id) => go(Section.Bookings, id)} onCancel={setCancelling} />
                </Stack>
              )}
            </LoadView>
          </Stack>
        )}
      </LoadView>
      <BookingForm draft={draft} ctx={ctx} bookings={bookings.value} onClose={() => setDraft(null)}
        onSubmit={async (req, moving) => (moving ? actions.move(moving, req) : actions.book(req)).then((b) => {
          if (b) setMonday(weekStart(Date.parse(b.from)))
          if (b && b.resource !== chosen?.id) go(Section.Bookings, b.resource)
          return b !== null
        })} />
      <CancelConfirm booking={cancelling} ctx={ctx} onClose={() => setCancelling(null)} onConfirm={actions.cancel} />
    </Stack>
  )
}

/** The next half hour from now: where a new booking starts unless dragged elsewhere. */
function nextHalfHour(): Date {
  const d = new Date(Date.now() + 30 * 60_000)
  d.setMinutes(d.getMinutes() < 30 ? 0 : 30, 0, 0)
  return d
}
