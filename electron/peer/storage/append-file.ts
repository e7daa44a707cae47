/** Append-only, line-oriented files written durably: the audit log and the consent log. */
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import { fsyncDir } from './durable-file.ts'
import { dataFileError } from './data-file.ts'

/**
 * A file opened for appending whole lines durably, mode 0600. It knows its size (for
 * rotation, and to undo a failed append) and whether it ends mid-line, torn by a crash: then
 * the next append starts with a newline, so the torn bytes stay a line of their own that
 * readers skip.
 */
export class AppendFile {
  readonly #fh: FileHandle
  #size: number
  #tornTail: boolean

  private constructor(fh: FileHandle, size: number, tornTail: boolean) {
    this.#fh = fh
    this.#size = size
    this.#tornTail = tornTail
  }

  /**
   * Opens `path` for appending, creating it (and its directory) if missing. A file that cannot
   * be opened is an error naming it; `ifMoved` says what happens if the user moves it away.
   */
  static async open(path: string, ifMoved = 'a new, empty one will be made'): Promise<AppendFile> {
    const dir = dirname(path)
    const created = await mkdir(dir, { recursive: true, mode: 0o700 })
    if (created !== undefined) await fsyncDir(dirname(created))
    const fh = await open(path, 'a+', 0o600).catch((err: unknown) => { throw dataFileError(path, err, ifMoved) })
    try {
      // The mode given to open applies only to a new file; an old one is made private too.
      if (process.platform !== 'win32') await fh.chmod(0o600)
      const { size } = await fh.stat()
      let tornTail = false
      if (size > 0) {
        const { buffer } = await fh.read(Buffer.alloc(1), 0, 1, size - 1)
        tornTail = buffer[0] !== 0x0a
      }
      // A new file's directory entry must be durable before anything in it is acknowledged.
      if (size === 0) await fsyncDir(dir)
      return new AppendFile(fh, size, tornTail)
    } catch (err) {
      await fh.close().catch(() => {})
      throw err
    }
  }

  /** Bytes in the file: complete lines, plus a torn tail if it has one. */
  get size(): number {
    return this.#size
  }

  /** Appends `data` (whole lines) and fdatasyncs. On failure the file is cut back to what it was, so a retry writes no line twice. */
  async append(data: Uint8Array): Promise<void> {
    const before = this.#size
    const bytes = this.#tornTail ? Buffer.concat([Buffer.from('\n'), data]) : data
    try {
      await this.#fh.appendFile(bytes)
      await this.#fh.datasync()
    } catch (err) {
      await this.#fh.truncate(before).catch(() => {
        this.#tornTail = true
      })
      throw err
    }
    this.#size = before + bytes.length
    this.#tornTail = false
  }

  /** The whole file, read by position (appending moves the file offset). */
  async readAll(): Promise<Buffer> {
    const buf = Buffer.alloc(this.#size)
    let done = 0
    while (done < buf.length) {
      const { bytesRead } = await this.#fh.read(buf, done, buf.length - done, done)
      if (bytesRead === 0) break
      done += bytesRead
    }
    return buf.subarray(0, done)
  }

  close(): Promise<void> {
    return this.#fh.close()
  }
}

/** Opens a file for reading with its size (or the given size), or null if it does not exist. */
export async function openToRead(path: string, size?: number): Promise<{ fh: FileHandle; size: number } | null> {
  try {
    const fh = await open(path, 'r')
    return { fh, size: size ?? (await fh.stat()).size }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/** Calls `onLine` for each line in the first `size` bytes of `fh`, without loading the whole file. */
export async function forEachLine(fh: FileHandle, size: number, onLine: (line: string) => void): Promise<void> {
  if (size === 0) return
  const input = fh.createReadStream({ start: 0, end: size - 1, autoClose: false })
  for await (const line of createInterface({ input, crlfDelay: Infinity })) onLine(line)
}
