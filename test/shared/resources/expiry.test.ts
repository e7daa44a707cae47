import { describe, expect, it } from 'vitest'
import { expiryOf, isExpired, SOON_MS } from '../../../shared/resources/expiry.ts'

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0)
const iso = (ms: number): string => new Date(ms).toISOString()

describe('expiry of offers and needs', () => {
  it.each<[string, { expiresAt?: string }, ReturnType<typeof expiryOf>]>([
    ['no expiry', {}, 'none'],
    ['an expiry that is not a time', { expiresAt: 'whenever' }, 'none'],
    ['a year away', { expiresAt: iso(NOW + 365 * 86_400_000) }, 'current'],
    ['just beyond soon', { expiresAt: iso(NOW + SOON_MS + 1000) }, 'current'],
    ['exactly at the edge of soon', { expiresAt: iso(NOW + SOON_MS) }, 'soon'],
    ['in an hour', { expiresAt: iso(NOW + 3_600_000) }, 'soon'],
    ['a millisecond away', { expiresAt: iso(NOW + 1) }, 'soon'],
    ['right now: expired', { expiresAt: iso(NOW) }, 'expired'],
    ['yesterday', { expiresAt: iso(NOW - 86_400_000) }, 'expired'],
    ['with a zone offset', { expiresAt: '2026-11-29T13:30:00+02:00' }, 'expired'],
  ])('%s', (_name, item, expected) => {
    expect(expiryOf(item, NOW)).toBe(expected)
    expect(isExpired(item, NOW)).toBe(expected === 'expired')
  })
})
