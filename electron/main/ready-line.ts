/** The one JSON line `commonweave start` prints when it is ready; validated before use. */
export interface ReadyLine { event: 'ready'; did: string; peerId: string; addrs: string[]; api: string; ui?: string }

export function parseReadyLine(line: string): ReadyLine {
  const v = JSON.parse(line) as Partial<ReadyLine>
  if (v.event !== 'ready' || typeof v.api !== 'string' || !/^http:\/\/127\.0\.0\.1:\d+$/.test(v.api)) {
    throw new Error(`unexpected first line from the peer: ${line.slice(0, 200)}`)
  }
  if (v.ui !== undefined && !v.ui.startsWith(`${v.api}/`)) throw new Error('the peer offered a UI on another origin')
  return v as ReadyLine
}
