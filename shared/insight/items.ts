/** A resource as an insight answer names it. */
import type { InsightItem } from '../api/insight-api.ts'
import type { InsightResource } from './contract.ts'

export function toInsightItem(r: InsightResource): InsightItem {
  return {
    id: r.id, spaceId: r.spaceId, kind: r.kind, title: r.title, tags: r.tags, owner: r.owner, ownerName: r.ownerName,
    location: r.location ?? null, expiresAt: r.expiresAt ?? null, createdAt: r.createdAt,
  }
}
