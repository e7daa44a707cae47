/** How items are kept in documents: scalar strings except the collection's text fields, and plain strings when read back. */
import * as Automerge from '@automerge/automerge'
import { describe, expect, it } from 'vitest'
import { toPlain, toStored } from '../../electron/peer/domain/stored-values.ts'

describe('stored values', () => {
  const item = { id: 'r1', title: 'Ladder', description: 'Four metres', tags: ['garden', 'tools'], quantity: 2, where: { text: 'Shed', lat: 1.5 }, gone: undefined }
  const text = new Set(['title', 'description'])

  it('keeps text fields as collaborative text and every other string as a scalar, and reads back the same item', () => {
    let doc = Automerge.from<{ items: Record<string, unknown> }>({ items: {} })
    doc = Automerge.change(doc, (d) => { d.items['r1'] = toStored(item, text) })
    const loaded = Automerge.load<typeof doc>(Automerge.save(doc))
    const raw = loaded.items['r1'] as Record<string, unknown>
    expect(typeof raw['title']).toBe('string')
    expect(raw['id']).toBeInstanceOf(Automerge.ImmutableString)
    expect((raw['tags'] as unknown[])[0]).toBeInstanceOf(Automerge.ImmutableString)
    expect(((raw['where'] as Record<string, unknown>)['text'])).toBeInstanceOf(Automerge.ImmutableString)
    const { gone: _gone, ...defined } = item
    expect(toPlain(raw)).toEqual(defined)
  })

  it('two peers editing different words of a text field both keep their edit', () => {
    let a = Automerge.from<{ items: Record<string, Record<string, unknown>> }>({ items: {} })
    a = Automerge.change(a, (d) => { d.items['r1'] = toStored(item, text) as Record<string, unknown> })
    let b = Automerge.clone(a)
    a = Automerge.change(a, (d) => Automerge.updateText(d, ['items', 'r1', 'description'], 'Four long metres'))
    b = Automerge.change(b, (d) => Automerge.updateText(d, ['items', 'r1', 'description'], 'Four metres, aluminium'))
    const merged = Automerge.merge(a, b)
    expect(merged.items['r1']!['description']).toBe('Four long metres, aluminium')
  })
})
