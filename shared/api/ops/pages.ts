/** Operations on a space's knowledge pages (DESIGN.md "Knowledge"): create, list, show, edit, delete, import a folder of markdown. */
import { z } from 'zod'
import { pages } from '../../collections/pages.ts'
import { CreatePageInputSchema, EditPageInputSchema, ImportPagesInputSchema, ListPagesQuerySchema } from '../../schemas/page.ts'
import { defineOperation, inSpace, onlyParams, schemaRef, type RouteParams } from '../operation.ts'

const withBody = (p: RouteParams, body: unknown): unknown => ({ ...(body as object), ...p })
const read = { scope: 'space', cmd: 'read', collection: pages.name } as const
const write = { scope: 'space', cmd: 'write', collection: pages.name } as const

export const createPage = defineOperation({
  op: 'createPage', summary: 'Make a page from a title, tags and markdown ([[Page title]] links to another page)',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/pages', status: 201 }, body: CreatePageInputSchema, input: inSpace,
  response: schemaRef('Page'), needs: write,
  cli: {
    path: ['page', 'create'], args: [['SPACE', 'spaceId']],
    flags: { title: {}, text: { field: 'markdown' }, file: { field: 'markdown', parse: 'fileText' }, tags: { parse: 'list' } },
    required: ['title'],
    usage: 'commonweave page create SPACE --title T [--text MARKDOWN | --file F] [--tags a,b]', summary: 'make a page',
    notes: 'The text is markdown: # headings, - lists, 1. lists, **bold**, *italic*, `code`, ``` code blocks ```, > quotes, [links](https://…) and [[Page title]] links to other pages.',
  },
  mcp: {
    tool: 'add_page',
    description: 'Write a new knowledge page in the community: a unique `title`, optional `tags`, and `markdown` text (# headings, - lists, **bold**, [links](https://…), and [[Page title]] to link another page). The page is shown as written by this agent. Use it to record a summary or a how-to a member asked for; do not duplicate a page that search already finds.',
  },
})

export const listPages = defineOperation({
  op: 'listPages', summary: 'The pages of a space, most recently changed first, with the tags in use',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/pages', status: 200 }, body: null, query: ListPagesQuerySchema, input: withBody,
  response: schemaRef('PageList'), needs: read,
  cli: { path: ['page', 'list'], args: [['SPACE', 'spaceId']], flags: { tag: {} }, usage: 'commonweave page list SPACE [--tag T]', summary: 'the pages of a space' },
})

const version = (field: string) => z.string({ error: `${field} is a version id` }).trim().toLowerCase().regex(/^[0-9a-f]{8,64}$/, `${field} is a version id as "page history" lists them (at least its first 8 characters)`)

export const getPage = defineOperation({
  op: 'getPage', summary: 'One page as markdown, with the pages it links to and the pages linking to it; as it was at an older version with `at`',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/pages/:pageId', status: 200 }, body: null,
  query: z.strictObject({ at: version('at').optional() }), input: withBody,
  response: schemaRef('Page'), needs: read,
  cli: {
    path: ['page', 'show'], args: [['SPACE', 'spaceId'], ['PAGE', 'pageId']], flags: { at: {} }, usage: 'commonweave page show SPACE PAGE [--at VERSION]',
    summary: 'a page as markdown, its links and backlinks', notes: 'PAGE is a page id, the first characters of one, or its title. --at shows an older version ("page history" lists them).',
  },
  mcp: {
    tool: 'get_page',
    description: 'Read one knowledge page of the community as markdown, with the pages it links to and the pages linking to it. `pageId` is a page id, its first characters, or the page\'s exact title (search finds pages by their words).',
  },
})

export const pageHistory = defineOperation({
  op: 'pageHistory', summary: 'The versions of a page, newest first: the changes each writer made close together',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/pages/:pageId/history', status: 200 }, body: null, input: onlyParams,
  response: schemaRef('PageHistory'), needs: read,
  cli: { path: ['page', 'history'], args: [['SPACE', 'spaceId'], ['PAGE', 'pageId']], usage: 'commonweave page history SPACE PAGE', summary: 'the versions of a page' },
})

