/** Handlers of the collection operations: the generic list and get, and the resources' own. */
import type { CollectionItem } from '../../../../shared/api/peer-api.ts'
import type { CollectionStore } from '../../domain/collection-store.ts'
import type { Resources } from '../../domain/resources.ts'
import type { Handlers } from '../call.ts'

export function collectionHandlers(d: { store: CollectionStore; resources: Resources }): Pick<Handlers, 'listItems' | 'getItem' | 'addResource' | 'listResources'> {
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
    addResource: async (_ctx, input) => {
      const { spaceId, ...rest } = input
      return d.resources.add(spaceId, rest)
    },
    listResources: async (_ctx, input) => d.resources.list(input.spaceId),
  }
}
