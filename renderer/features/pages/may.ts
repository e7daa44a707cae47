/**
 * What this peer may do with a space's pages, judged as the peer judges it, so no control is
 * offered that the peer would refuse: members with write on `pages` make pages; a guest sees
 * Knowledge when its grant names the collection or one page (by its document id), and changes
 * a page only where the peer says so (`may.edit` on each page).
 */
import type { SpaceSummary } from '../../../shared/api/peer-api.ts'
import { ALL_DOCS, Cmd } from '../../../shared/grants/grant-format.ts'
import { covers } from '../decisions/may.ts'

/** The pages collection's name, as grants list it. */
export const PAGES = 'pages'

/** A document id (base58, as automerge-repo writes them), not a collection's name. */
const DOC_ID = /^[1-9A-HJ-NP-Za-km-z]{20,}$/

type Space = Pick<SpaceSummary, 'role' | 'access'>

/** Whether Knowledge has anything for this peer in the space. */
export function showsKnowledge(space: Space | null): boolean {
  if (!space) return false
  return covers(space, PAGES) || space.access.docs.some((d) => DOC_ID.test(d))
}

/** Whether this peer may make a page: members only (only members list documents in a space). */
export function mayMakePages(space: Space | null): boolean {
  if (!space || space.role === 'guest') return false
  const { cmd, docs } = space.access
  if (cmd === Cmd.All) return true
  return cmd === Cmd.Write && (docs.includes(ALL_DOCS) || docs.includes(PAGES))
}
