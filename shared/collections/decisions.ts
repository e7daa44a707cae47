/**
 * Decisions: proposals, the stances members take on them and their outcomes, each an item of
 * its own (see shared/schemas/decision.ts), so stances cast apart never overwrite each other.
 */
import { DecisionItemSchema, type DecisionItem } from '../schemas/decision.ts'
import { byFill, defineCollection } from './define.ts'

export const decisions = defineCollection<DecisionItem>({
  name: 'decisions',
  label: 'Decisions',
  version: 1,
  item: DecisionItemSchema,
  // As resources: a shard of 128 items opens in about 25 ms (README, "Sharding").
  shard: byFill(128),
  // Every field is signed: none is collaborative text (an edit by anyone but the signer breaks the signature).
})
