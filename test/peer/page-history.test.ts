/**
 * A page's versions from its document's change log: one writer's changes close together are one
 * version, even while another writer types at the same time; a longer pause starts a new one;
 * an older version reads as it was, and a version id names it by its start too.
 */
import { describe, expect, it } from 'vitest'
import * as Automerge from '@automerge/automerge'
import { pageAt, pageVersions, VERSION_MESSAGE } from '../../electron/peer/domain/page-history.ts'
import type { PageDoc } from '../../shared/schemas/page.ts'

const at = (sec: number) => ({ time: sec })

function twoWriters(): Automerge.Doc<PageDoc> {
  let ana = Automerge.change(Automerge.init<PageDoc>({ actor: 'aa'.repeat(16) }), at(990), (d) => Object.assign(d, { title: 'Rota', text: '' }))
  let ben = Automerge.clone(ana, { actor: 'bb'.repeat(16) })
  // Ana and Ben type at once, 1,000 s in; Ana comes back an hour later.
  for (let i = 0; i < 3; i++) {
    ana = Automerge.change(ana, at(1_000 + i), (d) => Automerge.splice(d, ['text'], d.text.length, 0, 'a'))
    ben = Automerge.change(ben, at(1_000 + i), (d) => Automerge.splice(d, ['text'], 0, 0, 'b'))
    ana = Automerge.merge(ana, ben)
    ben = Automerge.merge(ben, ana)
  }
  return Automerge.change(ana, at(4_700), (d) => Automerge.splice(d, ['text'], 0, 0, 'later '))
}

describe('page versions', () => {
  it('one version per writer per session, newest first', () => {
    const doc = twoWriters()
    const versions = pageVersions(doc)
    expect(versions.map((v) => [v.changes, v.mine])).toEqual([[1, true], [3, false], [4, true]])
    expect(versions[0]!.at).toBe(new Date(4_700_000).toISOString())
  })

  it('each save through the CLI or the API is a version of its own, however soon after the last', () => {
    let doc = Automerge.change(Automerge.init<PageDoc>({ actor: 'aa'.repeat(16) }), { time: 990, message: VERSION_MESSAGE }, (d) => Object.assign(d, { title: 'Rota', text: 'Ana' }))
    doc = Automerge.change(doc, { time: 1_000, message: VERSION_MESSAGE }, (d) => Automerge.splice(d, ['text'], 3, 0, ' and Ben'))
    doc = Automerge.change(doc, at(1_010), (d) => Automerge.splice(d, ['text'], 0, 0, '!'))
    doc = Automerge.change(doc, at(1_020), (d) => Automerge.splice(d, ['text'], 0, 0, '!'))
    expect(pageVersions(doc).map((v) => v.changes)).toEqual([2, 1, 1])
  })

  it('a version reads as its writer saw it, named by its id or the start of it', () => {
    const doc = twoWriters()
    const before = pageVersions(doc)[1]!
    const whole = pageAt(doc, before.version)
    expect(whole?.title).toBe('Rota')
    expect(whole?.spans.map((s) => (s.type === 'text' ? s.value : '')).join('')).not.toContain('later')
    expect(pageAt(doc, before.version.slice(0, 10))).toEqual(whole)
    expect(pageAt(doc, 'f'.repeat(64))).toBeUndefined()
    expect(pageAt(doc, 'nothex')).toBeUndefined()
  })
})
