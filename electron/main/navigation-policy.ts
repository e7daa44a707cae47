/**
 * What the page may open or ask for: next to nothing. The app is one page; it never navigates, never
 * opens a window, never embeds a webview and needs no permission (camera, notifications,
 * geolocation…). A link to a web page (http/https only) opens in the user's browser, never in
 * the app. Each decision is a pure function; lock-down.ts wires them to Electron.
 */
import { APP_ORIGIN } from './app-protocol.ts'

/** will-navigate / will-redirect / will-frame-navigate: always refused (the app is a single page). */
export function allowNavigation(_url: string): false {
  return false
}

/** setWindowOpenHandler: never a new window; a web link goes to the default browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: isWebLink(url) ? url : null }
}

/**
 * Permission requests and permission checks: all refused but one — writing text to the
 * clipboard, asked by the app's own page (its Copy buttons: invite and grant codes, your key).
 * Reading the clipboard stays refused.
 */
export function allowPermission(permission: string, requestingUrl = ''): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl)
}

/** The app's own page (a custom scheme has no URL origin, so the text is compared). */
function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`)
}

/** will-attach-webview: refused (webviewTag is off too). */
export function allowWebview(): false {
  return false
}

/** Only plain http(s) links with a host, without credentials, are handed to the OS browser. */
export function isWebLink(url: string): boolean {
  try {
    const u = new URL(url)
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === ''
  } catch {
    return false
  }
}
