/** Human renderings of resources, pools and bookings for the CLI. */
import type { ResourcePage } from '../../shared/api/resources-api.ts'
import type { BookingView, PoolView } from '../../shared/schemas/booking.ts'
import type { ResourceView } from '../../shared/schemas/resource.ts'

const short = (id: string): string => id.slice(0, 8)
/** A time in this machine's zone, as people read it: `2027-01-09 09:00`. */
export function when(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

function marks(r: ResourceView): string {
  const m: string[] = []
  if (r.status !== 'open') m.push(r.status)
  if (r.expired) m.push('expired')
  return m.length ? `  (${m.join(', ')})` : ''
}

/** One line a resource, its id shortened (any unique start of an id works wherever an id is asked for). */
export function resourceLines(page: ResourcePage): string {
  if (page.items.length === 0) {
    return page.total > 0 ? `No resources on this page (${page.total} in all).` : 'No resources match (closed and expired ones are listed only with --all).'
  }
  const lines = page.items.map((r) => `${short(r.id)}  ${r.kind.padEnd(8)} ${r.title}${r.quantity !== undefined ? ` ×${r.quantity}` : ''}` +
    `${r.tags.length ? `  [${r.tags.join(', ')}]` : ''}${r.poolName ? `  pool: ${r.poolName}` : ''}  by ${r.ownerName ?? r.owner}${marks(r)}`)
  if (page.total > page.items.length) lines.push(`(showing ${page.items.length} of ${page.total}; --limit and --offset page through them)`)
  if (page.syncing > 0) lines.push(`(${page.syncing} document${page.syncing === 1 ? ' has' : 's have'} not synced here yet)`)
  return lines.join('\n')
}

export function resourceBlock(r: ResourceView): string {
  const rows: Array<[string, string | undefined]> = [
    ['id', r.id], ['kind', r.kind], ['status', `${r.status}${r.expired ? ' (expired)' : ''}`], ['owner', r.ownerName ? `${r.ownerName} (${r.owner})` : r.owner],
    ['description', r.description || undefined], ['tags', r.tags.join(', ') || undefined], ['quantity', r.quantity?.toString()],
    ['location', r.location ? `${r.location}${r.coordinates ? ` (${r.coordinates.lat}, ${r.coordinates.lon})` : ''}` : undefined],
    ['availability', r.availability], ['pool', r.pool ? `${r.poolName ?? '(not readable here)'} (${r.pool})` : undefined],
    ['expires', r.expiresAt ? when(r.expiresAt) : undefined], ['posted', when(r.createdAt)], ['updated', when(r.updatedAt)],
  ]
  return [`${r.title}`, ...rows.filter(([, v]) => v !== undefined).map(([k, v]) => `  ${`${k}:`.padEnd(14)}${v}`)].join('\n')
}

export function poolLines(pools: { items: PoolView[] }): string {
  if (pools.items.length === 0) return 'No pools yet. "commonweave pool create SPACE NAME" makes one.'
  return pools.items.map((p) => `${short(p.id)}  ${p.name}  (${p.resources} resource${p.resources === 1 ? '' : 's'})${p.description ? `  ${p.description}` : ''}`).join('\n')
}

function bookingLine(b: BookingView): string {
  const conflict = b.conflicts.length ? `  CONFLICTS with ${b.conflicts.map(short).join(', ')}` : ''
  return `${short(b.id)}  ${b.resourceTitle ?? b.resource}  ${when(b.from)} → ${when(b.to)}  by ${b.byName ?? b.by}` +
    `${b.status === 'cancelled' ? '  (cancelled)' : ''}${b.note ? `  "${b.note}"` : ''}${conflict}`
}

export function bookingLines(list: { items: BookingView[] }): string {
  return list.items.length === 0 ? 'No bookings.' : list.items.map(bookingLine).join('\n')
}

export function booked(b: BookingView): string {
  const head = b.alreadyCancelled ? 'Already cancelled:' : b.status === 'cancelled' ? 'Cancelled:' : 'Booked:'
  const tail = b.status === 'active' && b.conflicts.length > 0
    ? `\nIt overlaps ${b.conflicts.length === 1 ? 'another booking' : `${b.conflicts.length} other bookings`} (${b.conflicts.map(short).join(', ')}); ${b.conflicts.length === 1 ? 'both are' : 'all are'} kept until one is cancelled.`
    : ''
  return `${head} ${bookingLine(b)}${tail}`
}
