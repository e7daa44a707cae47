/**
 * The Decisions view's rules, without a page: the time left in words, when a member is
 * reminded of a proposal about to close (once), the result in words, what the propose and
 * stance forms send or say to correct, and who sees the section and its "New proposal".
 */
import { describe, expect, it } from 'vitest'
import { hashToPlace, placeToHash, Section } from '../../renderer/app/nav-slice.ts'
import { sectionLabels, spaceAs } from './space-fixture.ts'
import { covers, mayPropose } from '../../renderer/features/decisions/may.ts'
import { AT_TIME, EMPTY_PROPOSAL, toProposeInput } from '../../renderer/features/decisions/propose-form.ts'
import { dueReminders, reminderText } from '../../renderer/features/decisions/reminders.ts'
import { reasonHint, toStanceInput } from '../../renderer/features/decisions/stance-form.ts'
import { leftWords, timeLeft } from '../../renderer/features/decisions/time-left.ts'
import { resultWords } from '../../renderer/features/decisions/words.ts'
import { summary, T0 } from './decisions-fixtures.ts'

const MIN = 60_000
const at = (ms: number): string => new Date(T0 + ms).toISOString()

describe('time left, in words', () => {
  it.each([
    [2 * 60 * MIN + 13 * MIN, '2 h 13 min'],
    [2 * 60 * MIN + 12 * MIN + 30_000, '2 h 13 min'],
    [60 * MIN, '1 h'],
    [59 * MIN + 30_000, '1 h'],
    [45 * MIN, '45 min'],
    [30_000, 'less than a minute'],
    [3 * 24 * 60 * MIN + 4 * 60 * MIN, '3 days 4 h'],
    [24 * 60 * MIN, '1 day'],
    [24 * 60 * MIN - 30_000, '1 day'],
  ])('%i ms before the close: %s', (ms, words) => {
    expect(leftWords(at(ms), T0)).toBe(words)
  })

  it('says "closes in" while open, "closed on" once closed or past its close', () => {
    expect(timeLeft({ closesAt: at(45 * MIN), status: 'open' }, T0)).toBe('closes in 45 min')
    expect(timeLeft({ closesAt: at(-MIN), status: 'open' }, T0)).toMatch(/^closed on /)
    expect(timeLeft({ closesAt: at(MIN), status: 'closed' }, T0)).toMatch(/^closed on /)
  })
})

describe('reminders of a proposal about to close', () => {
  const soon = summary({ id: 'soon', title: 'Paint the shed', closesAt: at(50 * MIN) })
  const later = summary({ id: 'later', closesAt: at(3 * 60 * MIN) })

  it('a proposal entering the last hour is reminded of once; one further off not yet', () => {
    const reminded = new Set<string>()
    expect(dueReminders([soon, later], reminded, T0).map((d) => d.id)).toEqual(['soon'])
    reminded.add('soon')
    expect(dueReminders([soon, later], reminded, T0 + 5 * MIN), 'not twice').toEqual([])
    expect(dueReminders([soon, later], reminded, T0 + 2 * 60 * MIN + 1).map((d) => d.id), 'the other, once within the hour').toEqual(['later'])
  })

  it('not for a closed proposal, one past its close, or one the member may not take a stance on', () => {
    const none = new Set<string>()
    expect(dueReminders([summary({ closesAt: at(10 * MIN), status: 'closed' })], none, T0)).toEqual([])
    expect(dueReminders([summary({ closesAt: at(-MIN) })], none, T0)).toEqual([])
    expect(dueReminders([summary({ closesAt: at(10 * MIN), mayStance: false })], none, T0)).toEqual([])
  })

  it('says the title and the minutes left, and whether a stance is still missing', () => {
    expect(reminderText(soon, T0)).toEqual({ title: '“Paint the shed” closes in 50 min', message: 'You have not taken a stance yet.' })
    expect(reminderText({ ...soon, myStance: 'consent' }, T0).message).toMatch(/change your stance/)
  })
})

describe('the result in words', () => {
  it('is provisional while open, final once closed', () => {
    expect(resultWords('carried', true)).toBe('would be carried if it closed now')
    expect(resultWords('carried', false)).toBe('carried')
    expect(resultWords('not-carried', false)).toBe('not carried')
    expect(resultWords('no-quorum', false)).toBe('no quorum')
    expect(resultWords('advice-only', false)).toMatch(/^advice only/)
  })
})

