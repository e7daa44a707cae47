/**
 * The week calendar's arithmetic, pure and in the user's local time: which week a day is in,
 * where a booking sits in each day column, how overlapping ones share a column, how a drag
 * snaps, and how times read ("Tue 10:00–12:00"). Bookings are stored in UTC; only these
 * functions turn them into places on the screen.
 */

export const MINUTE = 60_000
export const DAY_MINUTES = 24 * 60
/** Drags snap to this many minutes. */
export const SNAP_MINUTES = 30

/** Midnight (local) of the Monday of the week holding `at`. */
export function weekStart(at: Date | number): Date {
  const d = new Date(at)
  d.setHours(0, 0, 0, 0)
  const sinceMonday = (d.getDay() + 6) % 7
  d.setDate(d.getDate() - sinceMonday)
  return d
}

/** `start` moved by `days` calendar days (local midnights stay midnights across a clock change). */
export function addDays(start: Date, days: number): Date {
  const d = new Date(start)
  d.setDate(d.getDate() + days)
  return d
}

/** The seven local midnights of the week starting at `monday`. */
export function weekDays(monday: Date): Date[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
}

export interface Timed { id: string; from: string; to: string }

/** A booking's part within one day column: minutes from that day's midnight. */
export interface Placed<T extends Timed> {
  booking: T
  /** 0 (Monday) … 6 (Sunday). */
  day: number
  startMin: number
  endMin: number
  /** Whether the booking goes on before this day / after it (drawn with a cut edge). */
  continuesBefore: boolean
  continuesAfter: boolean
  /** Side-by-side placement among the bookings it overlaps that day: its lane, of `lanes`. */
  lane: number
  lanes: number
}

/**
 * Places bookings in the week starting at `monday`: one part per day each touches, and
 * overlapping parts side by side. Parts of a day that overlap one another, directly or through
 * a chain, form a cluster; each takes the first lane free at its start, and every part of the
 * cluster is as narrow as the cluster needs.
 */
export function layoutWeek<T extends Timed>(bookings: readonly T[], monday: Date): Placed<T>[] {
  const out: Placed<T>[] = []
  const days = weekDays(monday)
  days.forEach((dayStart, day) => {
    const start = dayStart.getTime()
    const end = addDays(dayStart, 1).getTime()
    const parts: Placed<T>[] = []
    for (const b of bookings) {
      const from = Date.parse(b.from)
      const to = Date.parse(b.to)
      if (!(from < to) || to <= start || from >= end) continue
      const s = Math.max(from, start)
      const e = Math.min(to, end)
      parts.push({
        booking: b, day, startMin: (s - start) / MINUTE, endMin: (e - start) / MINUTE,
        continuesBefore: from < start, continuesAfter: to > end, lane: 0, lanes: 1,
      })
    }
    out.push(...assignLanes(parts))
  })
  return out
}

/** Gives each part a lane, cluster by cluster (see `layoutWeek`); returns them by start. */
export function assignLanes<P extends { startMin: number; endMin: number; lane: number; lanes: number; booking: Timed }>(parts: P[]): P[] {
  const sorted = [...parts].sort((a, b) => a.startMin - b.startMin || b.endMin - a.endMin || (a.booking.id < b.booking.id ? -1 : 1))
  let cluster: P[] = []
  let laneEnds: number[] = []
  let clusterEnd = -Infinity
  const close = (): void => {
    for (const p of cluster) p.lanes = laneEnds.length
    cluster = []
    laneEnds = []
  }
  for (const p of sorted) {
    if (p.startMin >= clusterEnd) close()
    let lane = laneEnds.findIndex((endAt) => endAt <= p.startMin)
    if (lane === -1) lane = laneEnds.length
    laneEnds[lane] = p.endMin
    p.lane = lane
    cluster.push(p)
    clusterEnd = cluster.length === 1 ? p.endMin : Math.max(clusterEnd, p.endMin)
  }
  close()
  return sorted
}

/** Minutes snapped down to the grid. */
export function snapDown(minutes: number, step = SNAP_MINUTES): number {
  return Math.floor(minutes / step) * step
}

/**
 * The range a drag covers in one day column, from the slot pressed to the slot under the
 * pointer now (either way), whole slots, at least one, within the day.
 */
export function dragRange(downMin: number, nowMin: number, step = SNAP_MINUTES): { startMin: number; endMin: number } {
  const a = Math.min(Math.max(snapDown(downMin, step), 0), DAY_MINUTES - step)
  const b = Math.min(Math.max(snapDown(nowMin, step), 0), DAY_MINUTES - step)
  return { startMin: Math.min(a, b), endMin: Math.max(a, b) + step }
}

/** A local time `minutes` after the midnight `day`. */
export function atMinutes(day: Date, minutes: number): Date {
  const d = new Date(day)
  d.setHours(0, minutes, 0, 0)
  return d
}

const pad = (n: number): string => String(n).padStart(2, '0')
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** `10:00` (24-hour: the calendar's grid reads the same way). */
export function clock(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** `Tue` */
export function weekday(d: Date): string {
  return WEEKDAYS[d.getDay()]!
}

/** `Tue 1 Dec` */
export function dayLabel(d: Date): string {
  return `${weekday(d)} ${d.getDate()} ${MONTHS[d.getMonth()]}`
}

const sameDay = (a: Date, b: Date): boolean => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()

/**
 * A booking's time as people say it: `Tue 10:00–12:00`; `Tue 22:00 – Wed 02:00` across
 * midnight; with the date (`Tue 1 Dec 10:00–12:00`) when it is not within a week of `now`.
 */
export function rangeLabel(fromIso: string, toIso: string, now: number = Date.now()): string {
  const from = new Date(fromIso)
  const to = new Date(toIso)
  const near = Math.abs(from.getTime() - now) < 6 * 86_400_000
  const day = (d: Date): string => (near ? weekday(d) : dayLabel(d))
  // A booking ending at midnight ends "at 24:00" of its last day, not at 00:00 of the next.
  const endsAtMidnight = to.getHours() === 0 && to.getMinutes() === 0 && to.getTime() - from.getTime() <= 86_400_000
  if (sameDay(from, to) || (endsAtMidnight && sameDay(from, new Date(to.getTime() - 1)))) {
    return `${day(from)} ${clock(from)}–${endsAtMidnight ? '24:00' : clock(to)}`
  }
  return `${day(from)} ${clock(from)} – ${day(to)} ${clock(to)}`
}

/** `Week of 30 Nov – 6 Dec 2026` */
export function weekLabel(monday: Date): string {
  const sunday = addDays(monday, 6)
  const left = monday.getMonth() === sunday.getMonth() ? `${monday.getDate()}` : `${monday.getDate()} ${MONTHS[monday.getMonth()]}`
  return `${left} – ${sunday.getDate()} ${MONTHS[sunday.getMonth()]} ${sunday.getFullYear()}`
}

/** A local time as an `<input type="datetime-local">` value: `2026-12-01T10:00`. */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${clock(d)}`
}

/** An `<input type="datetime-local">` value as a time, or null when it holds none. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!m) return null
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number]
  const at = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s, 0)
  return at.getMonth() === mo - 1 && at.getDate() === d ? at : null
}
