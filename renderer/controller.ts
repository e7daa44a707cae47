/** Wires the bridge to the store: initial loads, refresh on peer events, and user actions. */
import { toErrorData } from '../shared/errors.ts'
import type { InviteResult, PeerEvents } from '../shared/api/peer-api.ts'
import { resources } from '../shared/collections/resources.ts'
import type { SpaceId } from '../shared/ids.ts'
import type { ResourceInput, ResourceView } from '../shared/schemas/resource.ts'
import type { PeerBridge } from './bridge/peer-bridge.ts'
import { useApp } from './store/store.ts'

/** How many resources the board shows at once (the full app pages through them). */
const BOARD_PAGE = 200

export interface Controller {
  createSpace(name: string): Promise<void>
  join(code: string): Promise<void>
  invite(spaceId: SpaceId): Promise<InviteResult | null>
  addResource(input: ResourceInput): Promise<boolean>
  select(spaceId: SpaceId): void
  dismissError(): void
}

export function startController(bridge: PeerBridge): Controller {
  const { api } = bridge
  const set = useApp.getState().set

  const refreshPeer = async (): Promise<void> => {
    const [status, peers] = await Promise.all([api.status(), api.peers()])
    set({ status, peers })
  }
  // Refreshes overlap (an event arrives while the last one is in flight) and their answers
  // can come back in any order: an answer older than one already shown is dropped.
  const spacesOrder = latestWins()
  const resourcesOrder = latestWins()
  const refreshSpaces = async (): Promise<void> => {
    const ticket = spacesOrder.issue()
    const spaces = await api.listSpaces()
    if (!spacesOrder.accept(ticket)) return
    const selected = useApp.getState().selected ?? spaces[0]?.spaceId ?? null
    set({ spaces, selected })
  }
  // An offer that expires leaves the listing without any change to it: ask again when the first one shown does.
  let expiryTimer: ReturnType<typeof setTimeout> | undefined
  const refreshAtNextExpiry = (shown: readonly ResourceView[]): void => {
    clearTimeout(expiryTimer)
    const next = Math.min(...shown.map((r) => (r.expiresAt ? Date.parse(r.expiresAt) : Infinity)))
    if (!Number.isFinite(next)) return
    // setTimeout holds at most ~24.8 days; a later expiry is looked at again then.
    expiryTimer = setTimeout(() => quietly(refreshResources()), Math.min(Math.max(next - Date.now(), 0) + 250, 2 ** 31 - 1))
  }
  const refreshResources = async (): Promise<void> => {
    const selected = useApp.getState().selected
    if (!selected) return
    const ticket = resourcesOrder.issue()
    try {
      const { items: resources, total } = await api.listResources({ spaceId: selected, limit: BOARD_PAGE })
      // nor may an answer for a space the user has since left land on the new one
      if (useApp.getState().selected === selected && resourcesOrder.accept(ticket)) {
        set({ resources, resourcesTotal: total, resourcesLoaded: true })
        refreshAtNextExpiry(resources)
      }
    } catch {
      // the space's collection may not have synced yet; the next event refreshes
    }
  }
  const attempt = async <T>(label: string, fn: () => Promise<T>): Promise<T | null> => {
    set({ busy: label, error: null })
    try {
      return await fn()
    } catch (err) {
      set({ error: toErrorData(err).message })
      return null
    } finally {
      set({ busy: null })
    }
  }

  bridge.onConnection((online) => {
    set({ online })
    if (online) void Promise.all([refreshPeer(), refreshSpaces().then(refreshResources)]).catch((err: unknown) => set({ error: toErrorData(err).message }))
  })
  // A refresh that fails here (the peer went away mid-call) is not worth an error banner: the
  // connection drops, and reconnecting refreshes everything.
  const quietly = (p: Promise<void>): void => void p.catch(() => {})
  bridge.onEvent((event, payload) => {
    if (event === 'peer:connect' || event === 'peer:disconnect') quietly(refreshPeer())
    if (event === 'space:changed') quietly(refreshSpaces())
    if (event === 'collection:changed' && (payload as PeerEvents['collection:changed']).collection === resources.name &&
      (payload as PeerEvents['collection:changed']).spaceId === useApp.getState().selected) quietly(refreshResources())
  })

  return {
    async createSpace(name) {
      const s = await attempt('Creating space…', () => api.createSpace({ name }))
      if (s) {
        useApp.getState().select(s.spaceId)
        await refreshSpaces()
        await refreshResources()
      }
    },
    async join(code) {
      const s = await attempt('Joining — fetching the space from the inviter…', () => api.joinSpace({ code }))
      if (s) {
        useApp.getState().select(s.spaceId)
        await refreshSpaces()
        await refreshResources()
      }
    },
    async invite(spaceId) {
      return attempt('Making an invite…', () => api.createInvite({ spaceId }))
    },
    async addResource(input) {
      const spaceId = useApp.getState().selected
      if (!spaceId) return false
      const r = await attempt('Saving…', () => api.addResource({ spaceId, ...input }))
      if (r) await refreshResources()
      return r !== null
    },
    select(spaceId) {
      useApp.getState().select(spaceId)
      void refreshResources()
    },
    dismissError() {
      set({ error: null })
    },
  }
}

/** Tickets for overlapping requests: an answer is accepted unless a later-issued one was already accepted. */
function latestWins(): { issue(): number; accept(ticket: number): boolean } {
  let issued = 0
  let accepted = 0
  return {
    issue: () => ++issued,
    accept(ticket) {
      if (ticket < accepted) return false
      accepted = ticket
      return true
    },
  }
}