describe('the propose form', () => {
  it('sends a preset as a duration, a quorum as a number, and leaves out what is empty', () => {
    const out = toProposeInput({ ...EMPTY_PROPOSAL, title: '  Paint the shed ', quorum: '50', closes: '24h' }, T0)
    expect(out).toEqual({ ok: true, value: { title: 'Paint the shed', process: 'consent', closes: '24h', quorum: 50 } })
  })

  it('sends a chosen time as an ISO time', () => {
    const out = toProposeInput({ ...EMPTY_PROPOSAL, title: 'x', closes: AT_TIME, closesAt: '2026-03-04T18:00' }, T0)
    expect(out.ok && out.value.closes).toBe(new Date('2026-03-04T18:00').toISOString())
  })

  it('says what to correct, in words, for each field', () => {
    const out = toProposeInput({ ...EMPTY_PROPOSAL, title: ' ', quorum: '150', closes: AT_TIME, closesAt: '' }, T0)
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.problems.map((p) => p.field)).toEqual(['title', 'quorum', 'closesAt'])
    expect(out.problems.every((p) => /^[A-Z].*\.$/.test(p.message))).toBe(true)
  })
})

describe('the stance form', () => {
  it('says which choices need a reason before anything is sent', () => {
    expect(reasonHint('consent', null)).toBe('Optional for this choice; needed for Objection.')
    expect(reasonHint('consensus', 'block')).toMatch(/^Block needs a reason/)
    expect(reasonHint('advice', null)).toMatch(/Every stance needs a reason/)
  })

  it('refuses an objection without a reason, and a choice not of the process', () => {
    expect(toStanceInput('consent', 'objection', '  ')).toEqual({ ok: false, field: 'reason', problem: 'Objection needs a reason.' })
    expect(toStanceInput('consent', 'agree', '')).toMatchObject({ ok: false, field: 'choice' })
    expect(toStanceInput('consent', 'consent', '')).toEqual({ ok: true, value: { choice: 'consent' } })
    expect(toStanceInput('consensus', 'disagree', ' Too dear ')).toEqual({ ok: true, value: { choice: 'disagree', reason: 'Too dear' } })
  })
})

describe('who sees Decisions, and who may propose', () => {
  const space = spaceAs
  const labels = sectionLabels

  it('a proposal’s page has an address of its own', () => {
    expect(placeToHash(Section.Decisions, 'd1')).toBe('#/decisions/d1')
    expect(hashToPlace('#/decisions/d1')).toEqual({ section: 'decisions', item: 'd1' })
  })

  it('a member sees it beside the other sections', () => {
    expect(labels(space('member', '/doc/write', ['*']))).toEqual(['Resources', 'Bookings', 'Decisions', 'Knowledge', 'Map', 'Insights', 'Members', 'Consent'])
  })

  it('a guest sees it only when its grant names decisions or the whole space; a grant on decisions only shows no board', () => {
    expect(labels(space('guest', '/doc/read', ['decisions']))).toEqual(['Decisions', 'Consent'])
    expect(labels(space('guest', '/doc/read', ['resources']))).toEqual(['Resources', 'Insights', 'Consent'])
    expect(labels(space('guest', '/doc/read', ['resources', 'decisions']))).toEqual(['Resources', 'Decisions', 'Insights', 'Consent'])
    expect(covers(space('guest', '/doc/read', ['*']), 'decisions')).toBe(true)
  })

  it('"New proposal" needs membership and write on decisions: a guest never proposes, as the peer refuses it', () => {
    expect(mayPropose(space('member', '/doc/write', ['*']))).toBe(true)
    expect(mayPropose(space('admin', '/', ['*']))).toBe(true)
    expect(mayPropose(space('guest', '/doc/read', ['decisions']))).toBe(false)
    expect(mayPropose(space('guest', '/doc/write', ['resources']))).toBe(false)
    expect(mayPropose(space('guest', '/doc/write', ['decisions']))).toBe(false)
    expect(mayPropose(space('member', '/doc/read', ['*']))).toBe(false)
  })
})
