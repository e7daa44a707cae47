/** Pools: named sets of a space's resources ("the tool library", "the van share"). */
import { PoolSchema, type Pool } from '../schemas/booking.ts'
import { byFill, defineCollection } from './define.ts'

export const pools = defineCollection<Pool>({
  name: 'pools',
  label: 'Pools',
  version: 1,
  item: PoolSchema,
  shard: byFill(128),
  text: ['description'],
})
