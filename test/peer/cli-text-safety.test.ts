/**
 * Text from others, printed by the CLI: a peer's titles, names and notes reach this peer by
 * sync, past this peer's API checks, so they are written here straight into the documents (as
 * a hostile peer's sync would bring them) and then listed through the CLI a user runs. No
 * escape, bell or carriage return reaches the terminal, and no forged line appears; --json
 * keeps the text as it is.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DocumentId } from '@automerge/automerge-repo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPeer } from '../../electron/peer/create-peer.ts'
import { IDENTITY_FILE } from '../../electron/peer/identity/identity.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import type { Did } from '../../shared/ids.ts'
import type { AuthorityDoc, CollectionShardDoc } from '../../shared/schemas/space.ts'
import { removeDir, runCli, startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import { LOOPBACK_ONLY } from '../helpers/peers.ts'

const EVIL = '\x1b]0;pwned\x07\x1b[2J\r\nforged line'
const BIDI = 'Ladder \u202egnp.exe\u2066'
/** What must never reach a terminal from data: C0 (newline aside: the layout's own), DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const STEERING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u
const BUDDY = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' as Did

describe('text from others in the CLI\'s output', () => {
  let dataDir: string
  let peer: CliPeer
  let spaceId: string
  let resourceId: string

  beforeAll(async () => {
    dataDir = tempDataDir()
    // The data a hostile peer's sync would leave: written below the API, which refuses it now.
    const p = await createPeer({ ...LOOPBACK_ONLY, listen: [...LOOPBACK_ONLY.listen], name: 'Setup' }, { dataDir, log: createLogger(LogLevel.Error, 'setup', () => {}) })
    try {
      const space = await p.api.createSpace({ name: 'Tool Library' })
      spaceId = space.spaceId
      const pool = await p.api.createPool({ spaceId: space.spaceId, name: 'Vans' })
      const ladder = await p.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Ladder', pool: pool.id, location: 'Hall' })
      resourceId = ladder.id
      const booking = await p.api.book({ spaceId: space.spaceId, resource: ladder.id, from: '2027-01-09T08:00:00Z', to: '2027-01-09T18:00:00Z', note: 'ok' })
      const offer = await p.api.addResource({ spaceId: space.spaceId, kind: 'offer', title: 'Soup' })
      await p.api.createGrant({ spaceId: space.spaceId, to: BUDDY, cmd: 'read', docs: ['resources'], purpose: 'matching' })
      const authority = await p.repo.find<AuthorityDoc>(space.spaceId as unknown as DocumentId)
      authority.change((d) => {
        d.name = `Tool ${EVIL}`
        d.roster[BUDDY] = { did: BUDDY, peerId: 'x', name: EVIL, role: 'member', joinedAt: new Date().toISOString() }
      })
      for (const id of (await p.api.listSpaces())[0]!.documents) {
        const h = await p.repo.find<CollectionShardDoc>(id as unknown as DocumentId)
        if (!h.doc()?.items) continue
        h.change((d) => {
          const items = d.items as Record<string, Record<string, unknown>>
          if (items[ladder.id]) Object.assign(items[ladder.id]!, { title: EVIL, description: EVIL, location: EVIL, tags: [EVIL] })
          if (items[offer.id]) items[offer.id]!['title'] = BIDI
          if (items[pool.id]) Object.assign(items[pool.id]!, { name: EVIL, description: EVIL })
          if (items[booking.id]) Object.assign(items[booking.id]!, { note: EVIL })
        })
      }
      await p.repo.flush()
    } finally {
      await p.stop()
    }
    // This peer's own name, as a damaged or hand-edited identity file may hold it (init refuses it now).
    const idFile = join(dataDir, 'identity.json')
    writeFileSync(idFile, JSON.stringify({ ...JSON.parse(readFileSync(idFile, 'utf8')) as object, name: EVIL }))
    peer = await startCliPeer(dataDir, ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns'])
  }, 60_000)
  afterAll(async () => {
    await peer?.stop()
    removeDir(dataDir)
  })

  const human = async (...args: string[]): Promise<string[]> => {
    const r = await runCli([...args, '--data', dataDir])
    expect(r.code, `commonweave ${args.join(' ')}: ${r.stderr}`).toBe(0)
    expect(r.stdout).not.toMatch(STEERING)
    expect(r.stdout).not.toMatch(/^forged line/m)
    return r.stdout.trimEnd().split('\n')
  }

  it('lists resources one line each, the escapes shown as codes, not obeyed', async () => {
    const lines = await human('resource', 'list', spaceId)
    expect(lines).toHaveLength(2)
    expect(lines.join('\n')).toContain('\\x1b]0;pwned\\x07\\x1b[2J\\x0d\\x0aforged line')
    expect(lines.join('\n')).toContain('Ladder \\u202egnp.exe\\u2066')
    const page = JSON.parse((await runCli(['resource', 'list', spaceId, '--json', '--data', dataDir])).stdout) as { items: Array<{ title: string }> }
    expect(page.items.map((i) => i.title).sort()).toEqual([BIDI, EVIL].sort())
  })

  it('shows one resource, its pools and bookings without a forged line', async () => {
    expect((await human('resource', 'show', spaceId, resourceId.slice(0, 8))).filter((l) => !l.startsWith('  '))).toHaveLength(1)
    expect(await human('pool', 'list', spaceId)).toHaveLength(1)
    expect(await human('bookings', spaceId)).toHaveLength(1)
  })

  it('shows search hits one line each, the escapes as codes and the matched word still marked', async () => {
    const lines = await human('search', spaceId, 'pwned')
    // A header, then the ladder and its booking (the note): no line forged.
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^resource {2}\\x1b\]0;pwned\\x07\\x1b\[2J\\x0d\\x0aforged line — \\x1b\]0;«pwned»\\x07\\x1b\[2J forged line/)
    expect(lines[2]).toMatch(/^booking {3}Booking of \\x1b\]0;pwned\\x07.* — \\x1b\]0;«pwned»\\x07/)
  })

  it('shows names from the roster and the space\'s name safely: space list, whoami, status, grants', async () => {
    expect(await human('space', 'list')).toHaveLength(1)
    const who = await human('whoami')
    expect(who[0]).toBe('\\x1b]0;pwned\\x07\\x1b[2J\\x0d\\x0aforged line')
    await human('status')
    const grants = await human('grants', spaceId)
    expect(grants).toHaveLength(2)
    expect(grants[1]).toContain('\\x1b]0;pwned')
  })

  it('refuses a display name with nothing visible or with control characters, and makes no identity', async () => {
    const dir = tempDataDir()
    try {
      for (const name of ['\u200b\u200b', '\u202e', EVIL]) {
        const r = await runCli(['init', '--name', name, '--data', dir])
        expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/--name (needs at least one visible character|cannot hold control characters).*\(VALIDATION_FAILED\)/)])
      }
      expect(existsSync(join(dir, IDENTITY_FILE))).toBe(false)
      expect((await runCli(['init', '--name', 'Ana', '--data', dir])).code).toBe(0)
    } finally {
      removeDir(dir)
    }
  })

  it('neutralises a peer\'s text quoted in an error', async () => {
    const r = await runCli(['resource', 'list', 'Tool', '--data', dataDir])
    expect(r.stderr).not.toMatch(STEERING)
    expect(r.stderr).toContain('Tool \\x1b]0;pwned')
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
  })
})
