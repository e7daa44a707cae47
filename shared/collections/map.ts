/** The ecosystem map: nodes (organisations, people, initiatives, places, resources) and the edges between them, in one sharded collection. */
import { MapItemSchema, type MapItem } from '../schemas/map.ts'
import { byFill, defineCollection } from './define.ts'

export const map = defineCollection<MapItem>({
  name: 'map',
  label: 'Ecosystem map',
  version: 1,
  item: MapItemSchema,
  // 128 a shard, as resources: opening one costs a stall of about 25 ms (README, "Sharding").
  // A map of 2,000 nodes and 5,000 edges is 55 shards.
  shard: byFill(128),
  // No field is collaborative text: a node's description is replaced whole from a form or a
  // file, and two replacements made apart must end as one of them, never spliced together.
  // Two weavers setting different attributes of one node apart both keep theirs.
  keyed: ['attributes'],
})
