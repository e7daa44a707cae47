/**
 * An agent learns nothing of its peer's other spaces: whatever space it names but its own (a
 * name no space has, another space's real name or id, a name several spaces share), the
 * refusal is the same FORBIDDEN in the same words, naming none of them. Over the real API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { startApiServer, type ApiServer } from '../../electron/peer/api/http-server.ts'
import { loadOrCreateToken } from '../../electron/peer/api/token.ts'
import { Peers } from '../helpers/peers.ts'

const peers = new Peers()
let server: ApiServer
let owner: PeerApi
let agent: PeerApi
let own: SpaceId
const others: Array<{ spaceId: SpaceId; name: string }> = []

beforeAll(async () => {
  const a = await peers.start('Ana')
  const token = await loadOrCreateToken(a.dataDir)
  server = await startApiServer({ api: a.peer.api, events: a.peer.events, agents: a.peer.agents, token })
  owner = createHttpClient({ url: server.url, token })
  own = (await owner.createSpace({ name: 'Riverside co-op' })).spaceId
  for (const name of ['Allotment', 'Tenants union', 'Tenants union']) others.push({ spaceId: (await owner.createSpace({ name })).spaceId, name })
  await owner.addResource({ spaceId: own, kind: 'offer', title: 'Cargo bike to lend' })
  const helper = await owner.addAgent({ spaceId: own, name: 'helper', docs: ['resources'], purpose: 'agent-assist', expiresInSeconds: 3600 })
  agent = createHttpClient({ url: server.url, token: helper.token })
}, 60_000)

afterAll(async () => {
  await server?.close()
  await peers.close()
})

describe('an agent naming a space other than its own', () => {
  it('gets the same FORBIDDEN, in the same words, naming no other space, whether the space exists or not', async () => {
    const refs = ['Nowhere at all', 'Allotment', 'allotment', others[0]!.spaceId, 'Tenants union', others[1]!.spaceId.slice(0, 8), 'zzzzzzzzzzzzzzzzzzzzzzzzzzz']
    const messages = new Set<string>()
    for (const ref of refs) {
      for (const call of [() => agent.listResources({ spaceId: ref as SpaceId }), () => agent.search({ spaceId: ref as SpaceId, query: 'bike' }), () => agent.listAgents({ spaceId: ref as SpaceId })]) {
        const err = await call().then(() => null, (e: unknown) => e as { code?: string; message?: string; details?: unknown })
        expect(err, `an agent's call naming "${ref}"`).toMatchObject({ code: ErrorCode.Forbidden })
        expect(err?.details).toBeUndefined()
        messages.add(err?.message ?? '')
      }
    }
    expect([...messages]).toHaveLength(1)
    const [words] = [...messages]
    for (const other of others) {
      expect(words).not.toContain(other.name)
      expect(words).not.toContain(other.spaceId)
    }
    expect(words).toMatch(/helper acts only in its own space \("Riverside co-op"\)/)
  })

  it('still reaches its own space by id or by name', async () => {
    expect((await agent.listResources({ spaceId: own })).items.map((r) => r.title)).toEqual(['Cargo bike to lend'])
    expect((await agent.listResources({ spaceId: 'riverside  Co-op' as SpaceId })).items).toHaveLength(1)
  })
})
