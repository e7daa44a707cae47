/** The spaces this peer is in (or a guest of), the one selected, and creating or joining one. */
import type { SpaceSummary } from '../../../shared/api/peer-api.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, words, type Loadable } from '../../store/loadable.ts'

export interface SpacesSlice {
  list: Loadable<SpaceSummary[]>
  selected: SpaceId | null
  /** A create or join under way, in words (joining fetches the whole space and can take a while). */
  busy: string | null
  refresh(): Promise<void>
  select(spaceId: SpaceId | null): void
  /** Resolves with the new space, or null when it failed (the user was told why). */
  create(name: string): Promise<SpaceSummary | null>
  join(code: string): Promise<SpaceSummary | null>
}

const SELECTED_KEY = 'commonweave.selectedSpace'

export const createSpacesSlice: SliceCreator<'spaces'> = ({ api, notify }, get, patch) => {
  const order = latestWins()
  // An access that runs out changes nothing on the peer, so no event says so: look again then.
  let expiryTimer: ReturnType<typeof setTimeout> | undefined
  const lookAgainAtNextExpiry = (spaces: readonly SpaceSummary[]): void => {
    clearTimeout(expiryTimer)
    const next = Math.min(...spaces.map((x) => (x.access.expiresAt ? Date.parse(x.access.expiresAt) : Infinity)).filter((t) => t > Date.now()))
    if (!Number.isFinite(next)) return
    // setTimeout holds at most ~24.8 days; a later expiry is looked at again then.
    expiryTimer = setTimeout(() => void get().spaces.refresh().catch(() => {}), Math.min(next - Date.now() + 250, 2 ** 31 - 1))
  }
  const remembered = (): SpaceId | null => {
    try {
      return (localStorage.getItem(SELECTED_KEY) as SpaceId | null) ?? null
    } catch {
      return null
    }
  }
  const select = (selected: SpaceId | null): void => {
    patch({ selected })
    try {
      if (selected) localStorage.setItem(SELECTED_KEY, selected)
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  const arrive = async (label: string, run: () => Promise<SpaceSummary>, done: (s: SpaceSummary) => string): Promise<SpaceSummary | null> => {
    patch({ busy: label })
    try {
      const s = await run()
      select(s.spaceId)
      await get().spaces.refresh()
      notify({ kind: 'done', message: done(s) })
      return s
    } catch (err) {
      notify({ kind: 'error', title: label.replace(/…$/, ' failed'), message: words(err) })
      return null
    } finally {
      patch({ busy: null })
    }
  }
  return {
    list: idle([]),
    selected: null,
    busy: null,
    refresh: () => load(() => get().spaces.list, (list) => {
      patch({ list })
      const spaces = list.value
      if (list.status === 'ready') lookAgainAtNextExpiry(spaces)
      const current = get().spaces.selected
      if (list.status === 'ready' && (!current || !spaces.some((s) => s.spaceId === current))) {
        const back = remembered()
        select(spaces.find((s) => s.spaceId === back)?.spaceId ?? spaces[0]?.spaceId ?? null)
      }
    }, order, () => api.listSpaces()),
    select,
    create: (name) => arrive('Creating the space…', () => api.createSpace({ name }), (s) => `“${s.name}” is ready. Invite people from Members.`),
    join: (code) => arrive('Joining — fetching the space from the inviter…', () => api.joinSpace({ code }), (s) => `You joined “${s.name}”.`),
  }
}

/** The selected space's summary, if any. */
export function selectedSpace(s: { spaces: SpacesSlice }): SpaceSummary | null {
  return s.spaces.list.value.find((x) => x.spaceId === s.spaces.selected) ?? null
}
