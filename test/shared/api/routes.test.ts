import { describe, expect, it } from 'vitest'
import { API_ROUTES, buildCallInput, buildRequest, httpStatusFor, matchRoute, paramNames, routeFor } from '../../../shared/api/routes.ts'
import type { ApiRoute, CallRoute, PeerApiMethod } from '../../../shared/api/routes.ts'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { thrownBy } from '../../helpers/thrown-by.ts'
import { DECISION, DECISION_REJECTIONS } from './decision-cases.ts'
import { SEARCH_REJECTIONS } from './search-cases.ts'
import { PAGE, PAGE_REJECTIONS } from './page-cases.ts'
import { MAP_REJECTIONS } from './map-cases.ts'
import { INSIGHT_REJECTIONS } from './insight-cases.ts'
import { CALLS } from './call-cases.ts'

const SPACE = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'
const CODE = 'cw1.eyJ2IjoxfQ'
const DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
const GRANT = 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'
/** A well-formed value for each path param, to address a route in tests about something else. */
const PARAMS: Record<string, string> = { spaceId: SPACE, grantId: GRANT, resourceId: '0b6f3c2e', bookingId: '9a8b7c6d', decisionId: 'd4e5f6a7', pageId: PAGE, nodeId: 'Seed Library', edgeId: 'e4pVb9Tz', agent: 'helper' }
const paramsFor = (route: ApiRoute): Record<string, string> =>
  Object.fromEntries(paramNames(route.path).map((name) => [name, PARAMS[name] as string]))
const GRANT_BODY = { to: DID, cmd: 'read', docs: ['resources'], purpose: 'matching' }

function expectValidationFailed(fn: () => unknown): CommonweaveError {
  const err = thrownBy(fn)
  expect(err).toBeInstanceOf(CommonweaveError)
  expect((err as CommonweaveError).code).toBe(ErrorCode.ValidationFailed)
  return err as CommonweaveError
}

const describeRoute = (r: ApiRoute): string => `${r.method} ${r.path}`

describe('matchRoute finds', () => {
  it.each<[string, string, string, Record<string, string>]>([
    ['GET', '/v1/status', '/v1/status', {}],
    ['GET', '/v1/peers', '/v1/peers', {}],
    ['GET', '/v1/spaces', '/v1/spaces', {}],
    ['POST', '/v1/spaces', '/v1/spaces', {}],
    ['POST', `/v1/spaces/${SPACE}/invites`, '/v1/spaces/:spaceId/invites', { spaceId: SPACE }],
    ['POST', '/v1/join', '/v1/join', {}],
    ['GET', `/v1/spaces/${SPACE}/resources`, '/v1/spaces/:spaceId/resources', { spaceId: SPACE }],
    ['POST', `/v1/spaces/${SPACE}/resources`, '/v1/spaces/:spaceId/resources', { spaceId: SPACE }],
    ['GET', '/v1/whoami', '/v1/whoami', {}],
    ['GET', `/v1/spaces/${SPACE}/grants`, '/v1/spaces/:spaceId/grants', { spaceId: SPACE }],
    ['POST', `/v1/spaces/${SPACE}/grants`, '/v1/spaces/:spaceId/grants', { spaceId: SPACE }],
    ['GET', `/v1/spaces/${SPACE}/audit`, '/v1/spaces/:spaceId/audit', { spaceId: SPACE }],
    ['POST', '/v1/grants/accept', '/v1/grants/accept', {}],
    ['POST', `/v1/grants/${GRANT}/revoke`, '/v1/grants/:grantId/revoke', { grantId: GRANT }],
    ['POST', '/v1/grants/b%61fy/revoke', '/v1/grants/:grantId/revoke', { grantId: 'bafy' }],
    ['GET', '/v1/spaces/a/resources', '/v1/spaces/:spaceId/resources', { spaceId: 'a' }],
    ['GET', '/v1/spaces/ab%63/resources', '/v1/spaces/:spaceId/resources', { spaceId: 'abc' }],
    ['GET', '/v1/openapi.json', '/v1/openapi.json', {}],
    ['GET', '/v1/events', '/v1/events', {}],
    ['GET', `/v1/spaces/${SPACE}/decisions`, '/v1/spaces/:spaceId/decisions', { spaceId: SPACE }],
    ['POST', `/v1/spaces/${SPACE}/decisions`, '/v1/spaces/:spaceId/decisions', { spaceId: SPACE }],
    ['GET', `/v1/spaces/${SPACE}/decisions/${DECISION}`, '/v1/spaces/:spaceId/decisions/:decisionId', { spaceId: SPACE, decisionId: DECISION }],
    ['POST', `/v1/spaces/${SPACE}/decisions/${DECISION}/stances`, '/v1/spaces/:spaceId/decisions/:decisionId/stances', { spaceId: SPACE, decisionId: DECISION }],
    ['POST', `/v1/spaces/${SPACE}/decisions/${DECISION}/close`, '/v1/spaces/:spaceId/decisions/:decisionId/close', { spaceId: SPACE, decisionId: DECISION }],
    ['GET', `/v1/spaces/${SPACE}/decisions/d4e5%666a7`, '/v1/spaces/:spaceId/decisions/:decisionId', { spaceId: SPACE, decisionId: DECISION }],
  ])('%s %s as %s', (method, pathname, path, params) => {
    const match = matchRoute(method, pathname)
    expect(match).toEqual({ found: true, route: expect.objectContaining({ method, path }), params })
  })

  it.each(API_ROUTES.map((r) => [describeRoute(r), r] as const))('%s, from its own path', (_name, route) => {
    const pathname = route.path.replaceAll(':spaceId', SPACE).replaceAll(':grantId', GRANT).replaceAll(':decisionId', DECISION).replaceAll(':pageId', PAGE)
    const match = matchRoute(route.method, pathname)
    expect(match.found && match.route).toBe(route)
  })
})

