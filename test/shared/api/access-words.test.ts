import { describe, expect, it } from 'vitest'
import { cmdWord, describeAccess, docsWords, isoDay } from '../../../shared/api/access-words.ts'
import type { SpaceAccess } from '../../../shared/api/peer-api.ts'

describe('access in words', () => {
  it.each<[string, SpaceAccess, string]>([
    ['a guest reading one collection', { cmd: '/doc/read', docs: ['resources'], purpose: 'matching', expiresAt: '2026-12-01T00:00:00.000Z' },
      'read resources for matching until 2026-12-01'],
    ['a guest writing two', { cmd: '/doc/write', docs: ['resources', 'decisions'], purpose: 'coordination', expiresAt: '2026-01-31T14:30:59.000Z' },
      'write resources, decisions for coordination until 2026-01-31 14:30 UTC'],
    ['a member', { cmd: '/doc/write', docs: ['*'], purpose: '*', expiresAt: '2026-03-01T00:00:00.000Z' },
      'write everything for any purpose until 2026-03-01'],
    ['the founder', { cmd: '/', docs: ['*'], purpose: '*', expiresAt: null }, 'admin everything for any purpose'],
    ['a command this version has no word for', { cmd: '/api/agent', docs: ['resources'], purpose: 'agent-assist', expiresAt: null },
      '/api/agent resources for agent-assist'],
  ])('%s', (_name, access, words) => {
    expect(describeAccess(access)).toBe(words)
  })

  it('formats the date with the formatter it is given', () => {
    const access: SpaceAccess = { cmd: '/doc/read', docs: ['resources'], purpose: 'matching', expiresAt: '2026-12-01T00:00:00.000Z' }
    expect(describeAccess(access, (iso) => `[${iso}]`)).toBe('read resources for matching until [2026-12-01T00:00:00.000Z]')
  })

  it.each<[string, string]>([
    ['/doc/read', 'read'], ['/doc/write', 'write'], ['/', 'admin'], ['/grant/revoke', '/grant/revoke'],
  ])('cmd %s is %s', (cmd, word) => {
    expect(cmdWord(cmd)).toBe(word)
  })

  it.each<[string[], string]>([
    [['resources'], 'resources'], [['resources', 'decisions'], 'resources, decisions'], [['resources', '*'], 'everything'],
  ])('docs %j are %j', (docs, words) => {
    expect(docsWords(docs)).toBe(words)
  })

  it.each<[string, string]>([
    ['2026-12-01T00:00:00.000Z', '2026-12-01'],
    ['2026-12-01T09:05:00Z', '2026-12-01 09:05 UTC'],
    ['not a date', 'not a date'],
  ])('isoDay(%j) is %j', (iso, text) => {
    expect(isoDay(iso)).toBe(text)
  })
})
