/** What a member may submit to propose: `closes` is a duration or an ISO 8601 time, never whatever Date.parse guesses. */
import { describe, expect, it } from 'vitest'
import { ProposeInputSchema } from '../../../shared/schemas/decision.ts'

const propose = (closes: string) => ProposeInputSchema.safeParse({ title: 'Van', process: 'consent', closes })

describe('ProposeInputSchema.closes', () => {
  it.each(['72h', '90m', '7d', '2w', '2026-12-24T18:00', '2026-12-24T18:00:00Z', '2026-12-24T18:00:00.000+02:00'])('accepts %s', (closes) => {
    expect(propose(closes).success).toBe(true)
  })

  it.each(['72', '1', 'March 7', '12/24/2026', '72 hours', '7 d', 'tomorrow', '2026-12-24 18:00', ''])('refuses %j, saying what it takes', (closes) => {
    const r = propose(closes)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toMatch(/closes (must be an ISO 8601 time .* or a duration|is required)/)
  })
})

describe('process and choice', () => {
  it('are read in any case, as kinds and statuses are', async () => {
    const { StanceInputSchema } = await import('../../../shared/schemas/decision.ts')
    expect(ProposeInputSchema.parse({ title: 'Van', process: ' Consent ', closes: '72h' }).process).toBe('consent')
    expect(StanceInputSchema.parse({ choice: 'AGREE' }).choice).toBe('agree')
    expect(StanceInputSchema.safeParse({ choice: 'yes' }).success).toBe(false)
  })
})
