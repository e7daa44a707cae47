/**
 * Navigation, new windows, webviews and permissions: all refused (but the app's own clipboard writes). Driven through lock-down.ts
 * with fakes of the webContents and session, so what is checked is what Electron would call.
 */
import { describe, expect, it } from 'vitest'
import { lockDownContents, lockDownSession, type LockableContents, type LockableSession } from '../../electron/main/lock-down.ts'
import { isWebLink, windowOpenDecision } from '../../electron/main/navigation-policy.ts'

type Listener = (event: { preventDefault(): void }, url?: string) => void

function fakeContents() {
  const listeners = new Map<string, Listener>()
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null
  const contents: LockableContents = {
    on: (event: string, listener: Listener) => listeners.set(event, listener),
    setWindowOpenHandler: (h) => { openHandler = h },
  } as LockableContents
  const fire = (event: string, url?: string): boolean => {
    let prevented = false
    listeners.get(event)!({ preventDefault: () => { prevented = true } }, url)
    return prevented
  }
  return { contents, fire, open: (url: string) => openHandler!({ url }) }
}

describe('navigation and new windows', () => {
  const opened: string[] = []
  const { contents, fire, open } = fakeContents()
  lockDownContents(contents, { openExternal: async (url) => { opened.push(url) } })

  it('refuses every navigation and redirect, even to the app\'s own origin', () => {
    for (const url of ['https://example.org/', 'app://commonweave/index.html', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(fire('will-navigate', url), url).toBe(true)
      expect(fire('will-redirect', url), url).toBe(true)
    }
  })

  it('refuses to attach a webview', () => {
    expect(fire('will-attach-webview')).toBe(true)
  })

  it('opens no window; a web link goes to the browser, anything else nowhere', () => {
    opened.length = 0
    for (const url of ['https://example.org/a', 'http://example.org/b', 'file:///etc/passwd', 'app://commonweave/x',
      'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.org/', 'not a url']) {
      expect(open(url), url).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://example.org/a', 'http://example.org/b'])
  })

  it('decides as a pure function too', () => {
    expect(windowOpenDecision('https://example.org')).toEqual({ action: 'deny', openExternally: 'https://example.org' })
    expect(windowOpenDecision('file:///x')).toEqual({ action: 'deny', openExternally: null })
    expect(isWebLink('https://')).toBe(false)
    expect(isWebLink('mailto:a@example.org')).toBe(false)
  })
})

describe('permissions', () => {
  it('refuses every permission request and every permission check', () => {
    let request: Parameters<LockableSession['setPermissionRequestHandler']>[0] | null = null
    let check: Parameters<LockableSession['setPermissionCheckHandler']>[0] | null = null
    lockDownSession({ setPermissionRequestHandler: (h) => { request = h }, setPermissionCheckHandler: (h) => { check = h } })
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb']) {
      const answers: boolean[] = []
      request!({}, permission, (granted) => answers.push(granted))
      expect(answers, permission).toEqual([false])
      expect(check!({}, permission), permission).toBe(false)
      // from another origin too, even where the app's own page would be allowed
      const elsewhere: boolean[] = []
      request!({}, permission, (granted) => elsewhere.push(granted), { requestingUrl: 'https://example.org/' })
      expect(elsewhere, permission).toEqual([false])
    }
  })

  it('lets the app’s own page write to the clipboard (its Copy buttons), and nothing else', () => {
    let request: Parameters<LockableSession['setPermissionRequestHandler']>[0] | null = null
    let check: Parameters<LockableSession['setPermissionCheckHandler']>[0] | null = null
    lockDownSession({ setPermissionRequestHandler: (h) => { request = h }, setPermissionCheckHandler: (h) => { check = h } })
    const answers: boolean[] = []
    request!({}, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'app://commonweave/index.html#/members' })
    request!({}, 'clipboard-read', (granted) => answers.push(granted), { requestingUrl: 'app://commonweave/index.html' })
    request!({}, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'app://commonweave.evil/index.html' })
    expect(answers).toEqual([true, false, false])
    expect(check!({}, 'clipboard-sanitized-write', 'app://commonweave')).toBe(true)
    expect(check!({}, 'clipboard-sanitized-write', 'https://commonweave')).toBe(false)
  })
})
