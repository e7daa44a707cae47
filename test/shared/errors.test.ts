import { describe, expect, it } from 'vitest'
import { CommonweaveError, ErrorCode, isErrorData, toErrorData } from '../../shared/errors.ts'
import type { ErrorData } from '../../shared/errors.ts'

describe('toErrorData', () => {
  it.each<[string, unknown, ErrorData]>([
    ['a CommonweaveError without details',
      new CommonweaveError(ErrorCode.SpaceNotFound, 'no such space'),
      { code: 'SPACE_NOT_FOUND', message: 'no such space' }],
    ['a CommonweaveError with details',
      new CommonweaveError(ErrorCode.ValidationFailed, 'title: required', [{ path: 'title', message: 'required' }]),
      { code: 'VALIDATION_FAILED', message: 'title: required', details: [{ path: 'title', message: 'required' }] }],
    ['a CommonweaveError whose details are falsy but present',
      new CommonweaveError(ErrorCode.Timeout, 'slow', 0),
      { code: 'TIMEOUT', message: 'slow', details: 0 }],
    ['a plain Error', new Error('disk on fire'), { code: 'INTERNAL', message: 'disk on fire' }],
    ['a TypeError', new TypeError('x is not a function'), { code: 'INTERNAL', message: 'x is not a function' }],
    ['an Error with an empty message', new Error(), { code: 'INTERNAL', message: '' }],
    ['a string', 'something broke', { code: 'INTERNAL', message: 'something broke' }],
    ['undefined', undefined, { code: 'INTERNAL', message: 'undefined' }],
    ['null', null, { code: 'INTERNAL', message: 'null' }],
    ['a number', 42, { code: 'INTERNAL', message: '42' }],
    ['an object that is not error data', { reason: 'nope' }, { code: 'INTERNAL', message: '[object Object]' }],
    ['error data', { code: 'INVITE_USED', message: 'used' }, { code: 'INVITE_USED', message: 'used' }],
    ['error data with details',
      { code: 'VALIDATION_FAILED', message: 'bad', details: { field: 'name' } },
      { code: 'VALIDATION_FAILED', message: 'bad', details: { field: 'name' } }],
  ])('%s', (_name, thrown, expected) => {
    const data = toErrorData(thrown)
    expect(data).toStrictEqual(expected)
    // It crosses IPC and HTTP as JSON, so it must survive that unchanged, without a stack.
    expect(JSON.parse(JSON.stringify(data))).toStrictEqual(expected)
    expect(data).not.toHaveProperty('stack')
    expect(isErrorData(data)).toBe(true)
  })

  it('a CommonweaveError survives structured cloning as data', () => {
    const data = toErrorData(new CommonweaveError(ErrorCode.Forbidden, 'not yours', { spaceId: 's1' }))
    expect(structuredClone(data)).toStrictEqual({ code: 'FORBIDDEN', message: 'not yours', details: { spaceId: 's1' } })
  })
})

describe('CommonweaveError', () => {
  it('is an Error with a stable code and name', () => {
    const err = new CommonweaveError(ErrorCode.NotMember, 'not a member')
    expect(err).toBeInstanceOf(Error)
    expect(err.name).toBe('CommonweaveError')
    expect(err.code).toBe('NOT_MEMBER')
    expect(err.details).toBeUndefined()
  })
})

describe('isErrorData', () => {
  it.each<[string, unknown, boolean]>([
    ['code and message', { code: 'NOT_FOUND', message: 'gone' }, true],
    ['code, message and details', { code: 'INTERNAL', message: '', details: [1, 2] }, true],
    ['a CommonweaveError', new CommonweaveError(ErrorCode.Aborted, 'stopped'), true],
    ['null', null, false],
    ['undefined', undefined, false],
    ['a string', 'NOT_FOUND', false],
    ['a number', 404, false],
    ['an array', ['NOT_FOUND', 'gone'], false],
    ['an empty object', {}, false],
    ['code only', { code: 'NOT_FOUND' }, false],
    ['message only', { message: 'gone' }, false],
    ['a numeric code', { code: 404, message: 'gone' }, false],
    ['a null message', { code: 'NOT_FOUND', message: null }, false],
    ['a plain Error', new Error('boom'), false],
  ])('%s -> %s', (_name, value, expected) => {
    expect(isErrorData(value)).toBe(expected)
  })
})
