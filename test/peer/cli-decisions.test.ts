/**
 * Decisions as a new user runs them: one real daemon on 127.0.0.1, driven only through the
 * `commonweave` CLI with the commands and output keys of DESIGN.md; the space by its name, the
 * proposal by the start of its id; every refusal in words (exit 2 for input the command
 * refuses, as for any misuse of the command line).
 */
import { describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cliSpace } from '../helpers/cli-space.ts'
import { loomioExport } from '../helpers/loomio-export.ts'

const SPACE = 'Hall Co-op'

type Shown = {
  id: string; title: string; process: string; closesAt: string; status: string; outcome: { statement: string } | null
  stances: Array<{ did: string; name: string | null; choice: string; reason: string; castAt: string; verified: boolean; late: boolean }>
  tally: { counts: Record<string, number>; voted: number; eligible: number; quorum: { pct: number; needed: number; reached: boolean } | null; result: string }
}

describe('decisions through the CLI', () => {
  const cli = cliSpace(SPACE)
  const { run, json, fails } = cli

  it('proposes, takes and changes a stance, shows the tally, closes with an outcome, records a late stance', async () => {
    await fails(2, /process is one of consent, consensus, majority, advice/, 'decision', 'propose', SPACE, '--title', 'Van', '--process', 'vote', '--closes', '72h')
    await fails(2, /is already past/, 'decision', 'propose', SPACE, '--title', 'Van', '--process', 'consent', '--closes', '2020-01-01T10:00')
    await fails(2, /--closes/, 'decision', 'propose', SPACE, '--title', 'Van', '--process', 'consent')
    const later = new Date(Date.now() + 3 * 86_400_000)
    const local = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')}T18:00`
    const dated = await json<Shown>('decision', 'propose', SPACE, '--title', 'Paint the hall', '--process', 'majority', '--closes', local)
    expect(Date.parse(dated.closesAt)).toBe(new Date(local).getTime())
    const d = await json<Shown>('decision', 'propose', SPACE, '--title', 'Buy a van', '--details', 'For deliveries\nand the market stall', '--process', 'Consent', '--quorum', '50', '--closes', '72h')
    expect(d).toMatchObject({ title: 'Buy a van', process: 'consent', status: 'open', stances: [], outcome: null,
      tally: { counts: { consent: 0, objection: 0 }, voted: 0, eligible: 1, quorum: { pct: 50, needed: 1, reached: false }, result: 'no-quorum' } })
    const ref = d.id.slice(0, 6)
    await fails(2, /needs a reason/, 'decision', 'stance', SPACE, ref, '--choice', 'objection')
    await fails(2, /"agree" is not a stance of the consent process: choose consent, objection/, 'decision', 'stance', SPACE, ref, '--choice', 'agree')
    expect((await run('decision', 'stance', SPACE, ref, '--choice', 'objection', '--reason', 'Too costly')).stdout).toMatch(/Your stance on “Buy a van”: objection/)
    await json('decision', 'stance', SPACE, ref, '--choice', 'consent')
    const shown = await json<Shown>('decision', 'show', SPACE, ref)
    expect(shown.stances.map((s) => [s.name, s.choice, s.reason, s.verified, s.late])).toEqual([['Ana', 'objection', 'Too costly', true, false], ['Ana', 'consent', '', true, false]])
    expect(shown.tally).toMatchObject({ counts: { consent: 1, objection: 0 }, voted: 1, result: 'carried' })
    const human = await run('decision', 'show', SPACE, ref)
    await fails(2, /open or closed proposals, not both/, 'decision', 'list', SPACE, '--open', '--closed')
    // A line break in the details is laid out as an indented line, never printed raw.
    expect(human.stdout).toContain('  For deliveries\n  and the market stall')
    expect(human.stdout).toMatch(/closes .* \(in 3 days\)/)
    for (const text of ['Buy a van', 'Consent: carried unless someone objects', 'For deliveries', 'Ana: objection — "Too costly"  (Changed since)', 'quorum 50% = 1 (reached)', 'carried if it closed now']) {
      expect(human.stdout).toContain(text)
    }
    const list = await run('decision', 'list', SPACE, '--open')
    // Open ones closing soonest first.
    const soonest = [dated, d].sort((x, y) => x.closesAt.localeCompare(y.closesAt)).map((x) => x.title)
    expect(list.stdout.trim().split('\n').map((l) => soonest.find((t) => l.includes(t)))).toEqual(soonest)
    expect((await run('decision', 'close', SPACE, ref, '--outcome', 'We buy it in January')).stdout).toMatch(/“Buy a van” closed .* \(early\): carried\.\nOutcome: We buy it in January/)
    await fails(2, /closed on .* UTC; a stance now would not count\. To record it anyway, shown as late, cast it as late \(the CLI.s --late\)/, 'decision', 'stance', SPACE, ref, '--choice', 'objection', '--reason', 'Missed it')
    await json('decision', 'stance', SPACE, ref, '--choice', 'objection', '--reason', 'Missed it', '--late')
    const closed = await json<Shown>('decision', 'show', SPACE, ref)
    expect(closed).toMatchObject({ status: 'closed', outcome: { statement: 'We buy it in January' }, tally: { result: 'carried', voted: 1 } })
    expect(closed.stances.at(-1)).toMatchObject({ choice: 'objection', late: true, verified: true })
    expect((await json<{ items: Shown[] }>('decision', 'list', SPACE, '--closed')).items.map((x) => x.title)).toEqual(['Buy a van'])
    await fails(1, /No item|not found|NOT_FOUND/i, 'decision', 'show', SPACE, 'ffffffff')
  })

  it('imports a Loomio export: its closed proposals with their stances, reasons and outcome; again, nothing twice; a file of another kind, nothing at all', async () => {
    const file = join(cli.peer.dataDir, '..', `loomio-${Date.now()}.json`)
    writeFileSync(file, loomioExport())
    const notLoomio = `${file}.csv`
    writeFileSync(notLoomio, 'id,title\n1,Paint')
    const before = (await json<{ total: number }>('decision', 'list', SPACE)).total
    await fails(2, /loomio-.*\.json\.csv cannot be imported: line 1 is not JSON.*Nothing was imported/, 'decision', 'import', SPACE, notLoomio)
    await fails(1, /There is no file/, 'decision', 'import', SPACE, `${file}.missing`)
    expect((await json<{ total: number }>('decision', 'list', SPACE)).total).toBe(before)

    const words = await run('decision', 'import', SPACE, file)
    expect(words.code, words.stderr).toBe(0)
    expect(words.stdout).toMatch(/^Imported 3 decisions from Loomio:/)
    expect(words.stdout).toMatch(/Loomio poll 13 “Where shall we picnic\?”: a dot vote poll/)
    const list = await json<{ items: Array<Shown & { imported: { from: string; id: string } | null }> }>('decision', 'list', SPACE, '--closed')
    const paint = list.items.find((d) => d.imported?.id === '10')!
    expect(paint).toMatchObject({ title: 'Paint the hall green', process: 'consent', status: 'closed', imported: { from: 'loomio', id: '10', authorName: 'Ana Souza' } })
    const shown = await json<Shown>('decision', 'show', SPACE, paint.id.slice(0, 8))
    expect(shown.stances.map((x) => [x.name, x.choice, x.reason, x.verified])).toEqual([['Ben Okafor', 'consent', 'Fine, green it is & no more', true], ['Ana Souza', 'consent', '', true]])
    expect(shown.tally).toMatchObject({ counts: { consent: 2, objection: 0 }, voted: 2, eligible: 4, quorum: { pct: 50, needed: 2, reached: true }, result: 'carried' })
    expect(shown.outcome).toMatchObject({ statement: 'Green, from March.' })
    const piano = list.items.find((d) => d.imported?.id === '11')!
    expect(piano.tally).toMatchObject({ counts: { agree: 1, block: 1 }, result: 'not-carried' })
    const human = (await run('decision', 'show', SPACE, paint.id.slice(0, 8))).stdout
    expect(human).toContain('Ana Souza, in Loomio (imported by Ana)')
    expect(human).toContain('Ben Okafor: consent — "Fine, green it is & no more"  (as Loomio recorded it)')
    expect(human).not.toContain('Verified')

    const again = await json<{ imported: unknown[]; skipped: Array<{ id: string; reason: string }> }>('decision', 'import', SPACE, file)
    expect(again.imported).toEqual([])
    expect(again.skipped.filter((x) => x.reason === 'imported before').map((x) => x.id)).toEqual(['10', '11', '12'])
    expect((await run('decision', 'stance', SPACE, paint.id.slice(0, 8), '--choice', 'objection', '--reason', 'late', '--late')).stderr).toMatch(/was decided in Loomio and brought over as a record; it takes no new stances/)
  })
})
