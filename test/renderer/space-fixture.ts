/** A space as the peer lists it, for a member or a guest with a given access, and the sections the app shows for it. */
import type { SpaceSummary } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { sectionsFor } from '../../renderer/app/sections.tsx'

export function spaceAs(role: SpaceSummary['role'], cmd: string, docs: string[]): SpaceSummary {
  return {
    spaceId: 's1' as SpaceId, name: 'Tool Library', founder: 'did:key:zA' as SpaceSummary['founder'], role, members: 2, documents: [],
    access: { cmd, docs, purpose: 'coordination', expiresAt: null },
  }
}

/** The space's own sections (not this peer's, such as Settings), by label, in order. */
export function sectionLabels(s: SpaceSummary): string[] {
  return sectionsFor(s).filter((e) => !e.global).map((e) => e.label)
}
