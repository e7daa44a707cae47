/**
 * This device's preferences (theme), and the peer's own settings: its name, grants received
 * as a code, and backups of a space to a file and back (with the progress the peer reports).
 */
import type { PeerEvents, SpaceSummary } from '../../../shared/api/peer-api.ts'
import type { ExportResult, ImportResult } from '../../../shared/api/backup-api.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { words } from '../../store/loadable.ts'

export type ThemeChoice = 'auto' | 'light' | 'dark'
const THEME_KEY = 'commonweave.theme'

/** An export or import under way: documents done of total (total 0 until the peer first reports). */
export interface BackupRun { op: 'export' | 'import'; spaceId: SpaceId | null; done: number; total: number }

export type SettingsTask = 'rename' | 'accept' | 'export' | 'import'

export interface SettingsSlice {
  theme: ThemeChoice
  /** What this view is waiting for from the peer, or null. */
  busy: SettingsTask | null
  backup: BackupRun | null
  setTheme(theme: ThemeChoice): void
  /** Each resolves true (or the result) when it worked; the user is told either way. */
  rename(name: string): Promise<boolean>
  acceptGrant(code: string): Promise<SpaceSummary | null>
  exportSpace(spaceId: SpaceId, file: string, overwrite: boolean): Promise<ExportResult | null>
  importSpace(file: string): Promise<ImportResult | null>
  /** Fed by the peer's `backup:progress` events (app/feeds.ts). */
  backupProgress(p: PeerEvents['backup:progress']): void
}

export const createSettingsSlice: SliceCreator<'settings'> = ({ api, notify }, get, patch) => {
  let theme: ThemeChoice = 'auto'
  try {
    const saved = localStorage.getItem(THEME_KEY)
    if (saved === 'light' || saved === 'dark') theme = saved
  } catch {
    // no storage: follow the system
  }
  /** Runs one task: marks it busy, tells the user how it went, and never throws. */
  const task = async <T>(kind: SettingsTask, failed: string, run: () => Promise<T>, done: (r: T) => string): Promise<T | null> => {
    patch({ busy: kind })
    try {
      const result = await run()
      notify({ kind: 'done', message: done(result) })
      return result
    } catch (err) {
      notify({ kind: 'error', title: failed, message: words(err) })
      return null
    } finally {
      patch({ busy: null, backup: null })
    }
  }
  return {
    theme,
    busy: null,
    backup: null,
    setTheme: (next) => {
      patch({ theme: next })
      try {
        localStorage.setItem(THEME_KEY, next)
      } catch {
        // the choice lasts for this page only
      }
    },
    rename: async (name) => (await task('rename', 'Your name was not changed', async () => {
      const r = await api.rename({ name })
      await get().connection.refresh().catch(() => {})
      return r
    }, (r) => r.spaces > 0
      ? `You are now “${r.name}” in ${r.spaces === 1 ? 'your space' : `all ${r.spaces} of your spaces`}.`
      : `You are now “${r.name}”. Spaces you create or join will show this name.`)) !== null,
    acceptGrant: (code) => task('accept', 'The grant was not accepted', async () => {
      const s = await api.acceptGrant({ code })
      await get().spaces.refresh()
      get().spaces.select(s.spaceId)
      return s
    }, (s) => `You can now open “${s.name}” as a guest: it is in the space switcher.`),
    exportSpace: (spaceId, file, overwrite) => {
      patch({ backup: { op: 'export', spaceId, done: 0, total: 0 } })
      return task('export', 'The export failed', () => api.exportSpace({ spaceId, file, overwrite }),
        (r) => `“${r.name}” was saved to ${r.file}: ${r.items} item${r.items === 1 ? '' : 's'} in ${r.documents} document${r.documents === 1 ? '' : 's'}.`)
    },
    importSpace: (file) => {
      patch({ backup: { op: 'import', spaceId: null, done: 0, total: 0 } })
      return task('import', 'The import failed', async () => {
        const r = await api.importSpace({ file })
        await get().spaces.refresh()
        return r
      }, (r) => r.member
        ? `“${r.name}” was restored: ${r.documents} document${r.documents === 1 ? '' : 's'}${r.merged ? `, ${r.merged} merged into what was here` : ''}.`
        : `“${r.name}” was imported as a local copy: you hold no grant in it, so it stays on this machine.`)
    },
    backupProgress: (p) => {
      const run = get().settings.backup
      // Only the run this page started: another tool's export shows in its own place.
      if (!run || run.op !== p.op || (run.spaceId !== null && run.spaceId !== p.spaceId)) return
      patch({ backup: { ...run, spaceId: p.spaceId, done: p.done, total: p.total } })
    },
  }
}
