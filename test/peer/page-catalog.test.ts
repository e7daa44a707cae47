/**
 * The page catalog follows what a space lists: a page the space stops listing (a guest's last
 * page revoked) leaves it, and its listeners hear so; a load that ends after the space was left
 * brings nothing back; a page edited at every key is read at once, then together.
 */
import { describe, expect, it } from 'vitest'
import { Repo, type DocHandle } from '@automerge/automerge-repo'
import * as Automerge from '@automerge/automerge'
import { PageCatalog } from '../../electron/peer/domain/page-catalog.ts'
import { PAGE_DOC_TYPE, type PageDoc } from '../../shared/schemas/page.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { waitFor } from '../helpers/wait-for.ts'

const SPACE = 'space-1' as SpaceId
const silent = { debug() {}, info() {}, warn() {}, error() {}, child() { return silent } } as never

function setup() {
  const repo = new Repo({ network: [] })
  const at = '2026-11-30T07:00:00.000Z'
  const page = repo.create<PageDoc>({ schemaVersion: 1, type: PAGE_DOC_TYPE, space: SPACE, title: 'Rota', tags: [], text: 'Ana', createdAt: at, createdBy: 'did:key:z6Mkada', updatedAt: at })
  let listed: string[] = [page.documentId]
  let held = true
  const changes: string[][] = []
  const catalog = new PageCatalog({
    repo, log: silent, listed: () => listed, holds: () => held, lists: (_s, id) => listed.includes(id),
    onChange: (_s, ids) => changes.push(ids),
  })
  return { repo, page, catalog, changes, unlist: () => { listed = [] }, leave: () => { held = false } }
}

describe('the page catalog', () => {
  it('a page the space stops listing leaves it, even when it was the last one', async () => {
    const { page, catalog, changes, unlist } = setup()
    await catalog.open(SPACE)
    expect(catalog.entries(SPACE).map((p) => p.title)).toEqual(['Rota'])
    unlist()
    catalog.follow(SPACE)
    await waitFor('the page leaves', () => catalog.entries(SPACE).length === 0, 5_000)
    expect(changes.at(-1)).toEqual([page.documentId])
    catalog.stop()
  })

  it('a page adopted after the space was left is not followed', async () => {
    const { page, catalog, leave } = setup()
    await catalog.open(SPACE)
    catalog.forget(SPACE)
    leave()
    catalog.adopt(SPACE, page as DocHandle<PageDoc>)
    expect(catalog.entries(SPACE)).toEqual([])
    catalog.stop()
  })

  it('the first change is read at once, the ones right after it together', async () => {
    const { page, catalog, changes } = setup()
    await catalog.open(SPACE)
    const before = changes.length
    page.change((d) => Automerge.splice(d, ['text'], 3, 0, ' and Ben'))
    expect(catalog.entry(SPACE, page.documentId)?.text).toBe('Ana and Ben')
    for (const w of [' and Cy', ' and Di']) page.change((d) => Automerge.splice(d, ['text'], d.text.length, 0, w))
    expect(catalog.entry(SPACE, page.documentId)?.text).toBe('Ana and Ben')
    await waitFor('the later changes are read', () => catalog.entry(SPACE, page.documentId)?.text === 'Ana and Ben and Cy and Di', 5_000)
    expect(changes.length - before).toBe(2)
    catalog.stop()
  })
})
