/**
 * Pages as a new user keeps a handbook with the CLI: one real daemon on 127.0.0.1, driven only
 * through `commonweave page …` with the commands and output keys of DESIGN.md; markdown in from
 * text and files, out on `page show`; pages named by title or the start of their id; a folder
 * of markdown files imported with the links between them; every refusal in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { cliSpace } from '../helpers/cli-space.ts'

const SPACE = 'Hall Co-op'

interface Shown { id: string; title: string; tags: string[]; markdown: string; links: Array<{ id: string | null; title: string }>; backlinks: Array<{ id: string; title: string }> }

describe('pages through the CLI', () => {
  const cli = cliSpace(SPACE)
  const { run, json, fails } = cli
  let files: string
  beforeAll(() => { files = tempDataDir('cw-pages-') })
  afterAll(() => { if (files) removeDir(files) })

  it('makes pages from text and a file, shows markdown with links and backlinks, edits, renames and deletes', async () => {
    const hall = await json<Shown>('page', 'create', SPACE, '--title', 'Hall bookings', '--text', '# Booking\n\nAsk **Sam** a week ahead.', '--tags', 'Hall, rota')
    expect(hall).toMatchObject({ title: 'Hall bookings', tags: ['hall', 'rota'], markdown: '# Booking\n\nAsk **Sam** a week ahead.', links: [], backlinks: [] })
    writeFileSync(join(files, 'tools.md'), 'Borrow tools for free.\n\n- drills\n- ladders\n\nKeys: see [[hall bookings]] and [[Repair café]].\n')
    const tools = await json<Shown>('page', 'create', SPACE, '--title', 'Tool library', '--file', join(files, 'tools.md'))
    expect(tools.links).toEqual([{ id: hall.id, title: 'Hall bookings' }, { id: null, title: 'Repair café' }])
    expect(tools.markdown).toBe('Borrow tools for free.\n\n- drills\n- ladders\n\nKeys: see [[Hall bookings|hall bookings]] and [[Repair café]].')

    const shown = await run('page', 'show', SPACE, 'hall bookings')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain('Hall bookings  #hall #rota')
    expect(shown.stdout).toContain('# Booking\n\nAsk **Sam** a week ahead.')
    expect(shown.stdout).toContain('Linked from: Tool library')
    expect((await json<Shown>('page', 'show', SPACE, hall.id.slice(0, 6))).backlinks).toEqual([{ id: tools.id, title: 'Tool library' }])

    const appended = await json<Shown>('page', 'edit', SPACE, 'Tool library', '--append', 'Open on *Saturdays*.')
    expect(appended.markdown.endsWith('\n\nOpen on *Saturdays*.')).toBe(true)
    const renamed = await json<Shown>('page', 'edit', SPACE, 'Hall bookings', '--title', 'Booking the hall')
    expect(renamed.title).toBe('Booking the hall')
    expect((await json<Shown>('page', 'show', SPACE, 'Tool library')).links[0]).toEqual({ id: hall.id, title: 'Booking the hall' })

    const list = await run('page', 'list', SPACE)
    expect(list.stdout).toMatch(/Tool library/)
    expect(list.stdout).toMatch(/Tags: #hall \(1\), #rota \(1\)/)
    expect((await json<{ pages: Shown[] }>('page', 'list', SPACE, '--tag', 'rota')).pages.map((p) => p.title)).toEqual(['Booking the hall'])

    expect((await run('page', 'delete', SPACE, 'Booking the hall')).stdout).toMatch(/Deleted page/)
    expect((await json<Shown>('page', 'show', SPACE, 'Tool library')).links[0]).toEqual({ id: null, title: 'a deleted page', gone: true })
  }, 60_000)

  it('imports a folder of markdown files, with the links between them', async () => {
    const dir = join(files, 'handbook')
    mkdirSync(join(dir, 'rooms'), { recursive: true })
    mkdirSync(join(dir, '.obsidian'))
    writeFileSync(join(dir, 'welcome.md'), '# Welcome\n\nStart with the [[Kitchen]].\n')
    writeFileSync(join(dir, 'rooms', 'kitchen.md'), 'Clean up after yourself. Back to [[Welcome]].\n')
    writeFileSync(join(dir, 'rooms', 'notes.txt'), 'not markdown')
    writeFileSync(join(dir, '.obsidian', 'hidden.md'), '# Hidden')
    writeFileSync(join(dir, 'broken.md'), Buffer.from([0xff, 0xfe, 0x00, 0x41]))
    // A symbolic link is not followed: what it points at stays unread.
    writeFileSync(join(files, 'outside.md'), '# Outside\n\nNot in the folder.')
    symlinkSync(join(files, 'outside.md'), join(dir, 'linked.md'))
    const r = await json<{ created: Array<{ title: string; file: string }>; skipped: Array<{ file: string; reason: string }> }>('page', 'import', SPACE, dir, '--tags', 'handbook')
    expect(r.created.map((c) => c.title).sort()).toEqual(['Welcome', 'kitchen'])
    expect(r.skipped).toEqual([{ file: 'broken.md', reason: 'not UTF-8 text' }])
    const welcome = await json<Shown>('page', 'show', SPACE, 'Welcome')
    expect(welcome).toMatchObject({ tags: ['handbook'], markdown: 'Start with the [[kitchen|Kitchen]].' })
    expect(welcome.backlinks.map((b) => b.title)).toEqual(['kitchen'])
    // Again: every title is taken now, so every file is skipped and said so.
    const again = await json<{ created: unknown[]; skipped: Array<{ reason: string }> }>('page', 'import', SPACE, dir)
    expect(again.created).toEqual([])
    expect(again.skipped.filter((s) => /exists already/.test(s.reason))).toHaveLength(2)
  }, 60_000)

  it('lists a page\'s versions, shows an older one and restores it, keeping the history', async () => {
    const made = await json<Shown>('page', 'create', SPACE, '--title', 'Rota', '--text', 'Ana cleans on Monday.')
    // A version is one writer's changes made close together (here: the page and its text).
    const first = (await json<{ versions: Array<{ version: string; changes: number; mine: boolean }> }>('page', 'history', SPACE, 'Rota')).versions
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ changes: 2, mine: true })
    await json('page', 'edit', SPACE, 'Rota', '--text', 'Ben cleans on Monday.', '--title', 'Cleaning rota')
    const old = await json<Shown & { version: string }>('page', 'show', SPACE, 'Cleaning rota', '--at', first[0]!.version)
    expect(old).toMatchObject({ id: made.id, title: 'Rota', markdown: 'Ana cleans on Monday.', version: first[0]!.version })
    const shown = await run('page', 'show', SPACE, 'Cleaning rota', '--at', first[0]!.version)
    expect(shown.stdout).toMatch(/as it was at version/)
    const restored = await json<Shown & { version: string | null }>('page', 'restore', SPACE, 'Cleaning rota', '--version', first[0]!.version.slice(0, 10))
    expect(restored).toMatchObject({ title: 'Rota', markdown: 'Ana cleans on Monday.', version: null })
    const all = (await json<{ versions: unknown[] }>('page', 'history', SPACE, 'Rota')).versions
    expect(all.length).toBeGreaterThanOrEqual(1)
    expect((await json<Shown>('page', 'show', SPACE, 'Rota', '--at', first[0]!.version)).markdown).toBe('Ana cleans on Monday.')
    await fails(1, /has no version/, 'page', 'show', SPACE, 'Rota', '--at', 'f'.repeat(64))
    await fails(2, /version id/, 'page', 'restore', SPACE, 'Rota', '--version', 'yesterday')
    await fails(2, /version id/, 'page', 'restore', SPACE, 'Rota', '--version', 'abc1')
  }, 60_000)

  it('refuses in words', async () => {
    await fails(2, /title is required/, 'page', 'create', SPACE, '--title', '   ')
    await fails(2, /--file .*: there is no such file/, 'page', 'create', SPACE, '--title', 'Nothing', '--file', join(files, 'missing.md'))
    await fails(2, /not both/, 'page', 'edit', SPACE, 'Tool library', '--text', 'a', '--append', 'b')
    await fails(2, /nothing to change/, 'page', 'edit', SPACE, 'Tool library')
    await fails(1, /No page "Nowhere" here/, 'page', 'show', SPACE, 'Nowhere')
    await fails(2, /A page titled "Tool library" exists already/, 'page', 'create', SPACE, '--title', 'tool LIBRARY')
    await fails(2, /There is no folder/, 'page', 'import', SPACE, join(files, 'nope'))
    const own = await run('page', 'import', SPACE, cli.peer.dataDir)
    expect(own.code).not.toBe(0)
    expect(own.stderr).toMatch(/the peer's own data directory/)
  }, 60_000)
})
