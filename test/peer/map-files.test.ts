/**
 * Files an import or export names on the peer's machine: only the owner names them, never
 * inside the data directory; and two imports of one file at once (a double click) make the
 * map once, not twice.
 */
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Principal } from '../../shared/api/peer-api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { Did } from '../../shared/ids.ts'
import { checkNamedFiles } from '../../electron/peer/domain/peer-files.ts'
import { Peers, type TestPeer } from '../helpers/peers.ts'

const FIXTURES = join(import.meta.dirname, '../fixtures/map')
const owner: Principal = { kind: 'owner' }
const agent: Principal = { kind: 'agent', did: 'did:key:z6MkAgent' as Did, name: 'Scout' }
const refusal = (p: Promise<unknown>): Promise<unknown> => p.then(() => 'allowed', (e: unknown) => e)

describe('files an import or export names', () => {
  let root: string
  let data: string
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cw-map-files-'))
    data = join(root, 'data')
    await mkdir(join(data, 'automerge'), { recursive: true })
    await symlink(data, join(root, 'link-to-data'))
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('lets the owner name a file outside the data directory, existing or not', async () => {
    expect(await refusal(checkNamedFiles(owner, data, [join(root, 'map.json'), undefined]))).toBe('allowed')
    expect(await refusal(checkNamedFiles(owner, data, [undefined]))).toBe('allowed')
  })

  it('refuses a file inside the data directory, also through a symbolic link, saying why', async () => {
    for (const file of [join(data, 'api-token'), join(data, 'automerge', 'new.csv'), join(root, 'link-to-data', 'identity.json'), data]) {
      expect(await refusal(checkNamedFiles(owner, data, [file]))).toMatchObject({ code: ErrorCode.Forbidden, message: expect.stringMatching(/inside the peer's own data directory/) })
    }
  })

  it('refuses an agent any file, and lets it send text', async () => {
    expect(await refusal(checkNamedFiles(agent, data, [join(root, 'map.json')]))).toMatchObject({ code: ErrorCode.Forbidden, message: expect.stringMatching(/Scout is an agent: it may not read or write files/) })
    expect(await refusal(checkNamedFiles(agent, data, [undefined, undefined]))).toBe('allowed')
  })
})

describe('two imports of one file at once', () => {
  const peers = new Peers()
  let a: TestPeer
  beforeAll(async () => { a = await peers.start('Weaver') }, 30_000)
  afterAll(() => peers.close())

  it('make the map once: the second is planned against what the first wrote', async () => {
    const { spaceId } = await a.peer.api.createSpace({ name: 'Double click' })
    const file = join(FIXTURES, 'kumu-blueprint.json')
    // Whichever reaches the map first makes it; the other finds everything there.
    const [first, second] = (await Promise.all([a.peer.api.importMap({ spaceId, file }), a.peer.api.importMap({ spaceId, file })])).sort((x, y) => y.added - x.added)
    expect(first!.added).toBeGreaterThan(0)
    expect(second).toMatchObject({ added: 0, edges: { added: 0 } })
    const map = await a.peer.api.getMap({ spaceId })
    expect(map.nodes).toHaveLength(first!.added)
    expect(map.edges).toHaveLength(first!.edges.added)
  }, 60_000)
})
