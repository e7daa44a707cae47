import { createPeer } from '../../electron/peer/create-peer.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DocumentId } from '@automerge/automerge-repo'
const N = Number(process.argv[2] ?? 1000)
const log = createLogger(LogLevel.Debug)
const a = await createPeer({ listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false }, { dataDir: mkdtempSync(join(tmpdir(), 'p-')), log: createLogger(LogLevel.Warn) })
const b = await createPeer({ listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false }, { dataDir: mkdtempSync(join(tmpdir(), 'p-')), log })
const space = await a.api.createSpace({ name: 'x' })
const ids: string[] = []
for (let i = 0; i < N; i++) { const h = a.repo.create<any>({ n: i, items: {} }); for (let c = 1; c < 10; c++) h.change((d: any) => { d.items['k' + c] = c }); ids.push(h.documentId) }
const auth = await a.repo.find<any>(space.spaceId as unknown as DocumentId)
auth.change((d: any) => { d.collections.bench = ids })
await a.repo.flush()
const { code } = await a.api.createInvite({ spaceId: space.spaceId })
const t = performance.now()
await b.api.joinSpace({ code })
console.log('join total', Math.round(performance.now() - t))
await a.stop(); await b.stop()
