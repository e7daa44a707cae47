/** One call per `PeerApi` method, as rows of routes.test.ts: every input must come back whole from a request. */
import type { PeerApiMethod } from '../../../shared/api/routes.ts'
import { DECISION_CALLS } from './decision-cases.ts'
import { SEARCH_CALLS } from './search-cases.ts'
import { PAGE_CALLS } from './page-cases.ts'
import { MAP_CALLS } from './map-cases.ts'
import { INSIGHT_CALLS } from './insight-cases.ts'

const SPACE = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'
const CODE = 'cw1.eyJ2IjoxfQ'
const DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
const GRANT = 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'
const GRANT_BODY = { to: DID, cmd: 'read', docs: ['resources'], purpose: 'matching' }

/** One call per `PeerApi` method; a `Record` so the compiler fails when a method is missing. */
export const CALLS: Record<PeerApiMethod, [string, unknown][]> = {
  status: [['no input', undefined]],
  peers: [['no input', undefined]],
  listSpaces: [['no input', undefined]],
  createSpace: [['a name', { name: 'Allotment Group' }], ['a non-ASCII name', { name: 'Gärten 園芸' }]],
  createInvite: [
    ['an expiry', { spaceId: SPACE, expiresInSeconds: 86400 }],
    ['no expiry', { spaceId: SPACE }],
    ['the longest expiry', { spaceId: SPACE, expiresInSeconds: 30 * 86400 }],
  ],
  joinSpace: [['a code', { code: CODE }], ['a code and a timeout', { code: CODE, timeoutMs: 30_000 }]],
  listMembers: [['a space', { spaceId: SPACE }]],
  setMemberRole: [['a did', { spaceId: SPACE, did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', role: 'admin' }], ['a name', { spaceId: SPACE, did: 'Ana Souza', role: 'member' }]],
  removeMember: [['a did', { spaceId: SPACE, did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' }]],
  leaveSpace: [['a space', { spaceId: SPACE }], ['naming an admin', { spaceId: SPACE, admin: 'Ana' }]],
  rename: [['a name', { name: 'Ana Souza' }], ['a non-ASCII name', { name: 'Zoë 園芸' }]],
  exportSpace: [['a file', { spaceId: SPACE, file: '/tmp/coop.cwexport' }], ['replacing one', { spaceId: SPACE, file: '/tmp/coop.cwexport', overwrite: true }]],
  importSpace: [['a file', { file: '/home/ana/coop.cwexport' }]],
  addResource: [
    ['kind and title', { spaceId: SPACE, kind: 'need', title: 'Seed potatoes' }],
    ['every field', {
      spaceId: SPACE, kind: 'offer', title: 'Ladder', description: '4 m', tags: ['garden', '園芸'], quantity: 2, location: 'Shed',
      coordinates: { lat: 51.5, lon: -0.1 }, availability: 'evenings', pool: 'Tools', expiresInSeconds: 30 * 86400,
    }],
  ],
  listResources: [
    ['a space', { spaceId: SPACE }],
    ['a space by name', { spaceId: 'Tool Library' }],
    ['every filter', { spaceId: SPACE, kind: 'tool', status: 'closed', tag: 'garden', pool: 'Van share', mine: true, all: true, limit: 50, offset: 100 }],
  ],
  getResource: [['an id', { spaceId: SPACE, resourceId: '0b6f3c2e-5d1a-4c8e-9f00-1a2b3c4d5e6f' }], ['a start of an id', { spaceId: SPACE, resourceId: '0b6f' }]],
  editResource: [
    ['a title', { spaceId: SPACE, resourceId: '0b6f3c2e', title: 'Ladder, 5 m' }],
    ['clearing fields, closing', { spaceId: SPACE, resourceId: '0b6f3c2e', location: null, pool: null, expiresAt: null, status: 'closed' }],
    ['every field', {
      spaceId: SPACE, resourceId: '0b6f3c2e', title: 'T', description: 'D', tags: ['a'], quantity: 3, location: 'Shed',
      coordinates: { lat: 51.5, lon: -0.1 }, availability: 'weekends', pool: 'Tools', status: 'matched', expiresInSeconds: 86400,
    }],
  ],
  deleteResource: [['an id', { spaceId: SPACE, resourceId: '0b6f3c2e' }]],
  createPool: [['a name', { spaceId: SPACE, name: 'Tool library' }], ['a description', { spaceId: SPACE, name: 'Vans', description: 'Two vans' }]],
  listPools: [['a space', { spaceId: SPACE }]],
  book: [
    ['a range', { spaceId: SPACE, resource: '0b6f3c2e', from: '2026-12-24T09:00:00.000Z', to: '2026-12-24T12:00:00.000Z' }],
    ['local times and a note', { spaceId: SPACE, resource: '0b6f', from: '2026-12-24T09:00', to: '2026-12-24T12:00', note: 'Moving day' }],
  ],
  listBookings: [['a space', { spaceId: SPACE }], ['one resource, cancelled too', { spaceId: SPACE, resource: '0b6f', all: true }]],
  cancelBooking: [['an id', { spaceId: SPACE, bookingId: '9a8b7c6d' }]],
  listItems: [['a space and a collection', { spaceId: SPACE, collection: 'resources' }]],
  getItem: [['an item', { spaceId: SPACE, collection: 'resources', itemId: '0b6f3c2e-5d1a-4c8e-9f00-1a2b3c4d5e6f' }]],
  whoami: [['no input', undefined]],
  createGrant: [
    ['the required fields', { spaceId: SPACE, ...GRANT_BODY }],
    ['every field', {
      spaceId: SPACE, to: DID, cmd: 'write', docs: ['resources', 'decisions', '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'],
      purpose: 'coordination', expiresInSeconds: 30 * 86400, note: 'Für die Gartengruppe 園芸',
    }],
    ['the whole space for the longest time', { spaceId: SPACE, ...GRANT_BODY, docs: ['*'], expiresInSeconds: 365 * 86400 }],
    ['a purpose the peer will judge', { spaceId: SPACE, ...GRANT_BODY, purpose: 'not-a-purpose' }],
  ],
  acceptGrant: [['a code', { code: 'cwg1.' + 'A'.repeat(8000) }]],
  revokeGrant: [['a grant id', { grantId: GRANT }]],
  listGrants: [['a space', { spaceId: SPACE }]],
  audit: [['a space', { spaceId: SPACE }]],
  ...DECISION_CALLS,
  ...SEARCH_CALLS,
  ...PAGE_CALLS,
  ...MAP_CALLS,
  ...INSIGHT_CALLS,
}
