/**
 * Resources, pools and bookings as a new user runs them: one real daemon on 127.0.0.1, driven
 * only through the `commonweave` CLI, naming the space by its name and items by the start of
 * their ids; every bad input answered in words: exit 2 for input the command refuses
 * (VALIDATION_FAILED, as for any misuse of the command line), 1 for the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDir, runCli, startCliPeer, tempDataDir, type CliPeer, type CliResult } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']
const SPACE = 'Tool Library'

type Item = { id: string; title: string; kind: string; status: string; expired: boolean; pool?: string; poolName: string | null; ownerName: string | null; quantity?: number; location?: string }
type Booking = { id: string; conflicts: string[]; status: string; byName: string | null }

describe('resources, pools and bookings through the CLI', () => {
  let peer: CliPeer
  const run = (...args: string[]): Promise<CliResult> => runCli([...args, '--data', peer.dataDir])
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await run(...args, '--json')
    if (r.code !== 0) throw new Error(`commonweave ${args.join(' ')} failed (${r.code}): ${r.stderr}`)
    return JSON.parse(r.stdout) as T
  }
  const fails = async (pattern: RegExp, ...args: string[]): Promise<void> => {
    const r = await run(...args)
    expect(r.code, `commonweave ${args.join(' ')} should fail: ${r.stdout}${r.stderr}`).toBe(/VALIDATION_FAILED/.test(r.stderr) ? 2 : 1)
    expect(r.stderr).toMatch(pattern)
  }
  const titles = async (...flags: string[]): Promise<string[]> =>
    (await json<{ items: Item[] }>('resource', 'list', SPACE, ...flags)).items.map((r) => r.title)

  beforeAll(async () => {
    const dataDir = tempDataDir()
    expect((await runCli(['init', '--name', 'Ana', '--data', dataDir])).code).toBe(0)
    peer = await startCliPeer(dataDir, LOOPBACK)
    await json('space', 'create', SPACE)
  }, 60_000)
  afterAll(async () => {
    await peer?.stop()
    if (peer) removeDir(peer.dataDir)
  })

  it('adds with every field, names the space by name and the pool by name, and shows it all', async () => {
    await fails(/No pool "Vans" in this space\. It has none yet/, 'resource', 'add', SPACE, '--kind', 'tool', '--title', 'Trailer', '--pool', 'Vans')
    const pool = await json<{ id: string; name: string }>('pool', 'create', SPACE, 'Vans', '--description', 'The van share')
    await fails(/a pool named "Vans" already/, 'pool', 'create', SPACE, 'vans')
    const added = await json<Item>('resource', 'add', SPACE, '--kind', 'tool', '--title', 'Cargo trailer', '--description', 'Blue, 2 m',
      '--tags', 'Transport, garden', '--quantity', '2', '--location', 'Shed behind the hall', '--availability', 'weekends', '--pool', 'vans')
    expect(added).toMatchObject({ title: 'Cargo trailer', quantity: 2, location: 'Shed behind the hall', pool: pool.id, poolName: 'Vans', ownerName: 'Ana', status: 'open', expired: false })
    const shown = await run('resource', 'show', SPACE, added.id.slice(0, 6))
    expect(shown.code, shown.stderr).toBe(0)
    for (const text of ['Cargo trailer', 'Blue, 2 m', 'transport, garden', 'Shed behind the hall', 'weekends', 'Vans', 'Ana']) expect(shown.stdout).toContain(text)
    expect((await json<{ items: Array<{ name: string; resources: number }> }>('pool', 'list', SPACE)).items).toEqual([expect.objectContaining({ name: 'Vans', resources: 1 })])
    expect(await titles('--pool', 'Vans')).toEqual(['Cargo trailer'])
    expect(await titles('--tag', 'GARDEN', '--kind', 'tool', '--mine')).toEqual(['Cargo trailer'])
    expect(await titles('--kind', 'need')).toEqual([])
  })

  it('lets an offer expire: gone from the default listing, marked expired with --all', async () => {
    await fails(/Only offers and needs expire/, 'resource', 'add', SPACE, '--kind', 'tool', '--title', 'Drill', '--expires', '30d')
    await json('resource', 'add', SPACE, '--kind', 'offer', '--title', 'Soup tonight', '--expires', '1s')
    await waitFor('the soup leaves the default listing', async () => !(await titles()).includes('Soup tonight'), 10_000)
    const everything = (await json<{ items: Item[] }>('resource', 'list', SPACE, '--all')).items
    expect(everything.find((r) => r.title === 'Soup tonight')).toMatchObject({ expired: true })
    expect((await run('resource', 'list', SPACE, '--all')).stdout).toMatch(/Soup tonight.*expired/)
  })

  it('edits, closes, pages and deletes, by the start of an id', async () => {
    const ladder = await json<Item>('resource', 'add', SPACE, '--kind', 'tool', '--title', 'Ladder', '--location', 'Hall')
    const edited = await json<Item>('resource', 'edit', SPACE, ladder.id.slice(0, 8), '--title', 'Ladder, 4 m', '--location', '', '--quantity', '1')
    expect(edited).toMatchObject({ title: 'Ladder, 4 m', quantity: 1 })
    expect(edited.location).toBeUndefined()
    await fails(/Nothing to change/, 'resource', 'edit', SPACE, ladder.id)
    await json('resource', 'edit', SPACE, ladder.id, '--status', 'closed')
    expect(await titles()).not.toContain('Ladder, 4 m')
    expect(await titles('--status', 'closed')).toEqual(['Ladder, 4 m'])
    expect(await titles('--all')).toContain('Ladder, 4 m')
    const page = await json<{ items: Item[]; total: number }>('resource', 'list', SPACE, '--all', '--limit', '1', '--offset', '1')
    expect(page.items).toHaveLength(1)
    expect(page.total).toBeGreaterThanOrEqual(3)

    expect(await json('resource', 'delete', SPACE, ladder.id.slice(0, 5))).toEqual({ id: ladder.id, deleted: true })
    expect(await titles('--all')).not.toContain('Ladder, 4 m')
    await fails(/was deleted/, 'resource', 'show', SPACE, ladder.id)
    await fails(/NOT_FOUND/, 'resource', 'show', SPACE, 'ffffffff')
    await fails(/no fewer than 4 characters/, 'resource', 'show', SPACE, 'ab')
  })

  it('books, warns of an overlap, keeps both, and clears it when one is cancelled', async () => {
    const trailer = (await json<{ items: Item[] }>('resource', 'list', SPACE, '--kind', 'tool')).items.find((r) => r.title === 'Cargo trailer')!
    const offer = await json<Item>('resource', 'add', SPACE, '--kind', 'offer', '--title', 'Lift to town')
    await fails(/only tools and facilities can be booked/, 'book', SPACE, offer.id, '--from', '2027-01-09T09:00', '--to', '2027-01-09T10:00')
    await fails(/must end after it starts/, 'book', SPACE, trailer.id, '--from', '2027-01-09T10:00', '--to', '2027-01-09T09:00')
    await fails(/at most 90 days long/, 'book', SPACE, trailer.id, '--from', '2027-01-01', '--to', '2027-05-01')
    await fails(/--from "tomorrow" is not a time/, 'book', SPACE, trailer.id, '--from', 'tomorrow', '--to', '2027-01-09T10:00')
    await fails(/--from "2027-02-30T10:00" is not a time/, 'book', SPACE, trailer.id, '--from', '2027-02-30T10:00', '--to', '2027-03-01T11:00')
    await fails(/would end \(.*\) before now/, 'book', SPACE, trailer.id, '--from', '2020-01-09T10:00', '--to', '2020-01-09T11:00')

    const first = await json<Booking>('book', SPACE, trailer.id.slice(0, 6), '--from', '2027-01-09T09:00', '--to', '2027-01-09T13:00', '--note', 'Allotment run')
    expect(first.conflicts).toEqual([])
    const second = await run('book', SPACE, trailer.id, '--from', '2027-01-09T12:00', '--to', '2027-01-09T15:00')
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toMatch(/overlaps another booking.*both are kept/)
    const listed = (await json<{ items: Booking[] }>('bookings', SPACE, '--resource', trailer.id.slice(0, 8))).items
    expect(listed).toHaveLength(2)
    const other = listed.find((b) => b.id !== first.id)!
    expect(listed.find((b) => b.id === first.id)?.conflicts).toEqual([other.id])
    expect(other.conflicts).toEqual([first.id])
    expect(other.byName).toBe('Ana')

    expect(await json<Booking>('booking', 'cancel', SPACE, other.id.slice(0, 8))).toMatchObject({ status: 'cancelled', conflicts: [] })
    expect((await json<{ items: Booking[] }>('bookings', SPACE)).items.map((b) => [b.id, b.conflicts])).toEqual([[first.id, []]])
    expect((await json<{ items: Booking[] }>('bookings', SPACE, '--all')).items).toHaveLength(2)
    expect((await run('booking', 'cancel', SPACE, other.id)).stdout).toMatch(/^Already cancelled/)

    await json('resource', 'delete', SPACE, offer.id)
    await fails(/"Lift to town" was deleted; it cannot be booked/, 'book', SPACE, offer.id, '--from', '2027-01-09T09:00', '--to', '2027-01-09T10:00')
    await fails(/was deleted/, 'resource', 'delete', SPACE, offer.id.slice(0, 6).toUpperCase())

    // A booking of a resource deleted since stops counting: listed only with --all.
    const saw = await json<Item>('resource', 'add', SPACE, '--kind', 'tool', '--title', 'Saw')
    await json('book', SPACE, saw.id, '--from', '2027-03-01T09:00', '--to', '2027-03-01T10:00')
    await json('resource', 'delete', SPACE, saw.id)
    expect((await json<{ items: Booking[] }>('bookings', SPACE)).items.map((b) => b.id)).toEqual([first.id])
    expect((await json<{ items: Booking[] }>('bookings', SPACE, '--all')).items).toHaveLength(3)
  })

  it('says which spaces an ambiguous name means, and what is wrong with a flag', async () => {
    await json('space', 'create', 'Garden')
    await json('space', 'create', 'garden')
    await fails(/"GARDEN" is the name of 2 of your spaces: Garden \(.*\), garden \(/, 'resource', 'list', 'GARDEN')
    // An exact match wins over the others that differ only in case.
    expect((await json<{ items: unknown[] }>('resource', 'list', 'Garden')).items).toEqual([])
    await fails(/No space named "Allotment" here\. Your spaces: .*"Tool Library"/, 'resource', 'list', 'Allotment')
    await fails(/--quantity must be a whole number, not "lots"/, 'resource', 'add', SPACE, '--kind', 'tool', '--title', 'Saw', '--quantity', 'lots')
    await fails(/kind must be one of: offer, need, tool, facility, skill/, 'resource', 'add', SPACE, '--kind', 'loan', '--title', 'Saw')
    await fails(/--quantity must be a whole number, not ""/, 'resource', 'add', SPACE, '--kind', 'tool', '--title', 'Saw', '--quantity', '')
    await fails(/--quantity must be a whole number, not "1e3"/, 'resource', 'add', SPACE, '--kind', 'tool', '--title', 'Saw', '--quantity', '1e3')
    expect(await json<Item>('resource', 'add', SPACE, '--kind', 'Offer', '--title', 'Jam')).toMatchObject({ kind: 'offer' })
    expect((await json<{ items: Item[] }>('resource', 'list', SPACE.toUpperCase(), '--kind', 'OFFER')).items.map((r) => r.title)).toContain('Jam')
    await fails(/status must be one of: open, matched, closed/, 'resource', 'list', SPACE, '--status', 'lost')
    await fails(/limit is at most 1000/, 'resource', 'list', SPACE, '--limit', '5000')
    const misuse = await run('resource', 'list', SPACE, '--colour', 'red')
    expect(misuse.code).toBe(2)
  })
})
