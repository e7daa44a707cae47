/**
 * The tally as every peer computes it from the items it holds (shared/decisions/tally.ts): what
 * a member sees as the result, the counts and each stance's standing. Each case checks the whole
 * tally, so a wrong count, voter total or standing fails it.
 */
import { describe, expect, it } from 'vitest'
import { quorumCount, tally, type Tally, type TalliedStance, type TallyInput } from '../../../shared/decisions/tally.ts'
import type { Choice, Process } from '../../../shared/schemas/decision.ts'

const CLOSES = '2026-12-24T18:00:00.000Z'
const BEFORE = (minute: number): string => `2026-12-24T17:${String(minute).padStart(2, '0')}:00.000Z`
const AFTER = '2026-12-24T18:00:00.001Z'
const VOTERS = ['did:key:ana', 'did:key:ben', 'did:key:cai', 'did:key:dee', 'did:key:eve'] as const
const [ANA, BEN, CAI, DEE, EVE] = VOTERS

/** A verified stance cast `minute` minutes past 17:00, before the close. */
const st = (id: string, voter: string, choice: Choice, castAt: string | number = 0, verified = true): TalliedStance =>
  ({ id, voter, choice, castAt: typeof castAt === 'number' ? BEFORE(castAt) : castAt, verified })

const input = (process: Process, stances: TalliedStance[], more: Partial<TallyInput> = {}): TallyInput =>
  ({ process, eligible: VOTERS.slice(0, 4), closesAt: CLOSES, stances, ...more })

/** Every stance counted, none superseded. */
const allCounted = (stances: TalliedStance[]): Tally['standings'] => Object.fromEntries(stances.map((s) => [s.id, 'counted']))

describe('majority', () => {
  it.each<[string, TalliedStance[], Tally['result'], Tally['counts']]>([
    ['2 agree, 2 disagree: a tie is not carried',
      [st('1', ANA, 'agree'), st('2', BEN, 'agree'), st('3', CAI, 'disagree'), st('4', DEE, 'disagree')],
      'not-carried', { agree: 2, abstain: 0, disagree: 2 }],
    ['2 agree, 1 disagree, 1 abstain: abstaining counts as cast, 2 is not more than half of 4',
      [st('1', ANA, 'agree'), st('2', BEN, 'agree'), st('3', CAI, 'disagree'), st('4', DEE, 'abstain')],
      'not-carried', { agree: 2, abstain: 1, disagree: 1 }],
    ['3 agree, 1 disagree: carried',
      [st('1', ANA, 'agree'), st('2', BEN, 'agree'), st('3', CAI, 'agree'), st('4', DEE, 'disagree')],
      'carried', { agree: 3, abstain: 0, disagree: 1 }],
    ['2 agree, 1 abstain: more than half of the 3 cast',
      [st('1', ANA, 'agree'), st('2', BEN, 'agree'), st('3', CAI, 'abstain')],
      'carried', { agree: 2, abstain: 1, disagree: 0 }],
    ['1 agree, 2 abstain: not carried', [st('1', ANA, 'agree'), st('2', BEN, 'abstain'), st('3', CAI, 'abstain')],
      'not-carried', { agree: 1, abstain: 2, disagree: 0 }],
    ['no stances: not carried', [], 'not-carried', { agree: 0, abstain: 0, disagree: 0 }],
  ])('%s', (_name, stances, result, counts) => {
    expect(tally(input('majority', stances))).toEqual({
      counts, voted: stances.length, eligible: 4, quorum: null, result, standings: allCounted(stances),
    })
  })
})

