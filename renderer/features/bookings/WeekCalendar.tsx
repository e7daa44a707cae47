/**
 * One resource's week: seven day columns by 24 hours, bookings as blocks (holder and times; a
 * warning where one overlaps another), the past shaded, a line at now. Pressing an empty slot
 * and dragging marks a range in 30-minute steps; letting go opens the booking form with it.
 * (The "Book" button does the same from the keyboard.)
 */
import { Box, Text, useComputedColorScheme } from '@mantine/core'
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import type { BookingView } from '../../../shared/schemas/booking.ts'
import { BookingBlock } from './BookingBlock.tsx'
import type { BookingContext } from './use-booking-context.ts'
import { atMinutes, dayLabel, dragRange, layoutWeek, snapDown, weekDays, DAY_MINUTES, MINUTE, SNAP_MINUTES } from './week.ts'

export const HOUR_PX = 44
const PX_PER_MIN = HOUR_PX / 60
const GUTTER = 52
const HOURS = Array.from({ length: 24 }, (_, h) => h)

interface Props {
  monday: Date
  bookings: readonly BookingView[]
  ctx: BookingContext
  /** Whether drags book (the member may book, and the resource is open). */
  canDrag: boolean
  onRange(from: Date, to: Date): void
  onCancel(b: BookingView): void
  onMove(b: BookingView): void
}

interface Drag { day: number; downMin: number; nowMin: number }

