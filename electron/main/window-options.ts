/**
 * The one window's options. The page is treated as if it could be compromised (it renders
 * what other peers wrote): it gets no Node, runs in Chromium's sandbox, in its own JavaScript
 * world apart from the preload, with web security on. What it can reach of the peer is only
 * the preload's `window.commonweave`, which main checks call by call.
 */
import type { BrowserWindowConstructorOptions } from 'electron'

export const WINDOW_TITLE = 'Commonweave'

/** `dark`: the OS prefers dark colours (nativeTheme.shouldUseDarkColors), so the first frame matches the page. */
export function windowOptions(preload: string, dark = false): BrowserWindowConstructorOptions {
  return {
    width: 1280, height: 800, minWidth: 720, minHeight: 480,
    title: WINDOW_TITLE,
    // Shown once the first paint is ready; the background matches Mantine's body in either scheme.
    show: false,
    backgroundColor: dark ? '#242424' : '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: true,
    },
  }
}
