/** Offers, needs, tools, facilities and skills: the resources a community shares. */
import { ResourceSchema, type Resource } from '../schemas/resource.ts'
import { byFill, defineCollection } from './define.ts'

export const resources = defineCollection<Resource>({
  name: 'resources',
  label: 'Resources',
  version: 1,
  item: ResourceSchema,
  // 128 a shard: opening one costs a stall of about 25 ms (README, "Sharding").
  shard: byFill(128),
  // Only the description merges as text: two titles written apart should not interleave into one neither wrote.
  text: ['description'],
})
