/** The app:// origin serves the built UI's files and nothing outside them; the shell finds its parts; its flags parse. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_INDEX_URL, contentTypeOf, isAppUrl, resolveAppFile } from '../../electron/main/app-protocol.ts'
import { parseShellArgs } from '../../electron/main/shell-args.ts'
import { shellPaths } from '../../electron/main/shell-paths.ts'

const root = join('/opt', 'cw', 'renderer')

describe('app:// files', () => {
  it('maps the app\'s URLs to files of the built UI', () => {
    expect(APP_INDEX_URL).toBe('app://commonweave/index.html')
    expect(isAppUrl(APP_INDEX_URL)).toBe(true)
    expect(resolveAppFile(root, 'app://commonweave/')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://commonweave/assets/index-abc.js?x=1#y')).toBe(join(root, 'assets', 'index-abc.js'))
    expect(resolveAppFile(root, 'app://commonweave/a%20b.css')).toBe(join(root, 'a b.css'))
  })
  it('never leaves the folder', () => {
    // The URL parser folds plain dot segments back into the folder; encoded ones are caught here.
    expect(resolveAppFile(root, 'app://commonweave/../secret')).toBe(join(root, 'secret'))
    expect(resolveAppFile(root, 'app://commonweave/%2e%2e/secret')).toBe(join(root, 'secret'))
    for (const url of ['app://commonweave/..%2fsecret', 'app://commonweave/assets/..%2F..%2Fsecret', 'app://commonweave/%5c..%5csecret',
      'app://commonweave/a%00.js', 'app://commonweave/%E0%A4%A']) {
      expect(resolveAppFile(root, url), url).toBeNull()
    }
  })
  it('serves no other origin', () => {
    for (const url of ['app://other/index.html', 'app://commonweave:99/index.html', 'file:///etc/passwd', 'https://commonweave/index.html', 'app:index.html']) {
      expect(resolveAppFile(root, url), url).toBeNull()
    }
  })
  it('names the content type of each kind of file', () => {
    expect(contentTypeOf('x/index.html')).toMatch(/^text\/html/)
    expect(contentTypeOf('x/a.js')).toMatch(/^text\/javascript/)
    expect(contentTypeOf('x/a.wasm')).toBe('application/wasm')
    expect(contentTypeOf('x/a.unknown')).toBe('application/octet-stream')
  })
})

describe('shell paths and flags', () => {
  it('runs from source with the built preload and UI, and from dist with everything beside it', () => {
    expect(shellPaths('/r/electron/main/main.ts')).toEqual({
      preload: '/r/dist/electron/preload.cjs', peerHost: '/r/electron/peer-host/peer-host.ts', renderer: '/r/dist/renderer',
    })
    expect(shellPaths('/r/dist/electron/main.js')).toEqual({
      preload: '/r/dist/electron/preload.cjs', peerHost: '/r/dist/electron/peer-host.js', renderer: '/r/dist/renderer',
    })
  })
  it('reads its own flags and ignores Chromium\'s', () => {
    expect(parseShellArgs(['/r/dist/electron/main.js', '--no-sandbox', '--enable-logging', '--data', '/d', '--no-mdns',
      '--listen', '/ip4/127.0.0.1/tcp/0', '--listen', '/ip4/127.0.0.1/tcp/0/ws', '--allow-unprotected-key']))
      .toEqual({ dataDir: '/d', net: { listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'], mdns: false }, allowUnprotectedKey: true })
    expect(parseShellArgs(['main.js'])).toEqual({ dataDir: undefined, net: {}, allowUnprotectedKey: false })
  })
})
