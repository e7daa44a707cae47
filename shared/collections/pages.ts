/**
 * Knowledge pages: each page is an Automerge document of its own (see shared/schemas/page.ts),
 * listed in the space's index under `pages`, so grants can name the collection or one page by
 * its document id. The item schema is what a list shows of a page (its head, not its text).
 */
import { z } from 'zod'
import { ItemBaseSchema } from './define.ts'
import { defineCollection, ownDocuments } from './define.ts'

export const PageItemSchema = ItemBaseSchema.extend({
  title: z.string(),
  tags: z.array(z.string()),
})
export type PageItem = z.infer<typeof PageItemSchema>

export const pages = defineCollection<PageItem>({
  name: 'pages',
  label: 'Pages',
  version: 1,
  item: PageItemSchema,
  shard: ownDocuments(),
})
