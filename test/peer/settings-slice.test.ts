/**
 * The settings slice without a browser: an export shows the peer's progress for its own run
 * only and ends with words for the user; a failure is told in words; the default export path
 * sits beside the data directory, named by space and day.
 */
import { describe, expect, it } from 'vitest'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import type { ExportResult } from '../../shared/api/backup-api.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { Notice } from '../../renderer/store/app-state.ts'
import { createAppStore } from '../../renderer/store/store.ts'
import { defaultExportPath } from '../../renderer/features/settings/export-path.ts'

const SPACE = 'space-a' as SpaceId
const OTHER = 'space-b' as SpaceId

function storeWith(api: Partial<PeerApi>) {
  const notices: Notice[] = []
  const store = createAppStore({ api: api as PeerApi, notify: (n) => notices.push(n) })
  return { store, notices }
}

describe('settings slice: backups', () => {
  it('an export follows the progress of its own run, then says where the file went', async () => {
    let finish!: (r: ExportResult) => void
    const { store, notices } = storeWith({ exportSpace: () => new Promise<ExportResult>((res) => { finish = res }) })
    const s = () => store.getState().settings
    const done = s().exportSpace(SPACE, '/backups/tools.cwexport', false)
    expect(s().busy).toBe('export')
    expect(s().backup).toEqual({ op: 'export', spaceId: SPACE, done: 0, total: 0 })
    s().backupProgress({ spaceId: SPACE, op: 'export', done: 3, total: 10 })
    expect(s().backup).toMatchObject({ done: 3, total: 10 })
    // another space's export, or an import, is not this run
    s().backupProgress({ spaceId: OTHER, op: 'export', done: 9, total: 9 })
    s().backupProgress({ spaceId: SPACE, op: 'import', done: 9, total: 9 })
    expect(s().backup).toMatchObject({ done: 3, total: 10 })
    finish({ file: '/backups/tools.cwexport', spaceId: SPACE, name: 'Tools', documents: 10, items: 42, bytes: 1000 })
    expect(await done).toMatchObject({ items: 42 })
    expect(s().busy).toBeNull()
    expect(s().backup).toBeNull()
    expect(notices).toEqual([{ kind: 'done', message: '“Tools” was saved to /backups/tools.cwexport: 42 items in 10 documents.' }])
  })

  it('progress with no run under way changes nothing', () => {
    const { store } = storeWith({})
    store.getState().settings.backupProgress({ spaceId: SPACE, op: 'export', done: 1, total: 2 })
    expect(store.getState().settings.backup).toBeNull()
  })

  it('a failed export is told in words, and the view is free again', async () => {
    const { store, notices } = storeWith({
      exportSpace: async () => { throw new CommonweaveError(ErrorCode.ValidationFailed, '/backups/tools.cwexport already exists.') },
    })
    expect(await store.getState().settings.exportSpace(SPACE, '/backups/tools.cwexport', false)).toBeNull()
    expect(notices).toEqual([{ kind: 'error', title: 'The export failed', message: '/backups/tools.cwexport already exists.' }])
    expect(store.getState().settings.busy).toBeNull()
  })
})

describe('the default export path', () => {
  const day = new Date(2026, 0, 31)
  it('beside the data directory, named by space and day', () => {
    expect(defaultExportPath('/home/ana/.local/share/commonweave', 'Tool Library', day)).toBe('/home/ana/.local/share/commonweave-exports/tool-library-2026-01-31.cwexport')
    expect(defaultExportPath('/home/ana/.local/share/commonweave/', 'Tool Library', day)).toBe('/home/ana/.local/share/commonweave-exports/tool-library-2026-01-31.cwexport')
  })
  it('with Windows separators on Windows, and a plain name for any space name', () => {
    expect(defaultExportPath('C:\\Users\\Ana\\AppData\\Roaming\\Commonweave', 'Café & Co-op!', day)).toBe('C:\\Users\\Ana\\AppData\\Roaming\\commonweave-exports\\cafe-co-op-2026-01-31.cwexport')
    expect(defaultExportPath('/data', '🌱🌱', day)).toBe('/commonweave-exports/space-2026-01-31.cwexport')
  })
})