describe('matchRoute does not find', () => {
  it.each<[string, string]>([
    ['GET', '/v1/nope'],
    ['GET', '/'],
    ['GET', ''],
    ['GET', '/v1'],
    ['GET', '/v1/'],
    ['GET', '/v1/status/'],
    ['GET', '//v1/status'],
    ['GET', '/v2/status'],
    ['GET', '/V1/status'],
    ['GET', '/v1/Status'],
    ['GET', '/v1/%73tatus'],
    ['GET', 'v1/status'],
    ['GET', '/v1/status?x=1'],
    ['GET', '/v1/spaces//resources'],
    ['GET', `/v1/spaces/${SPACE}`],
    ['GET', `/v1/spaces/${SPACE}/resources/`],
    ['GET', `/v1/spaces/${SPACE}/resources/r1/x`],
    ['GET', '/v1/spaces/a/b/resources'],
    ['GET', '/v1/spaces/resources'],
    ['POST', '/v1/spaces/invites'],
    ['GET', '/v1/grants'],
    ['POST', '/v1/grants//revoke'],
    ['POST', `/v1/grants/${GRANT}`],
    ['POST', `/v1/grants/${GRANT}/revoke/`],
    ['GET', `/v1/spaces/${SPACE}/grants/${GRANT}`],
    ['GET', `/v1/spaces/${SPACE}/decisions/`],
    ['GET', `/v1/spaces/${SPACE}/decisions/${DECISION}/`],
    ['GET', `/v1/spaces/${SPACE}/decisions//stances`],
    ['POST', `/v1/spaces/${SPACE}/decisions/${DECISION}/stances/s1`],
    ['POST', `/v1/spaces/${SPACE}/decisions/${DECISION}/vote`],
    ['GET', '/v1/spaces/decisions'],
  ])('%s %j', (method, pathname) => {
    expect(matchRoute(method, pathname)).toEqual({ found: false, allow: [] })
  })
})

describe('matchRoute answers a wrong method with the allowed ones', () => {
  it.each<[string, string, string[]]>([
    ['POST', '/v1/status', ['GET']],
    ['DELETE', '/v1/peers', ['GET']],
    ['DELETE', '/v1/spaces', ['GET', 'POST']],
    ['PUT', '/v1/spaces', ['GET', 'POST']],
    ['GET', `/v1/spaces/${SPACE}/invites`, ['POST']],
    ['GET', '/v1/join', ['POST']],
    ['PATCH', `/v1/spaces/${SPACE}/resources`, ['GET', 'POST']],
    ['HEAD', '/v1/openapi.json', ['GET']],
    ['POST', '/v1/events', ['GET']],
    ['POST', '/v1/whoami', ['GET']],
    ['DELETE', `/v1/spaces/${SPACE}/grants`, ['GET', 'POST']],
    ['GET', '/v1/grants/accept', ['POST']],
    ['GET', `/v1/grants/${GRANT}/revoke`, ['POST']],
    ['POST', `/v1/spaces/${SPACE}/audit`, ['GET']],
    ['DELETE', `/v1/spaces/${SPACE}/decisions`, ['GET', 'POST']],
    ['POST', `/v1/spaces/${SPACE}/decisions/${DECISION}`, ['GET']],
    ['GET', `/v1/spaces/${SPACE}/decisions/${DECISION}/stances`, ['POST']],
    ['GET', `/v1/spaces/${SPACE}/decisions/${DECISION}/close`, ['POST']],
  ])('%s %s -> %j', (method, pathname, allow) => {
    const match = matchRoute(method, pathname)
    expect(match.found).toBe(false)
    expect(match.found ? [] : [...match.allow].sort()).toEqual(allow)
  })
})