export const restorePage = defineOperation({
  op: 'restorePage', summary: 'Make a page\'s title and text what they were at a version (a new change: nothing of the history is lost)',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/pages/:pageId/restore', status: 200 },
  body: z.strictObject({ version: version('version') }), input: withBody,
  response: schemaRef('Page'), needs: write,
  cli: {
    path: ['page', 'restore'], args: [['SPACE', 'spaceId'], ['PAGE', 'pageId']], flags: { version: {} }, required: ['version'],
    usage: 'commonweave page restore SPACE PAGE --version VERSION', summary: 'bring back an older version of a page',
  },
})

export const editPage = defineOperation({
  op: 'editPage', summary: 'Replace a page\'s text, add to its end, rename it or retag it (links to it keep working after a rename)',
  http: { method: 'PATCH', path: '/v1/spaces/:spaceId/pages/:pageId', status: 200 }, body: EditPageInputSchema, input: withBody,
  response: schemaRef('Page'), needs: write,
  cli: {
    path: ['page', 'edit'], args: [['SPACE', 'spaceId'], ['PAGE', 'pageId']],
    flags: { text: { field: 'markdown' }, file: { field: 'markdown', parse: 'fileText' }, append: {}, title: {}, tags: { parse: 'list' } },
    usage: 'commonweave page edit SPACE PAGE (--text MARKDOWN | --append MARKDOWN | --file F) [--title T] [--tags a,b]',
    summary: 'change a page',
    notes: '--text and --file replace the whole text; only what differs changes, so edits others made meanwhile elsewhere in the page are kept. --append adds to the end.',
  },
})

export const deletePage = defineOperation({
  op: 'deletePage', summary: 'Delete a page (a tombstone that syncs; links to it stop resolving)',
  http: { method: 'DELETE', path: '/v1/spaces/:spaceId/pages/:pageId', status: 200 }, body: null, input: onlyParams,
  response: { type: 'object', required: ['deleted', 'id'], properties: { deleted: { const: true }, id: { type: 'string' } } }, needs: write,
  cli: { path: ['page', 'delete'], args: [['SPACE', 'spaceId'], ['PAGE', 'pageId']], usage: 'commonweave page delete SPACE PAGE', summary: 'delete a page' },
})

export const importPages = defineOperation({
  op: 'importPages', summary: 'Make a page of each markdown file (.md) in a folder on the peer\'s machine',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/pages/import', status: 201 }, body: ImportPagesInputSchema, input: inSpace,
  response: schemaRef('PageImport'), needs: write,
  cli: {
    path: ['page', 'import'], args: [['SPACE', 'spaceId'], ['DIR', 'dir']], flags: { tags: { parse: 'list' } }, paths: ['dir'],
    usage: 'commonweave page import SPACE DIR [--tags a,b]', summary: 'make pages of a folder of markdown files',
    notes: 'Each .md file becomes a page titled by its first # heading, or its file name. A file whose title a page already has is skipped, and said so.',
  },
})

const SearchQuery = z.strictObject({
  query: z.string({ error: 'query must be text' }).trim().min(1, 'query is required: the words to find').max(200, 'query is at most 200 characters'),
  limit: z.coerce.number().int('limit must be a whole number').min(1, 'limit is at least 1').max(100, 'limit is at most 100').optional(),
  kinds: z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v),
    z.array(z.enum(['resource', 'booking', 'decision', 'page', 'node'], { error: 'kinds are resource, booking, decision, page or node (a node of the map)' })).optional()),
})

export const search = defineOperation({
  op: 'search', summary: 'Fuzzy, prefix full-text search across what the caller may read in a space: resources, bookings, decisions, pages',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/search', status: 200 }, body: null, query: SearchQuery, input: withBody,
  response: schemaRef('SearchResult'), needs: { scope: 'space', cmd: 'read', collection: { filtered: true } },
  cli: {
    path: ['search'], args: [['SPACE', 'spaceId'], ['QUERY', 'query']], flags: { limit: { parse: 'int' }, kind: { field: 'kinds', parse: 'list' } },
    usage: 'commonweave search SPACE QUERY [--limit N] [--kind page,resource,booking,decision,node]', summary: 'search a space',
    notes: 'Words match by prefix and with a typo or two ("bik" finds bike, "trailr" trailer). Quote several words to search for all of them.',
  },
  mcp: {
    tool: 'search',
    description: 'Full-text search across what this agent may read in the community, and nothing else. Words match by prefix and tolerate a typo. Returns hits ranked by relevance, each with its kind, id, title and a snippet; where one of your get_ tools takes that kind, pass it the id for the whole item. `kinds` narrows the kinds searched.',
  },
})
