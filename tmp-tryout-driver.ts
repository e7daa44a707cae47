import { chromium } from 'playwright-core'
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
const T = '/tmp/tryout12'
const url = (n: string) => {
  const lines = readFileSync(`${T}/${n}.out`, 'utf8').split('\n').filter(Boolean)
  const ready = JSON.parse(lines[0])
  const token = readFileSync(`${T}/${n}/api-token`, 'utf8').trim()
  return `${ready.ui}#token=${token}`
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
const g: any = { browser, url, T }
for (const n of ['ana', 'ben']) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } })
  const p = await ctx.newPage()
  const logs: string[] = []
  p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') logs.push(`[${m.type()}] ${m.text()}`) })
  p.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`))
  await p.goto(url(n))
  g[n] = p; g[n + 'Logs'] = logs
}
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor
createServer((req, res) => {
  let body = ''
  req.on('data', (d) => (body += d)).on('end', async () => {
    try {
      const fn = new AsyncFunction('g', `with (g) { ${body} }`)
      const out = await fn(g)
      res.end(typeof out === 'string' ? out : JSON.stringify(out, null, 1) ?? 'undefined')
    } catch (e: any) { res.end('ERROR: ' + (e?.stack ?? e)) }
  })
}).listen(47999, '127.0.0.1', () => console.log('driver ready'))