describe('a hostile space or grant id never reaches the peer', () => {
  const bodies: Record<string, unknown> = {
    listResources: undefined,
    addResource: { kind: 'tool', title: 'Ladder' },
    createInvite: {},
    listGrants: undefined,
    createGrant: GRANT_BODY,
    audit: undefined,
    revokeGrant: {},
  }
  const segments = [
    '..', '.', '..%2F', '..%2f..%2fetc%2fpasswd', '%2e%2e', '%2E%2E%2F', '..%5C', 'a%2Fb', '%2F', '%252F',
    '%00', 'a%00b', '%E0%A4%A', '%', '%zz', '%20', 'a%20b', '%C3%A9', 'abc%3Fq%3D1', 'a%23b', 'a.b',
    'x'.repeat(129), '%F0%9F%8C%B1',
  ]
  const cases = Object.keys(bodies).flatMap((op) => {
    const route = routeFor(op as PeerApiMethod)
    const [param] = paramNames(route.path) as [string]
    return segments.map((seg) => [route.method, route.path.replace(`:${param}`, seg), route, param] as const)
  })
  it.each(cases)('%s %s', (method, pathname, route, param) => {
    const match = matchRoute(method, pathname)
    if (!match.found) return
    expect(match.route).toBe(route)
    // eslint-disable-next-line no-control-regex
    if (param === 'spaceId' && !/[\u0000-\u001f]/.test(match.params['spaceId']!) && match.params['spaceId']!.length <= 200) {
      // SPACE may be a space's name: it reaches the peer as text, whose resolver answers
      // SPACE_NOT_FOUND for anything that names none of its spaces (test/peer/space-ref.test.ts).
      expect(buildCallInput(route, match.params, bodies[route.op])).toMatchObject({ spaceId: match.params['spaceId'] })
      return
    }
    const err = expectValidationFailed(() => buildCallInput(route, match.params, bodies[route.op]))
    expect(err.details).toEqual([expect.objectContaining({ path: param })])
  })

  it.each([
    ['not a CID', 'not-a-grant'],
    ['upper case', GRANT.toUpperCase()],
    ['base58, not base32', 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52z1'],
    ['too short', 'bafyrei'],
    ['too long', 'b' + 'a'.repeat(121)],
    ['a CIDv0', 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG'],
  ])('a grant id that is %s is refused, naming grantId', (_name, grantId) => {
    const err = expectValidationFailed(() => buildCallInput(routeFor('revokeGrant'), { grantId }, {}))
    expect(err.details).toEqual([{ path: 'grantId', message: 'grantId is not a grant id' }])
  })

  it('the longest accepted space id or name is 200 characters', () => {
    const route = routeFor('listResources')
    expect(buildCallInput(route, { spaceId: 'x'.repeat(200) }, undefined)).toEqual({ spaceId: 'x'.repeat(200) })
    expectValidationFailed(() => buildCallInput(route, { spaceId: 'x'.repeat(201) }, undefined))
  })
})

describe('buildRequest then matchRoute and buildCallInput give the input back', () => {
  const cases = Object.entries(CALLS).flatMap(([op, rows]) =>
    rows.map(([name, input]) => [op as PeerApiMethod, name, input] as const))

  it('covers every call route', () => {
    const routed = API_ROUTES.filter((r): r is CallRoute => r.kind === 'call').map((r) => r.op).sort()
    expect(Object.keys(CALLS).sort()).toEqual(routed)
  })

  it.each(cases)('%s with %s', (op, _name, input) => {
    const route = routeFor(op)
    expect(route.op).toBe(op)
    const { path, body } = buildRequest(route, input)
    expect(path.startsWith('/v1/')).toBe(true)
    expect(body).not.toHaveProperty('spaceId')
    expect(body).not.toHaveProperty('grantId')
    const [pathname, query] = path.split('?') as [string, string | undefined]
    const match = matchRoute(route.method, pathname)
    expect(match.found && match.route).toBe(route)
    if (!match.found) return
    // What the server reads: the JSON body for routes that take one, the query string as an object for a GET that takes one.
    const wire = route.body ? JSON.parse(JSON.stringify(body)) as unknown : route.query ? Object.fromEntries(new URLSearchParams(query ?? '')) : undefined
    expect(buildCallInput(route, match.params, wire)).toEqual(input)
  })
})

describe('buildCallInput normalises and validates', () => {
  it('trims and lowercases a resource on the way in', () => {
    const input = buildCallInput(routeFor('addResource'), { spaceId: SPACE },
      { kind: 'offer', title: '  Ladder ', tags: [' Garden '] })
    expect(input).toEqual({ spaceId: SPACE, kind: 'offer', title: 'Ladder', tags: ['garden'] })
  })

  it('trims an accepted code, and keeps a note of 1000 bytes', () => {
    expect(buildCallInput(routeFor('acceptGrant'), {}, { code: '  cwg1.abc\n' })).toEqual({ code: 'cwg1.abc' })
    const note = '園'.repeat(333) + 'a'
    expect(buildCallInput(routeFor('createGrant'), { spaceId: SPACE }, { ...GRANT_BODY, note }))
      .toEqual({ spaceId: SPACE, ...GRANT_BODY, note })
  })

  it('says what a grant needs in words a CLI user can act on', () => {
    const route = routeFor('createGrant')
    const bad = (body: object): string => expectValidationFailed(() => buildCallInput(route, { spaceId: SPACE }, { ...GRANT_BODY, ...body })).message
    expect(bad({ to: 'bob' })).toMatch(/^to: .*did:key.*`commonweave whoami`/)
    expect(bad({ cmd: 'admin' })).toBe('cmd: cmd must be read or write')
    expect(bad({ docs: [] })).toMatch(/^docs: docs needs at least one/)
    expect(bad({ docs: ['a/b'] })).toMatch(/collection name \(resources\), a document id or \*/)
  })

  it.each<[PeerApiMethod, unknown, string]>([
    ['createSpace', {}, 'name'],
    ['createSpace', { name: '   ' }, 'name'],
    ['createSpace', { name: 'n'.repeat(121) }, 'name'],
    ['createSpace', { name: 'x', founder: 'me' }, ''],
    ['createSpace', undefined, ''],
    ['createSpace', 'Allotment', ''],
    ['createInvite', { expiresInSeconds: 0 }, 'expiresInSeconds'],
    ['createInvite', { expiresInSeconds: -60 }, 'expiresInSeconds'],
    ['createInvite', { expiresInSeconds: 1.5 }, 'expiresInSeconds'],
    ['createInvite', { expiresInSeconds: '3600' }, 'expiresInSeconds'],
    ['createInvite', { expiresInSeconds: 30 * 86400 + 1 }, 'expiresInSeconds'],
    ['createInvite', { spaceId: 'another-space' }, ''],
    ['joinSpace', {}, 'code'],
    ['joinSpace', { code: '  ' }, 'code'],
    ['joinSpace', { code: 'c'.repeat(4097) }, 'code'],
    ['joinSpace', { code: CODE, timeoutMs: 3_600_001 }, 'timeoutMs'],
    ['joinSpace', { code: CODE, timeoutMs: 0 }, 'timeoutMs'],
    ['addResource', { kind: 'loan', title: 'x' }, 'kind'],
    ['addResource', { kind: 'offer', title: 'x', spaceId: 'another-space' }, ''],
    ['addResource', { kind: 'tool', title: 'x', quantity: -1 }, 'quantity'],
    ['addResource', { kind: 'tool', title: 'x', quantity: 1.5 }, 'quantity'],
    ['addResource', { kind: 'tool', title: 'x', quantity: '2' }, 'quantity'],
    ['addResource', { kind: 'tool', title: 'x', coordinates: { lat: 91, lon: 0 } }, 'coordinates.lat'],
    ['addResource', { kind: 'tool', title: 'x', coordinates: { lat: 1 } }, 'coordinates.lon'],
    ['addResource', { kind: 'offer', title: 'x', expiresInSeconds: 0 }, 'expiresInSeconds'],
    ['addResource', { kind: 'offer', title: 'x', expiresAt: 'next week' }, 'expiresAt'],
    ['addResource', { kind: 'offer', title: 'x', location: 'l'.repeat(201) }, 'location'],
    ['addResource', { kind: 'offer', title: 'x', pool: '' }, 'pool'],
    ['addResource', { kind: 'offer', title: 'x', owner: 'did:key:z6Mkother' }, ''],
    ['editResource', { status: 'lost' }, 'status'],
    ['editResource', { title: '' }, 'title'],
    ['editResource', { owner: 'did:key:z6Mkother' }, ''],
    ['editResource', { quantity: -2 }, 'quantity'],
    ['createPool', { name: '' }, 'name'],
    ['createPool', { name: 'n'.repeat(101) }, 'name'],
    ['book', { resource: 'abcd', from: 'tomorrow', to: '2026-12-24T12:00' }, 'from'],
    ['book', { resource: 'abcd', from: '2026-12-24T09:00' }, 'to'],
    ['book', { resource: '', from: '2026-12-24T09:00', to: '2026-12-24T12:00' }, 'resource'],
    ['book', { resource: 'abcd', from: '2026-12-24T09:00', to: '2026-12-24T12:00', note: 'n'.repeat(501) }, 'note'],
    ['listResources', { kind: 'loan' }, 'kind'],
    ['listResources', { limit: '0' }, 'limit'],
    ['listResources', { mine: 'yes' }, 'mine'],
    ['listResources', { colour: 'red' }, ''],
    ['listBookings', { all: 'always' }, 'all'],
    ['createGrant', { ...GRANT_BODY, to: 'did:web:example.com' }, 'to'],
    ['createGrant', { ...GRANT_BODY, to: 'did:key:z6Mk' }, 'to'],
    ['createGrant', { ...GRANT_BODY, to: DID.replace('6Mk', '0Mk') }, 'to'],
    ['createGrant', { ...GRANT_BODY, to: ` ${DID}` }, 'to'],
    ['createGrant', { ...GRANT_BODY, to: undefined }, 'to'],
    ['createGrant', { ...GRANT_BODY, cmd: 'admin' }, 'cmd'],
    ['createGrant', { ...GRANT_BODY, cmd: '/doc/read' }, 'cmd'],
    ['createGrant', { ...GRANT_BODY, cmd: 'READ' }, 'cmd'],
    ['createGrant', { ...GRANT_BODY, docs: [] }, 'docs'],
    ['createGrant', { ...GRANT_BODY, docs: 'resources' }, 'docs'],
    ['createGrant', { ...GRANT_BODY, docs: [''] }, 'docs.0'],
    ['createGrant', { ...GRANT_BODY, docs: ['resources', '../authority'] }, 'docs.1'],
    ['createGrant', { ...GRANT_BODY, docs: ['a b'] }, 'docs.0'],
    ['createGrant', { ...GRANT_BODY, docs: ['d'.repeat(129)] }, 'docs.0'],
    ['createGrant', { ...GRANT_BODY, docs: Array.from({ length: 33 }, (_, i) => `doc${i}`) }, 'docs'],
    ['createGrant', { ...GRANT_BODY, purpose: '' }, 'purpose'],
    ['createGrant', { ...GRANT_BODY, purpose: 'p'.repeat(65) }, 'purpose'],
    ['createGrant', { ...GRANT_BODY, expiresInSeconds: 0 }, 'expiresInSeconds'],
    ['createGrant', { ...GRANT_BODY, expiresInSeconds: 1.5 }, 'expiresInSeconds'],
    ['createGrant', { ...GRANT_BODY, expiresInSeconds: 365 * 86400 + 1 }, 'expiresInSeconds'],
    ['createGrant', { ...GRANT_BODY, note: 'n'.repeat(1001) }, 'note'],
    ['createGrant', { ...GRANT_BODY, note: '園'.repeat(334) }, 'note'],
    ['createGrant', { ...GRANT_BODY, dlg: 3 }, ''],
    ['createGrant', { ...GRANT_BODY, spaceId: 'another-space' }, ''],
    ['acceptGrant', {}, 'code'],
    ['acceptGrant', { code: ' ' }, 'code'],
    ['acceptGrant', { code: 'c'.repeat(16_385) }, 'code'],
    ['acceptGrant', { code: CODE, spaceId: SPACE }, ''],
    ['revokeGrant', { reason: 'changed my mind' }, ''],
    ['revokeGrant', { grantId: GRANT }, ''],
    ['revokeGrant', undefined, ''],
    ...DECISION_REJECTIONS,
    ...SEARCH_REJECTIONS,
    ...PAGE_REJECTIONS,
    ...MAP_REJECTIONS,
    ...INSIGHT_REJECTIONS,
  ])('%s rejects %j at %j', (op, body, path) => {
    const route = routeFor(op)
    const err = expectValidationFailed(() => buildCallInput(route, paramsFor(route), body))
    expect(err.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]))
  })

  it.each<[PeerApiMethod, unknown]>([
    ['createInvite', { spaceId: '' }],
    ['createInvite', {}],
    ['createInvite', undefined],
    ['listResources', { spaceId: 42 }],
    ['addResource', { kind: 'offer', title: 'x' }],
    ['revokeGrant', {}],
    ['listGrants', undefined],
    ['proposeDecision', { title: 'T', process: 'consent', closes: '72h' }],
    ['getDecision', { spaceId: SPACE }],
    ['castStance', { spaceId: SPACE, choice: 'agree' }],
    ['castStance', { spaceId: SPACE, decisionId: '', choice: 'agree' }],
    ['closeDecision', { decisionId: DECISION }],
  ])('buildRequest for %s refuses %j without a usable spaceId', (op, input) => {
    expectValidationFailed(() => buildRequest(routeFor(op), input))
  })
})