describe('consent', () => {
  it('no stances and no quorum: carried, silence is consent', () => {
    expect(tally(input('consent', []))).toEqual({
      counts: { consent: 0, objection: 0 }, voted: 0, eligible: 4, quorum: null, result: 'carried', standings: {},
    })
  })

  it('one objection among consents: not carried', () => {
    const stances = [st('1', ANA, 'consent'), st('2', BEN, 'consent'), st('3', CAI, 'objection')]
    expect(tally(input('consent', stances))).toEqual({
      counts: { consent: 2, objection: 1 }, voted: 3, eligible: 4, quorum: null, result: 'not-carried', standings: allCounted(stances),
    })
  })

  it('an objection withdrawn by a later consent no longer stands', () => {
    const stances = [st('1', ANA, 'objection', 1), st('2', ANA, 'consent', 2)]
    expect(tally(input('consent', stances))).toMatchObject({
      counts: { consent: 1, objection: 0 }, voted: 1, result: 'carried', standings: { 1: 'superseded', 2: 'counted' },
    })
  })

  it('consents only, quorum not met: no quorum, not carried', () => {
    const stances = [st('1', ANA, 'consent'), st('2', BEN, 'consent')]
    expect(tally(input('consent', stances, { eligible: VOTERS, quorum: 50 }))).toEqual({
      counts: { consent: 2, objection: 0 }, voted: 2, eligible: 5, quorum: { pct: 50, needed: 3, reached: false },
      result: 'no-quorum', standings: allCounted(stances),
    })
  })

  it('an objection under an unmet quorum: still no quorum', () => {
    expect(tally(input('consent', [st('1', ANA, 'objection')], { quorum: 100 })).result).toBe('no-quorum')
  })
})

describe('consensus', () => {
  it.each<[string, TalliedStance[], Tally['result'], Tally['counts']]>([
    ['disagreeing alone does not block',
      [st('1', ANA, 'agree'), st('2', BEN, 'disagree'), st('3', CAI, 'disagree')],
      'carried', { agree: 1, abstain: 0, disagree: 2, block: 0 }],
    ['one block among agreements: not carried',
      [st('1', ANA, 'agree'), st('2', BEN, 'agree'), st('3', CAI, 'agree'), st('4', DEE, 'block')],
      'not-carried', { agree: 3, abstain: 0, disagree: 0, block: 1 }],
    ['abstentions only: carried', [st('1', ANA, 'abstain'), st('2', BEN, 'abstain')],
      'carried', { agree: 0, abstain: 2, disagree: 0, block: 0 }],
    ['no stances: carried', [], 'carried', { agree: 0, abstain: 0, disagree: 0, block: 0 }],
  ])('%s', (_name, stances, result, counts) => {
    expect(tally(input('consensus', stances))).toEqual({
      counts, voted: stances.length, eligible: 4, quorum: null, result, standings: allCounted(stances),
    })
  })

  it('a block withdrawn by a later agree no longer stands', () => {
    const stances = [st('1', DEE, 'block', 1), st('2', DEE, 'agree', 5)]
    expect(tally(input('consensus', stances)).result).toBe('carried')
  })
})

describe('advice', () => {
  it.each<[string, TalliedStance[], number | undefined]>([
    ['everyone agrees', VOTERS.slice(0, 4).map((v, i) => st(String(i), v, 'agree')), undefined],
    ['everyone agrees, quorum met', VOTERS.slice(0, 4).map((v, i) => st(String(i), v, 'agree')), 50],
    ['nobody took part, quorum not met', [], 100],
  ])('is never carried by count: %s', (_name, stances, quorum) => {
    const t = tally(input('advice', stances, { quorum }))
    expect(t.result).toBe('advice-only')
    expect(t.counts).toEqual({ agree: stances.length, abstain: 0 })
    expect(t.voted).toBe(stances.length)
    expect(t.standings).toEqual(allCounted(stances))
  })
})

