/**
 * Where the user is: the section of the selected space, and the item open in it. Mirrored in
 * the address fragment (`#/resources/ID`), so Back works and a reload keeps the place.
 */
import type { SliceCreator } from '../store/app-state.ts'

export const Section = {
  Resources: 'resources',
  Bookings: 'bookings',
  Decisions: 'decisions',
  Knowledge: 'knowledge',
  Map: 'map',
  Insights: 'insights',
  Members: 'members',
  Consent: 'consent',
  Peers: 'peers',
  Settings: 'settings',
} as const
export type Section = (typeof Section)[keyof typeof Section]
export const SECTIONS = Object.values(Section)

export interface NavSlice {
  section: Section
  /** An item open in the section (a resource's id, a member's did…), or null for the section's list. */
  item: string | null
  paletteOpen: boolean
  go(section: Section, item?: string | null): void
  setPalette(open: boolean): void
}

/** Where the address fragment points when the store is made (the place a link or a reload names). */
const start = typeof location === 'undefined' ? null : hashToPlace(location.hash)

export const createNavSlice: SliceCreator<'nav'> = (_deps, _get, patch) => ({
  // Known from the first fetches on: the Map, say, fetches the map beside the space's other slices.
  section: start?.section ?? Section.Resources,
  item: start?.item ?? null,
  paletteOpen: false,
  go: (section, item = null) => patch({ section, item }),
  setPalette: (paletteOpen) => patch({ paletteOpen }),
})

/** The fragment for a place, and back. */
export function placeToHash(section: Section, item: string | null): string {
  return `#/${section}${item ? `/${encodeURIComponent(item)}` : ''}`
}

export function hashToPlace(hash: string): { section: Section; item: string | null } | null {
  const m = /^#\/([a-z]+)(?:\/([^/]+))?$/.exec(hash)
  if (!m || !(SECTIONS as string[]).includes(m[1]!)) return null
  let item: string | null
  try {
    item = m[2] ? decodeURIComponent(m[2]) : null
  } catch {
    return null // a malformed escape (a hand-edited or truncated link) is no place
  }
  return { section: m[1] as Section, item }
}
