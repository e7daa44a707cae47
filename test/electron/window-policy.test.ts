/**
 * The window's security settings and its Content-Security-Policy, checked as values: these
 * are what keep a page that renders other peers' text from reaching Node or the network.
 */
import { describe, expect, it } from 'vitest'
import { windowOptions, WINDOW_TITLE } from '../../electron/main/window-options.ts'
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../electron/main/csp.ts'

function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/)
    expect(directives.has(name!), `directive ${name} given twice`).toBe(false)
    directives.set(name!, sources)
  }
  return directives
}

describe('window options', () => {
  const opts = windowOptions('/app/preload.cjs')
  it('isolates the page from Node and Electron, in the sandbox, with web security on', () => {
    expect(opts.webPreferences).toMatchObject({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true,
      allowRunningInsecureContent: false, webviewTag: false, experimentalFeatures: false,
    })
  })
  it('is titled Commonweave', () => {
    expect(opts.title).toBe('Commonweave')
    expect(WINDOW_TITLE).toBe('Commonweave')
  })
})

describe('Content-Security-Policy', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY)
  it('runs only the app\'s own scripts: no eval, no inline script', () => {
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    for (const [name, sources] of csp) {
      expect(sources, name).not.toContain("'unsafe-eval'")
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'")
      expect(sources, name).not.toContain('*')
    }
  })
  it('allows no plugins, no base URL, no framing, and talks to no other origin', () => {
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
  })
  it('is sent with every app:// response', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff')
  })
})
