/** Calls and refusals of the page operations, as rows of routes.test.ts's tables. */
import type { PeerApiMethod } from '../../../shared/api/operation.ts'

const SPACE = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'
export const PAGE = '3Hq9cW2mXvPk8LbT5nRfYdJ4sGa'
const VERSION = '7978ce8a112391caad2c8d3848f51388a56a866ce12b358608e3096e685bf66e'

/** Inputs each operation takes, that must come back whole from a request. */
export const PAGE_CALLS = {
  createPage: [
    ['a title', { spaceId: SPACE, title: 'Tool library' }],
    ['every field', { spaceId: SPACE, title: 'Hall 園芸', tags: ['hall', 'rota'], markdown: '# Hall\n\nSee [[Tool library]].\n\n- keys\n- **lights**' }],
  ],
  listPages: [['a space', { spaceId: SPACE }], ['a tag', { spaceId: SPACE, tag: 'hall' }]],
  pageHistory: [['a page', { spaceId: SPACE, pageId: PAGE }]],
  restorePage: [['a version', { spaceId: SPACE, pageId: PAGE, version: VERSION }], ['the start of one', { spaceId: SPACE, pageId: PAGE, version: '7978ce8a' }]],
  getPage: [['an older version', { spaceId: SPACE, pageId: PAGE, at: VERSION }], ['an id', { spaceId: SPACE, pageId: PAGE }], ['a title', { spaceId: SPACE, pageId: 'Tool library' }], ['a start of an id', { spaceId: SPACE, pageId: '3Hq9' }]],
  editPage: [
    ['new text', { spaceId: SPACE, pageId: PAGE, markdown: 'All new.' }],
    ['text to add', { spaceId: SPACE, pageId: PAGE, append: '- one more' }],
    ['a rename and tags', { spaceId: SPACE, pageId: PAGE, title: 'Booking the hall', tags: ['hall'] }],
    ['no tags left', { spaceId: SPACE, pageId: PAGE, tags: [] }],
  ],
  deletePage: [['an id', { spaceId: SPACE, pageId: PAGE }]],
  importPages: [['a folder', { spaceId: SPACE, dir: '/home/ada/handbook' }], ['with tags', { spaceId: SPACE, dir: '/home/ada/handbook', tags: ['handbook'] }]],
} satisfies Partial<Record<PeerApiMethod, [string, unknown][]>>

/** Bodies each operation refuses, and the field it names. */
export const PAGE_REJECTIONS: Array<[PeerApiMethod, unknown, string]> = [
  ['createPage', {}, 'title'],
  ['createPage', { title: '  ' }, 'title'],
  ['createPage', { title: 't'.repeat(201) }, 'title'],
  ['createPage', { title: 'T\u202e' }, 'title'],
  ['createPage', { title: 'T', tags: 'hall' }, 'tags'],
  ['createPage', { title: 'T', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
  ['createPage', { title: 'T', tags: [''] }, 'tags.0'],
  ['createPage', { title: 'T', markdown: 42 }, 'markdown'],
  ['createPage', { title: 'T', markdown: 'x'.repeat(500_001) }, 'markdown'],
  ['createPage', { title: 'T', createdBy: 'did:key:z6Mk' }, ''],
  ['editPage', {}, ''],
  ['editPage', { markdown: 'a', append: 'b' }, ''],
  ['editPage', { title: '' }, 'title'],
  ['editPage', { deleted: true }, ''],
  ['listPages', { tag: '' }, 'tag'],
  ['listPages', { title: 'x' }, ''],
  ['getPage', { at: 'yesterday' }, 'at'],
  ['restorePage', {}, 'version'],
  ['restorePage', { version: 'abc' }, 'version'],
  ['importPages', {}, 'dir'],
  ['importPages', { dir: 'handbook' }, 'dir'],
]
