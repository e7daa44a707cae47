/** Handlers of coordination intelligence: match, gaps, suggest, health. */
import { CommonweaveError, ErrorCode } from '../../../../shared/errors.ts'
import type { Handlers } from '../call.ts'

type InsightOps = 'match' | 'gaps' | 'suggest' | 'health'

const notYet = async (): Promise<never> => { throw new CommonweaveError(ErrorCode.Internal, 'not built yet') }

export function insightHandlers(): Pick<Handlers, InsightOps> {
  return { match: notYet, gaps: notYet, suggest: notYet, health: notYet }
}
