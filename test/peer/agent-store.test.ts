/**
 * The agents' file and purpose table: a damaged file never stops the peer (it is set aside and
 * reported in words); `mcp --agent` reads an agent from the directory and says what is wrong
 * when it cannot; the purposes an agent acts under allow what the table says.
 */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../shared/errors.ts'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { AGENTS_FILE, AgentStore, readAgent, type AgentRecord } from '../../electron/peer/agents/agent-store.ts'
import { isAgentPurpose, purposeRefusal, purposeWrites, unusedCollections } from '../../electron/peer/agents/agent-purposes.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'

let dir: string
let lines: string[]
const log = () => createLogger(LogLevel.Warn, 'test', (line) => { lines.push(line) })

const HELPER: AgentRecord = {
  name: 'helper', spaceId: 'space1' as SpaceId, did: 'did:key:z6Mkhelper' as Did, seed: 'c2VlZA==', token: 'a'.repeat(64),
  grantIds: ['g1'], cmd: 'read', docs: ['resources'], purpose: 'agent-assist', createdAt: '2026-01-01T00:00:00.000Z', calls: 0, lastCallAt: null,
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-agents-'))
  lines = []
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('the agents file', () => {
  it('is written whole, mode 0600, and read back; names are found whatever their case', async () => {
    const store = await AgentStore.open(dir, log())
    await store.put(HELPER)
    expect((await stat(join(dir, AGENTS_FILE))).mode & 0o777).toBe(0o600)
    const again = await AgentStore.open(dir, log())
    expect(again.find('HELPER')).toEqual(HELPER)
    expect(await readAgent(dir, 'Helper')).toEqual(HELPER)
  })

  it('keeps a revoked agent beside a new one given its name; the name finds the newest', async () => {
    const store = await AgentStore.open(dir, log())
    await store.put(HELPER)
    const again = { ...HELPER, name: 'Helper', did: 'did:key:z6Mkagain' as Did, token: 'b'.repeat(64), grantIds: ['g2'] }
    await store.put(again)
    expect((await AgentStore.open(dir, log())).all().map((a) => a.did)).toEqual([HELPER.did, again.did])
    expect(store.find('helper')?.did).toBe(again.did)
    expect((await readAgent(dir, 'HELPER')).did).toBe(again.did)
  })

  it('when damaged, is set aside and reported in words, and the peer goes on with no agents', async () => {
    await writeFile(join(dir, AGENTS_FILE), '{"version":1,"agents":[{"name":', { mode: 0o600 })
    const store = await AgentStore.open(dir, log())
    expect(store.all()).toEqual([])
    expect((await readdir(dir)).some((f) => f.startsWith(`${AGENTS_FILE}.damaged-`))).toBe(true)
    expect(lines.join('\n')).toMatch(/cannot be used: it is not valid JSON.*set aside.*tokens no longer work/)
    await store.put(HELPER)
    expect((await AgentStore.open(dir, log())).all()).toHaveLength(1)
  })

  it('mcp --agent is told in words when the agent is unknown or the file is damaged', async () => {
    await expect(readAgent(dir, 'helper')).rejects.toMatchObject({ code: ErrorCode.NotFound, message: /No agent "helper" on this peer \(it has none\)/ })
    await writeFile(join(dir, AGENTS_FILE), JSON.stringify({ version: 1, agents: [{ name: 'x' }] }))
    await expect(readAgent(dir, 'helper')).rejects.toMatchObject({ code: ErrorCode.DataFileDamaged, message: /cannot be read/ })
  })
})

describe('the purposes an agent acts under', () => {
  it.each<[string, string, boolean, string | null]>([
    ['agent-assist', 'addResource', true, null],
    ['coordination', 'createPage', true, null],
    ['matching', 'match', false, null],
    ['matching', 'getResource', false, null],
    ['matching', 'getPage', false, 'which lets it match needs and offers, list gaps, suggest introductions, list resources, read a resource and search only'],
    ['matching', 'addResource', true, 'which only reads'],
    ['research', 'health', false, null],
    ['research', 'mapMetrics', false, null],
    ['research', 'listResources', false, 'which lets it see the space\'s health and read the map\'s figures only'],
    ['research', 'gaps', false, 'lets it see the space\'s health'],
    ['publication', 'listResources', false, 'not one an agent acts under'],
    ['*', 'listResources', false, 'not one an agent acts under'],
  ])('%s: %s (write %s)', (purpose, op, writes, refusal) => {
    const words = purposeRefusal(purpose, op as never, writes)
    if (refusal === null) expect(words).toBeNull()
    else expect(words).toContain(refusal)
  })

  it('uses only the collections its purpose reads: a call on another, or an agent added for one, is refused', () => {
    expect(purposeRefusal('matching', 'listResources', false, 'resources')).toBeNull()
    expect(purposeRefusal('matching', 'listResources', false, 'pages')).toBe('its grant is for matching, which uses resources, bookings and map only, not pages')
    expect(purposeRefusal('agent-assist', 'listItems', false, 'pages')).toBeNull()
    expect(unusedCollections('research', ['pages', 'map', 'pools', 'decisions'])).toEqual(['pages', 'pools'])
    expect(unusedCollections('coordination', ['pages', 'pools'])).toEqual([])
  })

  it('offers agent-assist, coordination, matching and research; only the first two write', () => {
    expect(['agent-assist', 'coordination', 'matching', 'research', 'backup', 'toString'].map(isAgentPurpose)).toEqual([true, true, true, true, false, false])
    expect(['agent-assist', 'coordination', 'matching', 'research'].map(purposeWrites)).toEqual([true, true, false, false])
  })
})