export function WeekCalendar({ monday, bookings, ctx, canDrag, onRange, onCancel, onMove }: Props) {
  const days = useMemo(() => weekDays(monday), [monday])
  const placed = useMemo(() => layoutWeek(bookings, monday), [bookings, monday])
  const now = useNow()
  const scroller = useRef<HTMLDivElement>(null)
  const [drag, setDrag] = useState<Drag | null>(null)
  const dark = useComputedColorScheme('light') === 'dark'

  // Open the week at 07:00, or earlier when a booking starts earlier.
  useEffect(() => {
    const first = placed.reduce((m, p) => Math.min(m, p.startMin), 7 * 60)
    if (scroller.current) scroller.current.scrollTop = Math.max(0, first - 30) * PX_PER_MIN
  }, [monday]) // only when the week changes, not on every refresh

  const minuteAt = (e: ReactPointerEvent<HTMLDivElement>): number => {
    const rect = e.currentTarget.getBoundingClientRect()
    return (e.clientY - rect.top) / PX_PER_MIN
  }
  const down = (day: number) => (e: ReactPointerEvent<HTMLDivElement>): void => {
    if (!canDrag || e.button !== 0 || e.target !== e.currentTarget) return
    const m = minuteAt(e)
    // The past is shaded and cannot be booked: a press there starts nothing.
    if (atMinutes(days[day]!, snapDown(m) + SNAP_MINUTES).getTime() <= Date.now()) return
    e.preventDefault()
    e.currentTarget.setPointerCapture(e.pointerId)
    setDrag({ day, downMin: m, nowMin: m })
  }
  const move = (e: ReactPointerEvent<HTMLDivElement>): void => {
    if (!drag) return
    const m = minuteAt(e)
    setDrag((d) => (d ? { ...d, nowMin: m } : d))
  }
  const up = (): void => {
    if (!drag) return
    const { startMin, endMin } = dragRange(drag.downMin, drag.nowMin)
    setDrag(null)
    onRange(atMinutes(days[drag.day]!, startMin), atMinutes(days[drag.day]!, endMin))
  }
  const ghost = drag ? dragRange(drag.downMin, drag.nowMin) : null
  const todayIndex = days.findIndex((d) => now >= d.getTime() && now < d.getTime() + 86_400_000)
  const line = 'var(--mantine-color-default-border)'
  const past = dark ? 'rgba(255,255,255,0.035)' : 'rgba(0,0,0,0.035)'

  return (
    <Box style={{ border: `1px solid ${line}`, borderRadius: 'var(--mantine-radius-md)', overflow: 'hidden' }}>
      <Box style={{ display: 'grid', gridTemplateColumns: `${GUTTER}px repeat(7, 1fr)`, borderBottom: `1px solid ${line}`, background: 'var(--mantine-color-body)' }}>
        <div />
        {days.map((d, i) => (
          <Text key={i} size="sm" fw={i === todayIndex ? 700 : 500} ta="center" py={6} c={i === todayIndex ? (dark ? 'teal.4' : 'teal.9') : undefined}
            style={{ borderLeft: `1px solid ${line}` }} aria-current={i === todayIndex ? 'date' : undefined}>
            {dayLabel(d)}
          </Text>
        ))}
      </Box>
      <Box ref={scroller} style={{ height: 440, overflowY: 'auto', position: 'relative' }}>
        <Box style={{ display: 'grid', gridTemplateColumns: `${GUTTER}px repeat(7, 1fr)`, height: DAY_MINUTES * PX_PER_MIN, position: 'relative' }}>
          <Box style={{ position: 'relative' }} aria-hidden>
            {HOURS.map((h) => h > 0 && (
              <Text key={h} size="xs" c="dimmed" style={{ position: 'absolute', top: h * HOUR_PX - 8, right: 8 }}>{String(h).padStart(2, '0')}:00</Text>
            ))}
          </Box>
          {days.map((d, i) => {
            const start = d.getTime()
            const pastMin = now <= start ? 0 : Math.min(DAY_MINUTES, (now - start) / MINUTE)
            return (
              <Box key={i} onPointerDown={down(i)} onPointerMove={move} onPointerUp={up} onPointerCancel={() => setDrag(null)}
                data-day={i}
                style={{
                  position: 'relative', borderLeft: `1px solid ${line}`, cursor: canDrag && start + DAY_MINUTES * MINUTE > now ? 'cell' : 'default', touchAction: 'none',
                  backgroundImage: `linear-gradient(${past}, ${past}), repeating-linear-gradient(to bottom, ${line} 0 1px, transparent 1px ${HOUR_PX / 2}px, ${dark ? 'rgba(255,255,255,0.04)' : 'rgba(0,0,0,0.04)'} ${HOUR_PX / 2}px ${HOUR_PX / 2 + 1}px, transparent ${HOUR_PX / 2 + 1}px ${HOUR_PX}px)`,
                  backgroundSize: `100% ${pastMin * PX_PER_MIN}px, 100% 100%`, backgroundRepeat: 'no-repeat, repeat',
                }}>
                {placed.filter((p) => p.day === i).map((p) => (
                  <BookingBlock key={p.booking.id} part={p} pxPerMin={PX_PER_MIN} ctx={ctx} onCancel={onCancel} onMove={onMove} />
                ))}
                {ghost && drag?.day === i && (
                  <Box aria-hidden style={{
                    position: 'absolute', left: 2, right: 2, top: ghost.startMin * PX_PER_MIN, height: (ghost.endMin - ghost.startMin) * PX_PER_MIN,
                    background: 'var(--mantine-color-teal-light)', border: '2px dashed var(--mantine-color-teal-filled)', borderRadius: 6, pointerEvents: 'none', zIndex: 3,
                  }}>
                    <Text size="xs" fw={600} px={4} c="teal">{fmt(ghost.startMin)}–{fmt(ghost.endMin)}</Text>
                  </Box>
                )}
                {i === todayIndex && (
                  <Box aria-hidden style={{ position: 'absolute', left: 0, right: 0, top: pastMin * PX_PER_MIN, height: 2, background: 'var(--mantine-color-red-6)', zIndex: 4, pointerEvents: 'none' }} />
                )}
              </Box>
            )
          })}
        </Box>
      </Box>
    </Box>
  )
}

const fmt = (min: number): string => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`

/** Now, to the minute, for the shading and the line (a display clock, not synchronisation). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(t)
  }, [])
  return now
}
