/**
 * SPACE by name: a known id passes, a unique name becomes its id (exactly, then ignoring case
 * and spacing), an ambiguous one is refused listing the candidates, and anything else that is
 * not shaped like an id (the hostile path segments the routes let through as names) stops
 * here with SPACE_NOT_FOUND, never reaching the peer.
 */
import { describe, expect, it } from 'vitest'
import { spaceResolver, type KnownSpaces } from '../../electron/peer/api/space-ref.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { thrownBy } from '../helpers/thrown-by.ts'

const TOOLS = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd' as SpaceId
const GARDEN1 = '4NsTd9PtHnJcwxCpy7XFfM1b2wMH' as SpaceId
const GARDEN2 = '3JkHr8sTw2QpLm5nVb7XcZ9aYdE' as SpaceId
const names = new Map<SpaceId, string>([[TOOLS, 'Tool Library'], [GARDEN1, 'Garden'], [GARDEN2, 'garden '], ['5Qw7Er9Ty2Ui4Op6As8Df1Gh3Jk' as SpaceId, 'Café Ünïcode']])
const known: KnownSpaces = { spaceIds: () => [...names.keys()], has: (id) => names.has(id), name: (id) => names.get(id) }
const resolve = spaceResolver(known)

describe('spaceResolver', () => {
  it.each<[string, string, string]>([
    ['a known id', TOOLS, TOOLS],
    ['a unique start of an id', '2x8kQ', TOOLS],
    ['a name', 'Tool Library', TOOLS],
    ['a name in another case, with other spacing', '  tool   LIBRARY ', TOOLS],
    ['an exact name among names differing only in case', 'Garden', GARDEN1],
    ['a name in another Unicode form', 'Cafe\u0301 Ünïcode', '5Qw7Er9Ty2Ui4Op6As8Df1Gh3Jk'],
    ['an id-shaped string it does not know: left for the call to answer', '9zzzzzzzzzzzzzzzzzzzzzzzzzz', '9zzzzzzzzzzzzzzzzzzzzzzzzzz'],
  ])('%s', (_name, ref, spaceId) => {
    expect(resolve({ spaceId: ref, other: 1 })).toEqual({ spaceId, other: 1 })
  })

  it('refuses a name several spaces share, listing them', () => {
    const err = thrownBy(() => resolve({ spaceId: 'GARDEN' })) as CommonweaveError
    expect(err.code).toBe(ErrorCode.ValidationFailed)
    expect(err.message).toMatch(/"GARDEN" is the name of 2 of your spaces: Garden \(4NsT.*\), garden {2}\(3JkH.*\)/)
    expect(err.details).toEqual({ candidates: [{ spaceId: GARDEN1, name: 'Garden' }, { spaceId: GARDEN2, name: 'garden ' }] })
  })

  it.each(['..', '.', '../x', '..\\', 'a/b', '/', '%2F', '%', '%zz', ' ', 'a b', 'é', 'a.b', '🌱', 'x'.repeat(200), 'Allotment'])('stops %j with SPACE_NOT_FOUND', (ref) => {
    const err = thrownBy(() => resolve({ spaceId: ref }))
    expect(err).toBeInstanceOf(CommonweaveError)
    expect((err as CommonweaveError).code).toBe(ErrorCode.SpaceNotFound)
    expect((err as CommonweaveError).message).toMatch(/Your spaces: "Tool Library"/)
  })

  it('leaves input without a space alone', () => {
    expect(resolve(undefined)).toBeUndefined()
    expect(resolve({ code: 'cw1.x' })).toEqual({ code: 'cw1.x' })
  })
})
