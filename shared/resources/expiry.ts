/**
 * When an offer or need has expired, as a pure function of its `expiresAt` and the time now.
 * An expired item leaves the default listing and is marked expired wherever shown; one that
 * expires within `SOON_MS` is "expiring soon" (the gap report names both).
 */

/** How close an expiry is "soon". */
export const SOON_MS = 7 * 86_400_000

export type Expiry = 'none' | 'current' | 'soon' | 'expired'

export function expiryOf(item: { expiresAt?: string | undefined }, nowMs: number): Expiry {
  if (item.expiresAt === undefined) return 'none'
  const at = Date.parse(item.expiresAt)
  if (Number.isNaN(at)) return 'none'
  if (at <= nowMs) return 'expired'
  return at - nowMs <= SOON_MS ? 'soon' : 'current'
}

export const isExpired = (item: { expiresAt?: string | undefined }, nowMs: number): boolean => expiryOf(item, nowMs) === 'expired'
