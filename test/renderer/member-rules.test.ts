import { describe, expect, it } from 'vitest'
import { MemberStatus, type MemberSummary } from '../../shared/api/members-api.ts'
import { actionsFor, leaveNeed, mayAdminister, splitMembers } from '../../renderer/features/members/member-rules.ts'

function member(did: string, role: MemberSummary['role'], status: MemberSummary['status'] = MemberStatus.Member): MemberSummary {
  return { did: did as MemberSummary['did'], name: did, role, status, grantExpires: null, online: false, peerId: null, joinedAt: null }
}

const founder = member('founder', 'founder')
const admin = member('admin', 'admin')
const plain = member('plain', 'member')
const left = member('left', 'member', MemberStatus.Left)

describe('splitMembers', () => {
  it('keeps those in apart from those gone', () => {
    const { current, gone } = splitMembers([founder, left, plain])
    expect(current.map((m) => m.did)).toEqual(['founder', 'plain'])
    expect(gone.map((m) => m.did)).toEqual(['left'])
  })
})

describe('who may do what', () => {
  const all = [founder, admin, plain, left]
  it('only the founder and admins may invite', () => {
    expect(['founder', 'admin', 'member', 'guest'].map((r) => mayAdminister(r as 'member'))).toEqual([true, true, false, false])
  })
  it.each<[string, MemberSummary, string, MemberSummary['role'], Partial<Record<'makeAdmin' | 'makeMember' | 'remove' | 'leave', boolean>>]>([
    ['an admin, to a member', plain, 'admin', 'admin', { makeAdmin: true, remove: true }],
    ['an admin, to another admin', admin, 'founder', 'founder', { makeMember: true, remove: true }],
    ['anyone, to the founder', founder, 'admin', 'admin', {}],
    ['a member, to another member', admin, 'plain', 'member', {}],
    ['a member, to themselves', plain, 'plain', 'member', { leave: true }],
    ['an admin, to themselves, with the founder still in', admin, 'admin', 'admin', { makeMember: true, leave: true }],
    ['an admin, to one who left', left, 'admin', 'admin', {}],
  ])('%s', (_what, target, me, myRole, expected) => {
    expect(actionsFor(target, me, myRole, all)).toEqual({ makeAdmin: false, makeMember: false, remove: false, leave: false, ...expected })
  })
  it('the last admin cannot step down', () => {
    expect(actionsFor(admin, 'admin', 'admin', [admin, plain]).makeMember).toBe(false)
  })
})

describe('leaveNeed', () => {
  it('a member, or an admin with another admin, just leaves', () => {
    expect(leaveNeed([founder, admin, plain], 'plain', 'member')).toEqual({ kind: 'plain' })
    expect(leaveNeed([founder, admin, plain], 'admin', 'admin')).toEqual({ kind: 'plain' })
  })
  it('the last admin names another among the members still in', () => {
    expect(leaveNeed([founder, plain, left], 'founder', 'founder')).toEqual({ kind: 'name-admin', candidates: [plain] })
  })
  it('the only member cannot hand the space to anyone', () => {
    expect(leaveNeed([founder, left], 'founder', 'founder')).toEqual({ kind: 'alone' })
  })
})
