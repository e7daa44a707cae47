/**
 * A folder of markdown files made into pages (a handbook kept as files, an Obsidian vault):
 * one page per `.md` file, found in the folder and its sub-folders (not hidden ones), titled by
 * its first `# ` heading or else its file name. All titles are made first, then the texts, so
 * `[[Other file]]` links between the imported files resolve to the new pages.
 *
 * Invariants:
 * - a file that cannot be a page (too large, unreadable, not UTF-8 text, a title a page has
 *   already) is skipped and reported with why; the others are imported;
 * - nothing outside the folder is read (symbolic links are not followed).
 */
import { open, readdir, realpath, stat } from 'node:fs/promises'
import { basename, extname, join, relative, sep } from 'node:path'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { ImportPagesResult } from '../../../shared/api/pages-api.ts'
import { MAX_PAGE_MARKDOWN, MAX_PAGE_TITLE, type ImportPagesInput } from '../../../shared/schemas/page.ts'
import { hasSteeringChar } from '../../../shared/schemas/text.ts'
import type { Pages } from './pages.ts'

const MAX_FILES = 2_000
const MAX_DEPTH = 6
/** Folder entries looked at in all: a folder such as / or a home is not walked whole. */
const MAX_ENTRIES = 50_000

export async function importPages(pages: Pages, spaceId: SpaceId, input: ImportPagesInput, dataDir: string): Promise<ImportPagesResult> {
  const { files, more } = await markdownFiles(input.dir, dataDir)
  const result: ImportPagesResult = { created: [], skipped: [] }
  if (more) result.skipped.push({ file: '…', reason: `the folder holds more than ${MAX_FILES.toLocaleString('en')} markdown files (or ${MAX_ENTRIES.toLocaleString('en')} entries): the rest were not read; import its sub-folders one by one` })
  const texts: Array<{ id: string; title: string; file: string; body: string }> = []
  for (const file of files) {
    const name = relative(input.dir, file)
    const read = await readPage(file)
    if (typeof read === 'string') {
      result.skipped.push({ file: name, reason: read })
      continue
    }
    try {
      const page = await pages.create(spaceId, { title: read.title, ...(input.tags ? { tags: input.tags } : {}) })
      texts.push({ id: page.id, title: page.title, file: name, body: read.body })
    } catch (err) {
      if (err instanceof CommonweaveError && err.code === ErrorCode.ValidationFailed) result.skipped.push({ file: name, reason: err.message })
      else throw err
    }
  }
  // Every title exists now: links between the files resolve. A text that cannot be written
  // leaves its page made but empty, and says so (a second import would skip the file).
  for (const t of texts) {
    try {
      if (t.body.trim() !== '') await pages.edit(spaceId, t.id, { markdown: t.body })
      result.created.push({ id: t.id, title: t.title, file: t.file })
    } catch (err) {
      result.skipped.push({ file: t.file, reason: `its page "${t.title}" was made, but its text could not be written (${err instanceof Error ? err.message : String(err)}): edit the page with the file` })
    }
  }
  return result
}

/** The `.md` files under `dir`, in name order; never inside the peer's data directory, never through a symbolic link. */
async function markdownFiles(dir: string, dataDir: string): Promise<{ files: string[]; more: boolean }> {
  let real: string
  try {
    real = await realpath(dir)
    if (!(await stat(real)).isDirectory()) throw new CommonweaveError(ErrorCode.ValidationFailed, `${dir} is a file, not a folder: give the folder holding the markdown files.`)
  } catch (err) {
    if (err instanceof CommonweaveError) throw err
    const code = (err as NodeJS.ErrnoException).code
    throw new CommonweaveError(ErrorCode.ValidationFailed, code === 'ENOENT' ? `There is no folder ${dir}.` : `The folder ${dir} cannot be read by the peer (${code ?? String(err)}).`)
  }
  const data = await realpath(dataDir).catch(() => dataDir)
  if (real === data || real.startsWith(data + sep)) throw new CommonweaveError(ErrorCode.Forbidden, 'That folder is the peer\'s own data directory: choose the folder holding your markdown files.')
  const out: string[] = []
  let seen = 0
  let more = false
  const walk = async (at: string, depth: number): Promise<void> => {
    const entries = (await readdir(at, { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name))
    for (const e of entries) {
      if (e.name.startsWith('.')) continue
      if (out.length >= MAX_FILES || ++seen > MAX_ENTRIES) { more = true; return }
      const path = join(at, e.name)
      // Symbolic links are not followed (isDirectory and isFile are false for them); the data directory is passed by.
      if (e.isDirectory() && depth < MAX_DEPTH && path !== data) await walk(path, depth + 1)
      else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(path)
    }
  }
  await walk(real, 0)
  if (out.length === 0) throw new CommonweaveError(ErrorCode.ValidationFailed, `No markdown files (.md) in ${dir}.`)
  return { files: out, more }
}

/** A file's title and body, or why it cannot be a page. */
async function readPage(file: string): Promise<{ title: string; body: string } | string> {
  let bytes: Buffer
  try {
    // Read no more than a page can hold, and one byte to tell a larger file: a huge file is never loaded whole.
    const handle = await open(file, 'r')
    try {
      const buf = Buffer.alloc(MAX_PAGE_MARKDOWN + 1)
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0)
      bytes = buf.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  } catch (err) {
    return `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`
  }
  if (bytes.length > MAX_PAGE_MARKDOWN) return `larger than ${MAX_PAGE_MARKDOWN.toLocaleString('en')} bytes`
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return 'not UTF-8 text'
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const heading = /^# +(.+?) *#* *$/m.exec(text.slice(0, 2_000))
  const fromHeading = heading && text.slice(0, heading.index).trim() === '' ? heading[1]!.trim() : null
  const title = (fromHeading ?? basename(file, extname(file))).replace(/\s+/g, ' ').slice(0, MAX_PAGE_TITLE).trim()
  if (title === '' || hasSteeringChar(title)) return 'no usable title (its first heading or file name)'
  const body = fromHeading !== null && heading ? text.slice(heading.index + heading[0].length).replace(/^\n+/, '') : text
  return { title, body }
}
