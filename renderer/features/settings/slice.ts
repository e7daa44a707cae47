/** This device's preferences (theme), and the peer's own settings (name). */
import type { SliceCreator } from '../../store/app-state.ts'

export type ThemeChoice = 'auto' | 'light' | 'dark'
const THEME_KEY = 'commonweave.theme'

export interface SettingsSlice {
  theme: ThemeChoice
  setTheme(theme: ThemeChoice): void
}

export const createSettingsSlice: SliceCreator<'settings'> = (_deps, _get, patch) => {
  let theme: ThemeChoice = 'auto'
  try {
    const saved = localStorage.getItem(THEME_KEY)
    if (saved === 'light' || saved === 'dark') theme = saved
  } catch {
    // no storage: follow the system
  }
  return {
    theme,
    setTheme: (next) => {
      patch({ theme: next })
      try {
        localStorage.setItem(THEME_KEY, next)
      } catch {
        // the choice lasts for this page only
      }
    },
  }
}
