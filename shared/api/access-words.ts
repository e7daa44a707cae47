/**
 * Grants and access in the words a person checks them in, for the CLI and the UI alike:
 * `read resources for matching until 2026-12-01`.
 */
import { ALL_DOCS, Cmd } from '../grants/grant-format.ts'
import { ANY_PURPOSE } from '../grants/purposes.ts'
import type { SpaceAccess } from './peer-api.ts'

/** `read`, `write` or `admin` for a grant's command; a command this version has no word for, as it is. */
export function cmdWord(cmd: string): string {
  if (cmd === Cmd.Read) return 'read'
  if (cmd === Cmd.Write) return 'write'
  if (cmd === Cmd.All) return 'admin'
  return cmd
}

/** The documents of a grant: `everything` for the whole space, else the names and ids as granted. */
export function docsWords(docs: readonly string[]): string {
  return docs.includes(ALL_DOCS) ? 'everything' : docs.join(', ')
}

/** An ISO time as `2026-12-01`, or as `2026-12-01 14:30 UTC` when it is not midnight UTC. */
export function isoDay(iso: string): string {
  const day = iso.slice(0, 10)
  const time = iso.slice(11, 16)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return iso
  return /^\d{2}:\d{2}$/.test(time) && time !== '00:00' ? `${day} ${time} UTC` : day
}

/** `did:key:z6MkhaXg…2doK`: enough to tell peers apart in a list, with the full id a command away. */
export function shortId(id: string): string {
  return id.length > 24 ? `${id.slice(0, 15)}…${id.slice(-4)}` : id
}

/**
 * `read resources for matching until 2026-12-01`; a founder's access has no end date. Access
 * that has ended reads `expired on 2026-12-01` or `revoked on 2026-11-15 by Ana`.
 */
export function describeAccess(access: SpaceAccess, formatDate: (iso: string) => string = isoDay): string {
  const ended = access.ended
  if (ended) {
    const by = ended.reason === 'revoked' && ended.by !== undefined ? ` by ${ended.byName ?? shortId(ended.by)}` : ''
    return `${ended.reason} on ${formatDate(ended.at)}${by}`
  }
  if (access.cmd === 'none') return 'no access'
  const purpose = access.purpose === ANY_PURPOSE ? 'any purpose' : access.purpose
  const until = access.expiresAt === null ? '' : ` until ${formatDate(access.expiresAt)}`
  return `${cmdWord(access.cmd)} ${docsWords(access.docs)} for ${purpose}${until}`
}
