/**
 * Booking conflicts, as a pure function of the bookings a peer holds: two active bookings of
 * the same resource whose time ranges overlap. Every peer runs it over what it has, after
 * merges too, so once two peers hold the same bookings they show the same conflicts; nothing
 * about a conflict is stored, so cancelling one booking clears it everywhere.
 *
 * Ranges are half-open [from, to): a booking ending at 10:00 and one starting at 10:00 do not
 * conflict. Cancelled and deleted bookings are ignored.
 */

export interface Bookable {
  id: string
  resource: string
  from: string
  to: string
  status: string
  deleted?: boolean | undefined
}

const isLive = (b: Bookable): boolean => b.status === 'active' && b.deleted !== true

/**
 * For each live booking that conflicts with another, the ids of the bookings it overlaps,
 * sorted. Bookings with no conflict are absent. O(n log n + conflicts) per resource: a sweep
 * over the bookings sorted by start.
 */
export function findConflicts(bookings: Iterable<Bookable>): Map<string, string[]> {
  const byResource = new Map<string, Array<{ id: string; from: number; to: number }>>()
  for (const b of bookings) {
    if (!isLive(b)) continue
    const from = Date.parse(b.from)
    const to = Date.parse(b.to)
    if (!(from < to)) continue
    let list = byResource.get(b.resource)
    if (!list) byResource.set(b.resource, (list = []))
    list.push({ id: b.id, from, to })
  }
  const out = new Map<string, string[]>()
  const link = (a: string, b: string): void => {
    const list = out.get(a)
    if (list) list.push(b)
    else out.set(a, [b])
  }
  for (const list of byResource.values()) {
    list.sort((a, b) => a.from - b.from || a.to - b.to || (a.id < b.id ? -1 : 1))
    // Bookings still running at the current start; each new one overlaps every one of them that ends after it starts.
    let open: Array<{ id: string; to: number }> = []
    for (const b of list) {
      open = open.filter((o) => o.to > b.from)
      for (const o of open) {
        link(o.id, b.id)
        link(b.id, o.id)
      }
      open.push({ id: b.id, to: b.to })
    }
  }
  for (const list of out.values()) list.sort()
  return out
}

/** The conflicts a booking would have if added to `existing` (the peer checks before it books, and says so). */
export function conflictsWith(candidate: Bookable, existing: Iterable<Bookable>): string[] {
  const same = [...existing].filter((b) => b.resource === candidate.resource && b.id !== candidate.id)
  return findConflicts([...same, candidate]).get(candidate.id) ?? []
}
