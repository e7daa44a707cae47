/** Handlers of the generic collection operations: list and get. */
import type { CollectionItem } from '../../../../shared/api/peer-api.ts'
import type { CollectionStore } from '../../domain/collection-store.ts'
import type { Handlers } from '../call.ts'

export function collectionHandlers(d: { store: CollectionStore }): Pick<Handlers, 'listItems' | 'getItem'> {
  return {
    listItems: async (_ctx, input) => {
      const page = await d.store.list(input.spaceId, input.collection, {
        ...(input.limit !== undefined ? { limit: input.limit } : {}),
        ...(input.offset !== undefined ? { offset: input.offset } : {}),
        ...(input.includeDeleted !== undefined ? { includeDeleted: input.includeDeleted } : {}),
      })
      return { ...page, items: page.items as CollectionItem[] }
    },
    getItem: async (_ctx, input) => d.store.get(input.spaceId, input.collection, input.itemId) as Promise<CollectionItem>,
  }
}
