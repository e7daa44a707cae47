/** Calls and refusals of the search operation, as rows of routes.test.ts's tables. */
import type { PeerApiMethod } from '../../../shared/api/operation.ts'

const SPACE = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'

/** Inputs search takes, that must come back whole from a request. */
export const SEARCH_CALLS = {
  search: [
    ['a word', { spaceId: SPACE, query: 'trailer' }],
    ['several words, accents and other scripts', { spaceId: SPACE, query: 'café bike 園芸' }],
    ['a limit and kinds', { spaceId: SPACE, query: 'bik', limit: 5, kinds: ['resource', 'page'] }],
    ['the largest limit, every kind', { spaceId: SPACE, query: 'x', limit: 100, kinds: ['resource', 'booking', 'decision', 'page', 'node'] }],
    ['a space by name', { spaceId: 'Tool Library', query: 'ladder' }],
  ],
} satisfies Partial<Record<PeerApiMethod, [string, unknown][]>>

/** Queries search refuses, and the field it names. */
export const SEARCH_REJECTIONS: Array<[PeerApiMethod, unknown, string]> = [
  ['search', {}, 'query'],
  ['search', { query: '' }, 'query'],
  ['search', { query: '   ' }, 'query'],
  ['search', { query: 'q'.repeat(201) }, 'query'],
  ['search', { query: 'bike', limit: '0' }, 'limit'],
  ['search', { query: 'bike', limit: '101' }, 'limit'],
  ['search', { query: 'bike', limit: '2.5' }, 'limit'],
  ['search', { query: 'bike', kinds: 'pool' }, 'kinds.0'],
  ['search', { query: 'bike', kinds: 'resource,member' }, 'kinds.1'],
  ['search', { query: 'bike', sort: 'newest' }, ''],
]
