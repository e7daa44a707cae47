/** Saves texts the peer answered as files, made in the browser (no file is written on the peer's machine). */
import type { MapExportFile } from '../../../shared/api/map-api.ts'

export function download(files: readonly MapExportFile[]): number {
  let saved = 0
  for (const f of files) {
    if (typeof f.text !== 'string') continue
    const url = URL.createObjectURL(new Blob([f.text], { type: f.mediaType || 'text/plain' }))
    const a = document.createElement('a')
    a.href = url
    a.download = f.name
    a.rel = 'noopener'
    document.body.append(a)
    a.click()
    a.remove()
    // The download has its copy once the click is handled.
    setTimeout(() => URL.revokeObjectURL(url), 0)
    saved++
  }
  return saved
}
