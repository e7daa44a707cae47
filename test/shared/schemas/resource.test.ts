import { describe, expect, it } from 'vitest'
import { RESOURCE_KINDS, ResourceInputSchema, ResourceKind } from '../../../shared/schemas/resource.ts'

const BASE = { kind: 'offer', title: 'Ladder' } as const

describe('ResourceInputSchema accepts', () => {
  it.each(Object.values(ResourceKind))('kind %s, trimming the title and lowercasing the tags', (kind) => {
    const parsed = ResourceInputSchema.parse({
      kind,
      title: '  Extension ladder, 4 m \n',
      description: '  Kept as written.  ',
      tags: ['Garden', ' Tools ', 'DIY'],
    })
    expect(parsed).toStrictEqual({
      kind,
      title: 'Extension ladder, 4 m',
      description: '  Kept as written.  ',
      tags: ['garden', 'tools', 'diy'],
    })
  })

  it('RESOURCE_KINDS lists every kind', () => {
    expect([...RESOURCE_KINDS].sort()).toEqual(['facility', 'need', 'offer', 'skill', 'tool'])
  })

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['only kind and title', {}, {}],
    ['a 200-character title', { title: 't'.repeat(200) }, { title: 't'.repeat(200) }],
    ['a 200-character title padded with spaces', { title: `  ${'t'.repeat(200)}  ` }, { title: 't'.repeat(200) }],
    ['an empty description', { description: '' }, { description: '' }],
    ['a 5000-character description', { description: 'd'.repeat(5000) }, { description: 'd'.repeat(5000) }],
    ['no tags', { tags: [] }, { tags: [] }],
    ['20 tags', { tags: Array.from({ length: 20 }, (_, i) => `t${i}`) },
      { tags: Array.from({ length: 20 }, (_, i) => `t${i}`) }],
    ['a 40-character tag', { tags: ['a'.repeat(40)] }, { tags: ['a'.repeat(40)] }],
    ['a 40-character tag padded with spaces', { tags: [`  ${'a'.repeat(40)}  `] }, { tags: ['a'.repeat(40)] }],
    ['a tag with inner spaces, "_", "." and "-"', { tags: ['Raised Beds_2.0-x'] }, { tags: ['raised beds_2.0-x'] }],
    ['a tag starting with a digit', { tags: ['3d printing'] }, { tags: ['3d printing'] }],
    ['a kind in capitals, as typed', { kind: ' Offer ' }, { kind: 'offer' }],
    ['every later field', { quantity: 0, location: ' Shed ', coordinates: { lat: -90, lon: 180 }, availability: 'Sundays', pool: 'Vans', expiresInSeconds: 60 },
      { quantity: 0, location: 'Shed', coordinates: { lat: -90, lon: 180 }, availability: 'Sundays', pool: 'Vans', expiresInSeconds: 60 }],
  ])('%s', (_name, extra, expected) => {
    expect(ResourceInputSchema.parse({ ...BASE, ...extra })).toStrictEqual({ ...BASE, ...expected })
  })

  it.each<[string, string]>([
    ['café', 'café'],
    ['園芸', '園芸'],
    ['Ärzte', 'ärzte'],
    ['ΣΑΣ', 'σας'],
    ['Гараж', 'гараж'],
    ['حديقة', 'حديقة'],
    ['٣ أدوات', '٣ أدوات'],
    ['\u{20000}'.repeat(40), '\u{20000}'.repeat(40)],
  ])('the Unicode tag %j as %j', (tag, expected) => {
    expect(ResourceInputSchema.parse({ ...BASE, tags: [tag] }).tags).toEqual([expected])
  })
})

describe('ResourceInputSchema rejects', () => {
  it.each<[string, unknown, string]>([
    ['an unknown kind', { ...BASE, kind: 'loan' }, 'kind'],
    ['a missing kind', { title: 'Ladder' }, 'kind'],
    ['a missing title', { kind: 'offer' }, 'title'],
    ['an empty title', { ...BASE, title: '' }, 'title'],
    ['a whitespace title', { ...BASE, title: ' \t\n ' }, 'title'],
    ['a 201-character title', { ...BASE, title: 't'.repeat(201) }, 'title'],
    ['a title that is a number', { ...BASE, title: 42 }, 'title'],
    ['a null title', { ...BASE, title: null }, 'title'],
    ['a 5001-character description', { ...BASE, description: 'd'.repeat(5001) }, 'description'],
    ['a description that is a number', { ...BASE, description: 1 }, 'description'],
    ['21 tags', { ...BASE, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
    ['a 41-character tag', { ...BASE, tags: ['a'.repeat(41)] }, 'tags.0'],
    ['a tag with markup', { ...BASE, tags: ['<b>'] }, 'tags.0'],
    ['a tag with markup inside', { ...BASE, tags: ['bold<b>x</b>'] }, 'tags.0'],
    ['a tag with a slash', { ...BASE, tags: ['ok', 'a/b'] }, 'tags.1'],
    ['a whitespace-only tag', { ...BASE, tags: ['   '] }, 'tags.0'],
    ['an empty tag', { ...BASE, tags: [''] }, 'tags.0'],
    ['a tag starting with "-"', { ...BASE, tags: ['-x'] }, 'tags.0'],
    ['a tag starting with "."', { ...BASE, tags: ['.hidden'] }, 'tags.0'],
    ['a tag with a newline', { ...BASE, tags: ['a\nb'] }, 'tags.0'],
    ['a tag with a quote', { ...BASE, tags: ['a"b'] }, 'tags.0'],
    ['a tag with an emoji', { ...BASE, tags: ['🌱'] }, 'tags.0'],
    ['tags as a string', { ...BASE, tags: 'garden' }, 'tags'],
    ['a tag that is a number', { ...BASE, tags: [7] }, 'tags.0'],
    ['an unknown extra field', { ...BASE, owner: 'someone-else' }, ''],
    ['an id supplied by the caller', { ...BASE, id: 'r1' }, ''],
    ['an array', [BASE], ''],
    ['null', null, ''],
  ])('%s', (_name, input, path) => {
    const result = ResourceInputSchema.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path)
  })

  it('an unknown kind, with a message that lists the kinds', () => {
    const result = ResourceInputSchema.safeParse({ ...BASE, kind: 'loan' })
    const message = result.error?.issues[0]?.message ?? ''
    for (const kind of RESOURCE_KINDS) expect(message).toContain(kind)
  })

  it('an unknown extra field, naming it', () => {
    const result = ResourceInputSchema.safeParse({ ...BASE, owner: 'someone-else' })
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['owner'] })])
  })
})
