/**
 * Wires navigation-policy.ts to Electron: every webContents ever created (the window, and any
 * other that might appear) gets the same refusals, and the session refuses every permission.
 * It takes only the narrow parts of Electron it uses, so tests can drive it with fakes.
 */
import { allowNavigation, allowPermission, allowWebview, windowOpenDecision } from './navigation-policy.ts'

interface PreventableEvent { preventDefault(): void }

export interface LockableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export interface LockableSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: { requestingUrl?: string }) => void): void
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin?: string) => boolean): void
}

export interface LockDownDeps {
  openExternal(url: string): Promise<void>
}

export function lockDownSession(session: LockableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowPermission(permission, details?.requestingUrl ?? '')))
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowPermission(permission, requestingOrigin ?? ''))
}

export function lockDownContents(contents: LockableContents, deps: LockDownDeps): void {
  const refuseNavigation = (event: PreventableEvent, url: string): void => {
    if (!allowNavigation(url)) event.preventDefault()
  }
  contents.on('will-navigate', refuseNavigation)
  contents.on('will-redirect', refuseNavigation)
  contents.on('will-attach-webview', (event) => {
    if (!allowWebview()) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url)
    if (decision.openExternally) deps.openExternal(decision.openExternally).catch(() => {})
    return { action: decision.action }
  })
}
