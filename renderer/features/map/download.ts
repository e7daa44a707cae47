/**
 * Saving texts the peer answered as files, made in the browser (no file is written on the peer's
 * machine). Each file is named after the space and the day, so exports of several spaces or
 * days do not overwrite one another in the downloads folder. One click saves one file: a page
 * that clicks two downloads in a row may have the second held by the browser.
 */
import type { MapExportFile } from '../../../shared/api/map-api.ts'

/** A space's name as a file name's start: lower case, letters and digits, dashes between. */
function slug(name: string): string {
  const s = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '')
  return s || 'space'
}

/** `food-network-map-2026-05-12-elements.csv` for the peer's `map-elements.csv` of "Food network" on that day. */
export function exportName(spaceName: string, day: Date, peerName: string): string {
  const dot = peerName.lastIndexOf('.')
  const ext = dot > 0 ? peerName.slice(dot) : ''
  const what = (dot > 0 ? peerName.slice(0, dot) : peerName).replace(/^map-?/, '')
  const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
  return `${slug(spaceName)}-map-${date}${what ? `-${what}` : ''}${ext}`
}

/** Saves one file (a click on a link made for it); false when the peer sent no text for it. */
export function saveFile(f: MapExportFile): boolean {
  if (typeof f.text !== 'string') return false
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
  return true
}
