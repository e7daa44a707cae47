/**
 * What this peer may do with a space's resources, judged as the peer judges it, so the board
 * never offers a control the peer would refuse: adding needs write access to the resources
 * collection; editing, closing and deleting an item is for its owner, an admin or the founder.
 */
import type { SpaceSummary } from '../../../shared/api/peer-api.ts'
import { ALL_DOCS } from '../../../shared/grants/grant-format.ts'

/** The resources collection's name, as grants list it. */
const RESOURCES = 'resources'

type Space = Pick<SpaceSummary, 'role' | 'access'>

/** Admin-ish: the founder or an admin may change anyone's items. */
export function isAdmin(space: Space | null): boolean {
  return space !== null && (space.role === 'founder' || space.role === 'admin')
}

/** Whether this peer may add resources to the space. */
export function canWrite(space: Space | null): boolean {
  return mayWriteCollection(space, RESOURCES)
}

/** Whether this peer may write a collection of the space (its access names it, or all, for writing). */
export function mayWriteCollection(space: Space | null, collection: string): boolean {
  if (!space) return false
  const { cmd, docs } = space.access
  if (cmd === '/') return true
  if (cmd !== '/doc/write') return false
  return docs.includes(ALL_DOCS) || docs.includes(collection)
}

/** Whether this peer may edit, close or delete the item. */
export function canChange(space: Space | null, me: string | null, item: { owner: string }): boolean {
  return canWrite(space) && (isAdmin(space) || (me !== null && item.owner === me))
}
