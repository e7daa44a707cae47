import { describe, expect, it } from 'vitest'
import { parseDuration } from '../../shared/duration.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'

describe('parseDuration', () => {
  it.each<[string, number]>([
    ['90s', 90],
    ['15m', 15 * 60],
    ['24h', 24 * 3600],
    ['30d', 30 * 86400],
    ['2w', 2 * 7 * 86400],
    [' 5m ', 5 * 60],
    ['\t1h\n', 3600],
    ['1s', 1],
    ['007m', 7 * 60],
    ['999999s', 999_999],
    ['999999w', 999_999 * 604_800],
  ])('%j is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds)
  })

  it.each<[string, string]>([
    ['zero', '0s'],
    ['zero weeks, padded', '000w'],
    ['a number without a unit', '5'],
    ['an unknown unit', '5x'],
    ['milliseconds', '5ms'],
    ['an upper-case unit', '5M'],
    ['a space between number and unit', '5 m'],
    ['a unit without a number', 'm'],
    ['a negative number', '-5m'],
    ['an explicit plus sign', '+5m'],
    ['a fraction', '1.5h'],
    ['an exponent', '1e3s'],
    ['two durations', '1h30m'],
    ['the empty string', ''],
    ['whitespace only', '   '],
    ['seven digits', '9999999d'],
    ['non-ASCII digits', '٥m'],
    ['full-width digits', '５m'],
  ])('rejects %s (%j) with VALIDATION_FAILED', (_name, text) => {
    let thrown: unknown
    try {
      parseDuration(text)
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(CommonweaveError)
    expect((thrown as CommonweaveError).code).toBe(ErrorCode.ValidationFailed)
  })
})