describe('quorum', () => {
  it.each<[number, number, number]>([
    [50, 5, 3], [34, 3, 2], [100, 4, 4], [1, 1, 1], [1, 100, 1], [1, 101, 2], [33, 3, 1], [50, 4, 2],
    [51, 4, 3], [100, 1, 1], [99, 100, 99], [67, 3, 3], [66, 3, 2], [10, 0, 0], [100, 10_000, 10_000], [1, 10_000, 100],
  ])('%i%% of %i eligible needs %i', (pct, eligible, needed) => {
    expect(quorumCount(pct, eligible)).toBe(needed)
  })

  it.each<[string, number, readonly string[], number, boolean]>([
    ['50% of 5: 3 voters reach it', 50, VOTERS, 3, true],
    ['50% of 5: 2 do not', 50, VOTERS, 2, false],
    ['34% of 3: 2 reach it', 34, VOTERS.slice(0, 3), 2, true],
    ['34% of 3: 1 does not', 34, VOTERS.slice(0, 3), 1, false],
    ['100% of 4: 4 reach it', 100, VOTERS.slice(0, 4), 4, true],
    ['100% of 4: 3 do not', 100, VOTERS.slice(0, 4), 3, false],
  ])('%s', (_name, pct, eligible, voters, reached) => {
    const stances = eligible.slice(0, voters).map((v, i) => st(String(i), v, 'agree'))
    const t = tally(input('majority', stances, { eligible, quorum: pct }))
    expect(t.quorum).toEqual({ pct, needed: quorumCount(pct, eligible.length), reached })
    expect(t.result).toBe(reached ? 'carried' : 'no-quorum')
    expect(t.voted).toBe(voters)
  })

  it('a changed stance is one voter, not two', () => {
    const stances = [st('1', ANA, 'agree', 1), st('2', ANA, 'disagree', 2), st('3', BEN, 'agree', 3)]
    const t = tally(input('consensus', stances, { eligible: VOTERS, quorum: 50 }))
    expect(t.voted).toBe(2)
    expect(t.quorum).toEqual({ pct: 50, needed: 3, reached: false })
    expect(t.result).toBe('no-quorum')
  })

  it('late, unverified and non-eligible stances do not make a quorum', () => {
    const stances = [st('1', ANA, 'agree', AFTER), st('2', BEN, 'agree', 1, false), st('3', 'did:key:zed', 'agree'), st('4', CAI, 'agree')]
    const t = tally(input('majority', stances, { quorum: 50 }))
    expect(t).toEqual({
      counts: { agree: 1, abstain: 0, disagree: 0 }, voted: 1, eligible: 4, quorum: { pct: 50, needed: 2, reached: false },
      result: 'no-quorum', standings: { 1: 'late', 2: 'unverified', 3: 'not-eligible', 4: 'counted' },
    })
  })
})

describe('a voter who changes their mind', () => {
  const changed = [st('a1', ANA, 'agree', 1), st('a2', ANA, 'disagree', 2), st('b1', BEN, 'agree', 3)]

  it.each([
    ['in the order cast', changed],
    ['held in the opposite order', [...changed].reverse()],
  ])('the latest by castAt counts, the earlier is superseded: %s', (_name, stances) => {
    expect(tally(input('majority', stances))).toEqual({
      counts: { agree: 1, abstain: 0, disagree: 1 }, voted: 2, eligible: 4, quorum: null, result: 'not-carried',
      standings: { a1: 'superseded', a2: 'counted', b1: 'counted' },
    })
  })

  it.each([
    ['x before y', [st('x', ANA, 'agree', 4), st('y', ANA, 'disagree', 4)]],
    ['y before x', [st('y', ANA, 'disagree', 4), st('x', ANA, 'agree', 4)]],
  ])('the same castAt: the greater id wins (%s)', (_name, stances) => {
    const t = tally(input('majority', stances))
    expect(t.standings).toEqual({ x: 'superseded', y: 'counted' })
    expect(t.counts).toEqual({ agree: 0, abstain: 0, disagree: 1 })
    expect(t.voted).toBe(1)
  })

  it('three stances: only the last counts', () => {
    const stances = [st('3', ANA, 'agree', 30), st('1', ANA, 'abstain', 10), st('2', ANA, 'disagree', 20)]
    expect(tally(input('majority', stances))).toMatchObject({
      counts: { agree: 1, abstain: 0, disagree: 0 }, voted: 1, result: 'carried',
      standings: { 1: 'superseded', 2: 'superseded', 3: 'counted' },
    })
  })
})

describe('late stances', () => {
  it('cast exactly at the close is late: shown, never counted', () => {
    const t = tally(input('majority', [st('1', ANA, 'agree', CLOSES)]))
    expect(t).toEqual({
      counts: { agree: 0, abstain: 0, disagree: 0 }, voted: 0, eligible: 4, quorum: null, result: 'not-carried', standings: { 1: 'late' },
    })
  })

  it('cast one millisecond before the close counts', () => {
    expect(tally(input('majority', [st('1', ANA, 'agree', '2026-12-24T17:59:59.999Z')])).standings).toEqual({ 1: 'counted' })
  })

  it.each([
    ['held after it', [st('t', ANA, 'agree', 1), st('l', ANA, 'disagree', AFTER)]],
    ['held before it', [st('l', ANA, 'disagree', AFTER), st('t', ANA, 'agree', 1)]],
  ])('never supersedes the same voter\'s timely stance (%s)', (_name, stances) => {
    expect(tally(input('majority', stances))).toEqual({
      counts: { agree: 1, abstain: 0, disagree: 0 }, voted: 1, eligible: 4, quorum: null, result: 'carried',
      standings: { t: 'counted', l: 'late' },
    })
  })

  it('an objection after an early close does not undo consent', () => {
    const t = tally(input('consent', [st('1', ANA, 'consent', 1), st('2', BEN, 'objection', 30)], { closesAt: BEFORE(20) }))
    expect(t.result).toBe('carried')
    expect(t.standings).toEqual({ 1: 'counted', 2: 'late' })
  })
})

