/** Hand-made items and spaces for the insight engine's tables: every field a test does not name has a plain default. */
import type { InsightResource, SpaceFacts } from '../../../shared/insight/contract.ts'
import type { SpaceId } from '../../../shared/ids.ts'

export const SPACE = 'space1' as SpaceId
export const DAY = 86_400_000
/** The tables' "now": 2026-03-01T12:00Z. */
export const NOW = Date.parse('2026-03-01T12:00:00.000Z')
export const daysAgo = (d: number): string => new Date(NOW - d * DAY).toISOString()
export const inDays = (d: number): string => new Date(NOW + d * DAY).toISOString()

export function item(over: Partial<InsightResource> & Pick<InsightResource, 'id' | 'title'>): InsightResource {
  return {
    spaceId: SPACE, kind: 'offer', status: 'open', description: '', tags: [], owner: `did:key:${over.id}-owner`, ownerName: null,
    createdAt: daysAgo(1), updatedAt: daysAgo(1), ...over,
  }
}

export const need = (over: Partial<InsightResource> & Pick<InsightResource, 'id' | 'title'>): InsightResource => item({ kind: 'need', owner: 'did:key:needer', ...over })

export function facts(over: Partial<SpaceFacts>): SpaceFacts {
  return { spaceId: SPACE, now: NOW, resources: [], bookings: [], graph: null, members: null, lastActive: {}, unavailable: [], ...over }
}
