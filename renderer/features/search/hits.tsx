/** What a search hit shows and opens: its kind in words, its snippet with the matched words marked, where it leads. */
import { IconBook, IconCalendarEvent, IconCheckbox, IconMapPin, IconPackage } from '@tabler/icons-react'
import type { ComponentType, ReactNode } from 'react'
import type { SearchHit, SearchKind } from '../../../shared/api/pages-api.ts'
import { Section } from '../../app/nav-slice.ts'

export const KIND: Record<SearchKind, { label: string; icon: ComponentType<{ size?: number; stroke?: number }> }> = {
  page: { label: 'Page', icon: IconBook },
  resource: { label: 'Resource', icon: IconPackage },
  booking: { label: 'Booking', icon: IconCalendarEvent },
  decision: { label: 'Decision', icon: IconCheckbox },
  node: { label: 'Map', icon: IconMapPin },
}

/**
 * The snippet as text with `<mark>` elements where the query matched (React elements: the
 * snippet is never read as markup). Marks out of order, overlapping or out of range are skipped.
 */
export function markedSnippet(snippet: string, marks: ReadonlyArray<readonly [number, number]>): ReactNode[] {
  const out: ReactNode[] = []
  let at = 0
  for (const [start, end] of marks) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end <= start || end > snippet.length) continue
    if (start > at) out.push(snippet.slice(at, start))
    out.push(<mark key={start}>{snippet.slice(start, end)}</mark>)
    at = end
  }
  if (at < snippet.length) out.push(snippet.slice(at))
  return out
}

/** Where a hit opens: a page in Knowledge, a resource (or a booking's resource) in Resources, a proposal (or a stance's or outcome's) in Decisions, a node in the Map. */
export function placeOf(hit: SearchHit): { section: Section; item: string | null } | null {
  switch (hit.kind) {
    case 'page': return { section: Section.Knowledge, item: hit.id }
    case 'resource': return { section: Section.Resources, item: hit.id }
    case 'booking': return hit.parentId ? { section: Section.Resources, item: hit.parentId } : { section: Section.Bookings, item: null }
    case 'decision': return { section: Section.Decisions, item: hit.parentId ?? hit.id }
    case 'node': return { section: Section.Map, item: hit.id }
    default: return null
  }
}
