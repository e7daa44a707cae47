/**
 * What main does with a call from the page before the peer sees it: the op must be one of
 * the peer's, the input must pass the HTTP API's own checks. Every refusal is error data; no
 * input, however odd, makes it throw.
 */
import { describe, expect, it } from 'vitest'
import { checkCall } from '../../electron/main/ipc-call.ts'
import { OPERATIONS } from '../../shared/api/operations.ts'

describe('IPC op and input check', () => {
  it('passes a good call on, as the handler\'s input', () => {
    expect(checkCall('status', undefined)).toEqual({ ok: true, op: 'status', input: undefined })
    expect(checkCall('createSpace', { name: 'Allotment' })).toEqual({ ok: true, op: 'createSpace', input: { name: 'Allotment' } })
    // A GET's fields take the query's way, typed values and all, as over HTTP.
    expect(checkCall('listResources', { spaceId: 'Allotment', kind: 'offer', mine: true, limit: 10 }))
      .toEqual({ ok: true, op: 'listResources', input: { spaceId: 'Allotment', kind: 'offer', mine: true, limit: 10 } })
    expect(checkCall('getResource', { spaceId: 'Allotment', resourceId: 'abc123' }))
      .toEqual({ ok: true, op: 'getResource', input: { spaceId: 'Allotment', resourceId: 'abc123' } })
  })

  it('answers an unknown op with BAD_REQUEST data', () => {
    for (const op of ['deleteEverything', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '', 42, null, undefined, { op: 'status' }]) {
      const r = checkCall(op, {})
      expect(r, String(op)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    }
  })

  it('answers bad input with VALIDATION_FAILED data', () => {
    const bad: Array<[string, unknown]> = [
      ['createSpace', { name: 5 }],
      ['createSpace', { name: 'x', founder: 'did:key:z6Mk' }],
      ['createSpace', 'Allotment'],
      ['createSpace', ['Allotment']],
      ['listResources', { spaceId: 'Allotment', limit: 0 }],
      ['listResources', { spaceId: 'Allotment', colour: 'red' }],
      ['listResources', {}],
      ['getResource', { spaceId: 'Allotment', resourceId: '../../etc' }],
      ['getResource', { spaceId: 'Allotment\u0000', resourceId: 'abc' }],
      ['addResource', { spaceId: 'Allotment', kind: 'offer', title: 'x'.repeat(70_000) }],
    ]
    for (const [op, input] of bad) {
      expect(checkCall(op, input), `${op} ${JSON.stringify(input)?.slice(0, 80)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    }
  })

  it('never throws, whatever the input', () => {
    const cyclic: Record<string, unknown> = { name: 'a' }
    cyclic['self'] = cyclic
    const odd: unknown[] = [cyclic, { name: 10n }, { toJSON: () => { throw new Error('boom') } }, new Map([['name', 'x']]), Symbol('x'), () => 1, 3.5, true]
    for (const op of OPERATIONS.map((o) => o.op)) {
      for (const input of odd) {
        const r = checkCall(op, input)
        expect(typeof r.ok, op).toBe('boolean')
        if (!r.ok) expect(['VALIDATION_FAILED', 'BAD_REQUEST']).toContain(r.error.code)
      }
    }
  })
})
