/**
 * Reading a Loomio group export: closed proposals come over with each latest, unrevoked stance,
 * reasons and outcome in plain text, named as in Loomio; other polls are listed as skipped with
 * why; a file that is not a Loomio export is refused naming the line.
 */
import { describe, expect, it } from 'vitest'
import { LoomioFormatError, plainText, readLoomioExport } from '../../../shared/decisions/loomio.ts'
import { loomioExport } from '../../helpers/loomio-export.ts'

const NOW = Date.parse('2026-11-30T12:00:00.000Z')

describe('readLoomioExport', () => {
  const read = readLoomioExport(loomioExport(NOW), NOW)

  it('brings each closed proposal over with its process, taken from its options', () => {
    expect(read.proposals.map((p) => [p.id, p.title, p.process])).toEqual([
      ['10', 'Paint the hall green', 'consent'], ['11', 'Sell the piano', 'consensus'], ['12', 'Buy a second ladder', 'majority'],
    ])
  })

  it('keeps each voter\'s latest, unrevoked stance, with its reason in plain text and its voter by name', () => {
    const paint = read.proposals[0]!
    expect(paint.stances.map((s) => [s.name, s.choice, s.reason])).toEqual([
      ['Ben Okafor', 'consent', 'Fine, green it is & no more'], ['Ana Souza', 'consent', ''],
    ])
    expect(paint).toMatchObject({ quorum: 50, eligible: 4, authorName: 'Ana Souza', details: 'The **old** colour is peeling.', outcome: { statement: 'Green, from March.', byName: 'Ana Souza' } })
    expect(paint.stances[0]!.voter).toBe('loomio:user:2')
  })

  it('names nobody in an anonymous poll, and closes at closing_at when closed_at is not set', () => {
    const piano = read.proposals[1]!
    expect(piano.stances.map((s) => [s.name, s.choice])).toEqual([['Anonymous', 'agree'], ['Anonymous', 'block']])
    expect(piano.closedAt).toBe(new Date(NOW - 86_400_000).toISOString())
    expect(read.proposals[2]!.details).toBe('The tall one.\n• €120\n• from the co-op')
  })

  it('lists what it does not bring over, and why', () => {
    expect(read.skipped.map((s) => [s.id, s.reason.split(':')[0]])).toEqual([
      ['13', 'a dot vote poll'], ['14', 'still open in Loomio'], ['15', 'deleted in Loomio'],
    ])
  })

  it.each<[string, string, RegExp]>([
    ['an empty file', '', /holds no records/],
    ['a CSV export', 'id,title\n1,Paint', /line 1 is not JSON/],
    ['JSON of another kind', '{"nodes":[],"edges":[]}', /line 1 is not a \{"table", "record"\} object/],
    ['a broken line further on', `${loomioExport(NOW).split('\n').slice(0, 3).join('\n')}\n{"table":"polls","record":{"id":`, /line 4 is not JSON/],
    ['a poll with no id', '{"table":"polls","record":{"title":"x"}}', /line 1, a record of polls: id/],
  ])('refuses %s, naming the line', (_name, text, message) => {
    expect(() => readLoomioExport(text, NOW)).toThrow(LoomioFormatError)
    expect(() => readLoomioExport(text, NOW)).toThrow(message)
  })
})

describe('plainText', () => {
  it.each([
    ['<p>One</p><p>Two &amp; three</p>', 'html', 'One\nTwo & three'],
    ['Plain **markdown** stays', 'md', 'Plain **markdown** stays'],
    ['<script>alert(1)</script>Hi', null, 'alert(1)Hi'],
  ])('%j (%s) reads %j', (source, format, text) => {
    expect(plainText(source, format)).toBe(text)
  })
})
