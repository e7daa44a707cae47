/**
 * The sections of a space, in the order the navigation shows them. A later feature (decisions,
 * knowledge, the map, insights, agents) adds one entry here and its view; nothing else in the
 * frame changes.
 */
import { lazy, type ComponentType } from 'react'
import { IconAddressBook, IconBook, IconBulb, IconCalendarEvent, IconCheckbox, IconChartDots3, IconNetwork, IconPackage, IconSettings, IconShieldCheck } from '@tabler/icons-react'
import type { SpaceSummary } from '../../shared/api/peer-api.ts'
import { Section } from './nav-slice.ts'
import { ResourcesView } from '../features/resources/ResourcesView.tsx'
import { covers, DECISIONS } from '../features/decisions/may.ts'
import { showsKnowledge } from '../features/pages/may.ts'
import { MAP } from '../features/map/may.ts'

// The board is what most people open first; the other views load when first opened (the
// calendar, QR and date code stay out of the first paint).
const BookingsView = lazy(async () => ({ default: (await import('../features/bookings/BookingsView.tsx')).BookingsView }))
const DecisionsView = lazy(async () => ({ default: (await import('../features/decisions/DecisionsView.tsx')).DecisionsView }))
const KnowledgeView = lazy(async () => ({ default: (await import('../features/pages/KnowledgeView.tsx')).KnowledgeView }))
const loadMap = () => import('../features/map/MapView.tsx')
const MapView = lazy(async () => ({ default: (await loadMap()).MapView }))
const InsightsView = lazy(async () => ({ default: (await import('../features/insights/InsightsView.tsx')).InsightsView }))
const MembersView = lazy(async () => ({ default: (await import('../features/members/MembersView.tsx')).MembersView }))
const ConsentView = lazy(async () => ({ default: (await import('../features/consent/ConsentView.tsx')).ConsentView }))
const PeersView = lazy(async () => ({ default: (await import('../features/peers/PeersView.tsx')).PeersView }))
const SettingsView = lazy(async () => ({ default: (await import('../features/settings/SettingsView.tsx')).SettingsView }))

/**
 * A page opened on a lazily loaded section fetches that section's code at once, beside the
 * peer's first answers, rather than once the frame has rendered (the Map's is the largest).
 */
export function preloadSection(section: Section | undefined): void {
  if (section === Section.Map) void loadMap()
}

export interface SectionEntry {
  id: Section
  label: string
  /** One line for the command palette. */
  description: string
  icon: ComponentType<{ size?: number; stroke?: number }>
  View: ComponentType
  /** Whether the section applies to this space (a guest sees only what its grant covers). */
  shows?: (space: SpaceSummary | null) => boolean
  /** A section about this peer, not the space: shown even with no space selected. */
  global?: boolean
}

const member = (space: SpaceSummary | null): boolean => space !== null && space.role !== 'guest'

export const SECTION_ENTRIES: readonly SectionEntry[] = [
  // A guest whose grant is on decisions, pages or the map and not resources sees no board.
  { id: Section.Resources, label: 'Resources', description: 'Offers, needs, tools, facilities and skills', icon: IconPackage, View: ResourcesView, shows: (s) => s !== null && (covers(s, 'resources') || (!covers(s, DECISIONS) && !showsKnowledge(s) && !covers(s, MAP))) },
  { id: Section.Bookings, label: 'Bookings', description: 'Calendars of the tools and facilities', icon: IconCalendarEvent, View: BookingsView, shows: member },
  { id: Section.Decisions, label: 'Decisions', description: 'Proposals, stances and outcomes', icon: IconCheckbox, View: DecisionsView, shows: (s) => covers(s, DECISIONS) },
  { id: Section.Knowledge, label: 'Knowledge', description: 'Pages the space writes together, linked to each other', icon: IconBook, View: KnowledgeView, shows: showsKnowledge },
  { id: Section.Map, label: 'Map', description: 'The ecosystem map: who and what, and how they are linked', icon: IconChartDots3, View: MapView, shows: (s) => covers(s, MAP) },
  // Matching and gaps read the resources: a guest sees insights where its grant covers them.
  { id: Section.Insights, label: 'Insights', description: 'Matches, gaps, suggestions and the health of the network, each with its reasons', icon: IconBulb, View: InsightsView, shows: (s) => covers(s, 'resources') },
  { id: Section.Members, label: 'Members', description: 'Who is in, roles, invites', icon: IconAddressBook, View: MembersView, shows: member },
  { id: Section.Consent, label: 'Consent', description: 'Grants given and received, the audit log', icon: IconShieldCheck, View: ConsentView, shows: (s) => s !== null },
  { id: Section.Peers, label: 'Peers and sync', description: 'Who is connected, and how each space syncs', icon: IconNetwork, View: PeersView, global: true },
  { id: Section.Settings, label: 'Settings', description: 'Your name, theme, backups, about', icon: IconSettings, View: SettingsView, global: true },
]

export function sectionsFor(space: SpaceSummary | null): SectionEntry[] {
  return SECTION_ENTRIES.filter((e) => e.global || (e.shows?.(space) ?? true))
}
