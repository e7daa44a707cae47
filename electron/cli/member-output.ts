/** Human renderings of the member and backup commands. */
import type { LeaveResult, MemberSummary, RenameResult } from '../../shared/api/members-api.ts'
import type { ExportResult, ImportResult } from '../../shared/api/backup-api.ts'
import type { InviteResult } from '../../shared/api/peer-api.ts'

import { when } from './resource-output.ts'

const day = (iso: string | null | undefined): string => (iso ? when(iso).slice(0, 10) : 'a while ago')

/** Members first, with role and whether they are online; then those gone, and how. */
export function memberTable(ms: MemberSummary[]): string {
  const current = ms.filter((m) => m.status === 'member')
  const gone = ms.filter((m) => m.status !== 'member')
  const width = Math.min(30, Math.max(4, ...ms.map((m) => (m.name ?? '(no name)').length)))
  const lines = current.map((m) => `${m.online ? '●' : '○'} ${(m.name ?? '(no name)').padEnd(width)}  ${m.role.padEnd(7)}  ${m.did}${m.grantExpires ? `  grant until ${day(m.grantExpires)}` : ''}`)
  if (gone.length > 0) {
    lines.push('', 'Gone:')
    for (const m of gone) lines.push(`  ${(m.name ?? '(no name)').padEnd(width)}  ${goneWords(m)}  ${m.did}`)
  }
  lines.push('', `${current.length} member${current.length === 1 ? '' : 's'} (● online)`)
  return lines.join('\n')
}

function goneWords(m: MemberSummary): string {
  if (m.status === 'left') return `left ${day(m.gone?.at)}`
  if (m.status === 'removed') return `removed ${day(m.gone?.at)}${m.gone?.byName ? ` by ${m.gone.byName}` : ''}`
  return `grant expired ${day(m.gone?.at)}`
}

export function memberChanged(m: MemberSummary): string {
  if (m.status !== 'member') {
    const kept = m.kept && m.kept.length > 0 ? `\n${m.kept.map((k) => k.name ?? k.did).join(', ')}, whom they invited, ${m.kept.length === 1 ? 'stays a member' : 'stay members'} (on grants signed anew).` : ''
    return `${m.name ?? m.did} (${m.did}) is ${m.status === 'removed' ? 'removed: their grants are revoked and their peer is cut off' : m.status}.${kept}`
  }
  return `${m.name ?? m.did} is ${m.role === 'admin' ? 'an admin: they can invite, make admins and remove members' : `a ${m.role}`}.`
}

export function leftWords(r: LeaveResult): string {
  const told = r.announced ? 'The others have been told.' : 'No member\'s peer was reachable: the others see you gone when one of their peers next meets a member who has the news.'
  return `You left "${r.name}". ${r.forgotten} document${r.forgotten === 1 ? '' : 's'} removed from this machine. ${told}`
}

export function renamed(r: RenameResult): string {
  return `You are now "${r.name}"${r.spaces > 0 ? ` in ${r.spaces} space${r.spaces === 1 ? '' : 's'}` : ''}.`
}

export function inviteWords(i: InviteResult): string {
  const who = i.uses === 1 ? 'one person' : `up to ${i.uses} people (each gets a membership of their own)`
  return `${i.code}\n\nGood for ${who} until ${when(i.expiresAt)}. They run: commonweave join <code>`
}

export function exported(r: ExportResult): string {
  return `Exported "${r.name}" to ${r.file}: ${r.documents} documents, ${r.items} items, ${r.bytes} bytes.`
}

export function imported(r: ImportResult): string {
  const copy = r.member ? '' : '\nThis identity holds no grant in it: it is a local copy, and the grants inside decide what it may do.'
  return `Imported "${r.name}" (${r.spaceId}): ${r.documents} documents${r.merged > 0 ? `, ${r.merged} merged into ones already here` : ''}.${copy}`
}
