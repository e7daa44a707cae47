/**
 * Where an export goes unless the user says otherwise: a folder beside the data directory
 * (not in it: a backup must outlive the directory it backs up), named by space and day.
 * The path is on the peer's machine, so it is built with the data directory's own separator.
 */
export function defaultExportPath(dataDir: string, spaceName: string, day: Date = new Date()): string {
  const sep = dataDir.includes('\\') && !dataDir.includes('/') ? '\\' : '/'
  const trimmed = dataDir.replace(/[\\/]+$/, '')
  const cut = trimmed.lastIndexOf(sep)
  const parent = cut >= 0 ? trimmed.slice(0, cut) : trimmed
  const slug = spaceName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'space'
  const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
  return `${parent}${sep}commonweave-exports${sep}${slug}-${date}.cwexport`
}