describe('unverified and non-eligible stances', () => {
  it.each([
    ['held after it', [st('v', ANA, 'agree', 1), st('u', ANA, 'disagree', 2, false)]],
    ['held before it', [st('u', ANA, 'disagree', 2, false), st('v', ANA, 'agree', 1)]],
  ])('an unverified stance is never counted and never supersedes a verified one (%s)', (_name, stances) => {
    expect(tally(input('majority', stances))).toEqual({
      counts: { agree: 1, abstain: 0, disagree: 0 }, voted: 1, eligible: 4, quorum: null, result: 'carried',
      standings: { v: 'counted', u: 'unverified' },
    })
  })

  it('an unverified block does not block', () => {
    const t = tally(input('consensus', [st('1', ANA, 'agree'), st('2', BEN, 'block', 1, false)]))
    expect(t.result).toBe('carried')
    expect(t.counts).toEqual({ agree: 1, abstain: 0, disagree: 0, block: 0 })
  })

  it('a stance of someone who was not a member when it was made: not eligible, not counted', () => {
    const t = tally(input('consent', [st('1', EVE, 'objection'), st('2', ANA, 'consent')]))
    expect(t).toEqual({
      counts: { consent: 1, objection: 0 }, voted: 1, eligible: 4, quorum: null, result: 'carried',
      standings: { 1: 'not-eligible', 2: 'counted' },
    })
  })

  it('the eligible are counted once each, however listed', () => {
    expect(tally(input('majority', [], { eligible: [ANA, ANA, BEN] })).eligible).toBe(2)
  })
})

describe('stances a modified client could write', () => {
  it.each<[Process, Choice]>([['majority', 'block'], ['consent', 'agree'], ['consensus', 'objection'], ['advice', 'disagree']])(
    'under %s, a signed %s (not a choice of the process) is unverified: not counted, no quorum, supersedes nothing', (process, foreign) => {
      const own = process === 'consent' ? 'consent' : 'agree'
      const stances = [st('1', ANA, own, 1), st('2', ANA, foreign, 5), st('3', BEN, foreign, 2)]
      const t = tally(input(process, stances, { quorum: 50 }))
      expect(t.standings).toEqual({ 1: 'counted', 2: 'unverified', 3: 'unverified' })
      expect(t.voted).toBe(1)
      expect(Object.keys(t.counts)).not.toContain(foreign)
      expect(t.quorum).toEqual({ pct: 50, needed: 2, reached: false })
    })
})

describe('the latest stance is the latest in time, however its time is written', () => {
  it('17:00:00.500Z is after 17:00:00Z, though it sorts before it as text', () => {
    const stances = [st('b', ANA, 'agree', '2026-12-24T17:00:00.500Z'), st('a', ANA, 'disagree', '2026-12-24T17:00:00Z')]
    expect(tally(input('majority', stances)).standings).toEqual({ b: 'counted', a: 'superseded' })
  })

  it('a time with a zone offset is compared as the moment it names', () => {
    const stances = [st('a', ANA, 'agree', '2026-12-24T18:30:00+02:00'), st('b', ANA, 'disagree', '2026-12-24T17:00:00Z')]
    expect(tally(input('majority', stances)).standings).toEqual({ a: 'superseded', b: 'counted' })
  })

  it('an unreadable time is late, and never outranks a readable one', () => {
    const stances = [st('a', ANA, 'agree', 1), st('z', ANA, 'disagree', 'soon')]
    expect(tally(input('majority', stances)).standings).toEqual({ a: 'counted', z: 'late' })
  })
})

describe('an early close and the stances its signer held', () => {
  it('a stance held by whoever closed early is not late, though cast after the close it signed (a close dated back)', () => {
    const early = BEFORE(10)
    const stances = [{ ...st('held', ANA, 'objection', 30), heldAtClose: true }, st('unheld', BEN, 'objection', 30)]
    const t = tally(input('consent', stances, { closesAt: early }))
    expect(t.standings).toEqual({ held: 'counted', unheld: 'late' })
    expect(t.result).toBe('not-carried')
  })
})
