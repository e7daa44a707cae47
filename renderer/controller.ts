/** Wires the bridge to the store: initial loads, refresh on peer events, and user actions. */
import { toErrorData } from '../shared/errors.ts'
import type { SpaceId } from '../shared/ids.ts'
import type { ResourceInput } from '../shared/schemas/resource.ts'
import type { PeerBridge } from './bridge/peer-bridge.ts'
import { useApp } from './store/store.ts'

export interface Controller {
  createSpace(name: string): Promise<void>
  join(code: string): Promise<void>
  invite(spaceId: SpaceId): Promise<string | null>
  addResource(input: ResourceInput): Promise<boolean>
  select(spaceId: SpaceId): void
}

export function startController(bridge: PeerBridge): Controller {
  const { api } = bridge
  const set = useApp.getState().set

  const refreshPeer = async (): Promise<void> => {
    const [status, peers] = await Promise.all([api.status(), api.peers()])
    set({ status, peers })
  }
  const refreshSpaces = async (): Promise<void> => {
    const spaces = await api.listSpaces()
    const selected = useApp.getState().selected ?? spaces[0]?.spaceId ?? null
    set({ spaces, selected })
  }
  const refreshResources = async (): Promise<void> => {
    const selected = useApp.getState().selected
    if (!selected) return
    try {
      set({ resources: await api.listResources({ spaceId: selected }) })
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
  bridge.onEvent((event, payload) => {
    if (event === 'peer:connect' || event === 'peer:disconnect') void refreshPeer()
    if (event === 'space:changed') void refreshSpaces()
    if (event === 'resources:changed' && (payload as { spaceId: string }).spaceId === useApp.getState().selected) void refreshResources()
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
      return (await attempt('Making an invite…', () => api.createInvite({ spaceId })))?.code ?? null
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
  }
}
