/** Handlers of coordination intelligence: match, gaps, suggest, health (insight-service.ts computes them, as the caller may read). */
import type { InsightService } from '../../domain/insight-service.ts'
import type { Handlers } from '../call.ts'

type InsightOps = 'match' | 'gaps' | 'suggest' | 'health'

export function insightHandlers(d: { insight: InsightService }): Pick<Handlers, InsightOps> {
  return {
    match: async (ctx, input) => d.insight.match(ctx.principal, input, ctx.signal),
    gaps: async (ctx, input) => d.insight.gaps(ctx.principal, input, ctx.signal),
    suggest: async (ctx, input) => d.insight.suggest(ctx.principal, input, ctx.signal),
    health: async (ctx, input) => d.insight.health(ctx.principal, input, ctx.signal),
  }
}
