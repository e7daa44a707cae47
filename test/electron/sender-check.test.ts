/** Only our window's main frame, showing the app's own page, may call the peer over IPC. */
import { describe, expect, it } from 'vitest'
import { isTrustedSender, type SenderFacts } from '../../electron/main/sender-check.ts'
import { answerCall, senderFacts } from '../../electron/main/ipc-handlers.ts'

const ours = { contentsId: 7 }
const good: SenderFacts = { contentsId: 7, destroyed: false, frame: { url: 'app://commonweave/index.html', isMainFrame: true } }

describe('IPC sender check', () => {
  it('allows our window\'s main frame at our URL', () => {
    expect(isTrustedSender(good, ours)).toBe(true)
    expect(isTrustedSender({ ...good, frame: { url: 'app://commonweave/', isMainFrame: true } }, ours)).toBe(true)
  })
  it('denies a subframe, even of our origin', () => {
    expect(isTrustedSender({ ...good, frame: { url: 'app://commonweave/index.html', isMainFrame: false } }, ours)).toBe(false)
  })
  it('denies another origin in our window', () => {
    for (const url of ['https://evil.example/', 'file:///work/dist/renderer/index.html', 'app://other/index.html',
      'app://commonweave.evil/index.html', 'app://user@commonweave/index.html', 'app://commonweave:8080/x', 'http://127.0.0.1:5173/', 'about:blank', 'devtools://devtools/x', '']) {
      expect(isTrustedSender({ ...good, frame: { url, isMainFrame: true } }, ours), url).toBe(false)
    }
  })
  it('denies another webContents, a destroyed one, a frame that is gone, and any sender while there is no window', () => {
    expect(isTrustedSender({ ...good, contentsId: 8 }, ours)).toBe(false)
    expect(isTrustedSender({ ...good, destroyed: true }, ours)).toBe(false)
    expect(isTrustedSender({ ...good, contentsId: null }, ours)).toBe(false)
    expect(isTrustedSender({ ...good, frame: null }, ours)).toBe(false)
    expect(isTrustedSender(good, { contentsId: null })).toBe(false)
  })

  it('reads the facts off an Electron event, a gone frame as none', () => {
    const mainFrame = { url: 'app://commonweave/index.html', parent: null, detached: false, isDestroyed: () => false }
    const sender = { id: 7, isDestroyed: () => false, mainFrame }
    type Ev = Parameters<typeof senderFacts>[0]
    expect(senderFacts({ sender, senderFrame: mainFrame } as unknown as Ev)).toEqual(good)
    const sub = { ...mainFrame, parent: mainFrame }
    expect(senderFacts({ sender, senderFrame: sub } as unknown as Ev).frame?.isMainFrame).toBe(false)
    expect(senderFacts({ sender, senderFrame: null } as unknown as Ev).frame).toBeNull()
    expect(senderFacts({ sender, senderFrame: { ...mainFrame, isDestroyed: () => true } } as unknown as Ev).frame).toBeNull()
    expect(senderFacts({ sender: { ...sender, isDestroyed: () => true }, senderFrame: mainFrame } as unknown as Ev))
      .toMatchObject({ destroyed: true, contentsId: null })
  })

  it('answers a denied sender with FORBIDDEN data and never reaches the peer', async () => {
    let called = 0
    const peer = { call: async () => { called++; return { ok: true as const, value: 1 } } }
    const denied = await answerCall({ ...good, frame: { url: 'https://evil.example/', isMainFrame: true } }, ours, 'status', undefined, peer, '/data')
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(called).toBe(0)
    expect(await answerCall(good, ours, 'status', undefined, peer, '/data')).toEqual({ ok: true, value: 1 })
    expect(called).toBe(1)
    // a file in the data directory is refused before the peer is asked
    expect(await answerCall(good, ours, 'exportSpace', { spaceId: 'Garden', file: '/data/x.cwexport', overwrite: true }, peer, '/data'))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(called).toBe(1)
  })
})