describe('httpStatusFor', () => {
  /** A `Record` so the compiler fails when an error code is added without a status here. */
  const STATUS: Record<ErrorCode, number> = {
    BAD_REQUEST: 400,
    VALIDATION_FAILED: 400,
    ARCHIVE_INVALID: 400,
    UNAVAILABLE: 503,
    INVITE_INVALID: 400,
    UNAUTHORIZED: 401,
    FORBIDDEN: 403,
    NOT_MEMBER: 403,
    NOT_FOUND: 404,
    SPACE_NOT_FOUND: 404,
    INVITE_EXPIRED: 410,
    INVITE_USED: 410,
    INTERNAL: 500,
    DATA_DIR_LOCKED: 500,
    DATA_DIR_MISSING: 500,
    IDENTITY_MISSING: 500,
    IDENTITY_UNREADABLE: 500,
    PASSPHRASE_REQUIRED: 500,
    PASSPHRASE_WRONG: 500,
    DATA_FILE_UNREADABLE: 500,
    DATA_FILE_DAMAGED: 500,
    DISK_FULL: 507,
    DAEMON_NOT_RUNNING: 500,
    ABORTED: 500,
    TIMEOUT: 504,
    INVITER_UNREACHABLE: 504,
    ADDRESS_IN_USE: 500,
    GRANT_NOT_FOUND: 404,
    PURPOSE_UNKNOWN: 400,
    GRANT_MALFORMED: 400,
    GRANT_TOO_LARGE: 400,
    NON_CANONICAL: 400,
    UNKNOWN_FIELD: 400,
    BAD_KEY: 400,
    SIGNATURE_INVALID: 400,
    CHAIN_TOO_LONG: 400,
    CHAIN_MISALIGNED: 400,
    WRONG_ROOT: 400,
    WRONG_AUDIENCE: 400,
    WRONG_SPACE: 400,
    EXPIRY_TOO_LONG: 400,
    CMD_ESCALATED: 400,
    DOCS_ESCALATED: 400,
    PURPOSE_ESCALATED: 400,
    EXPIRY_EXTENDED: 400,
    GRANT_NOT_YET_VALID: 400,
    NOT_DELEGABLE: 403,
    GRANT_EXPIRED: 410,
    GRANT_REVOKED: 410,
  }

  it('the table names every error code', () => {
    expect(Object.keys(STATUS).sort()).toEqual(Object.values(ErrorCode).sort())
  })

  it.each(Object.entries(STATUS) as [ErrorCode, number][])('%s -> %i', (code, status) => {
    expect(httpStatusFor(code)).toBe(status)
  })
})
