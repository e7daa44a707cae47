/**
 * A file system for the store (FsOps) that does every call for real, in a real directory, and
 * logs each change it makes to the disk, in the order they completed: directories made, files
 * created and written (bytes and offset), fsyncs of files and of directories, renames, unlinks.
 * materialise.ts turns the log into the states a power cut could leave.
 *
 * An fsync is logged when it completes, but covers only what was done before it was issued
 * (`upTo`): a rename that lands while a directory's fsync is under way is not counted as made
 * durable by it.
 */
import * as fsp from 'node:fs/promises'
import { setTimeout } from 'node:timers/promises'
import path from 'node:path'
import type { FsHandle, FsOps } from '../../../electron/peer/storage/fs-ops.ts'

export type FsOp =
  | { kind: 'mkdir'; path: string }
  | { kind: 'create'; path: string }
  | { kind: 'write'; path: string; at: number; bytes: Uint8Array }
  | { kind: 'fsync'; path: string; upTo: number }
  | { kind: 'fsyncDir'; path: string; upTo: number }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'unlink'; path: string }
  | { kind: 'rmdir'; path: string }

export interface RecordingOptions {
  /** false: a directory's fsync does nothing (the variant that must be found to lose writes). */
  dirSync?: boolean
  /**
   * This directory's fsync (a path relative to the root; '' is the root) takes this much longer:
   * a slow disk, which widens the window in which a write could be acknowledged before what it
   * depends on is durable.
   */
  slowDirSync?: { dir: string; ms: number }
}

export class RecordingFs implements FsOps {
  readonly root: string
  readonly ops: FsOp[] = []
  readonly #dirSync: boolean
  readonly #slow: RecordingOptions['slowDirSync']

  /** `root` must exist and be empty; what is in it at the start counts as durable. */
  constructor(root: string, opts: RecordingOptions = {}) {
    this.root = path.resolve(root)
    this.#dirSync = opts.dirSync ?? true
    this.#slow = opts.slowDirSync
  }

  /** Path relative to the root; the store must not write outside it. */
  rel(p: string): string {
    const r = path.relative(this.root, path.resolve(p))
    if (r.startsWith('..') || path.isAbsolute(r)) throw new Error(`the store wrote outside the recorded directory: ${p}`)
    return r
  }

  async open(p: string, flags: string, mode?: number): Promise<FsHandle> {
    if (flags !== 'r' && flags !== 'wx') throw new Error(`open with flags '${flags}' is not modelled by the crash check: add it to recording-fs.ts`)
    const fh = await fsp.open(p, flags, mode)
    const rel = this.rel(p)
    if (flags === 'wx') this.ops.push({ kind: 'create', path: rel })
    const isDir = flags === 'r' && (await fh.stat()).isDirectory()
    let pos = 0
    const wrote = (bytes: Uint8Array): void => {
      this.ops.push({ kind: 'write', path: rel, at: pos, bytes: Uint8Array.from(bytes) })
      pos += bytes.length
    }
    return {
      write: async (data, offset, length) => {
        const r = await fh.write(data, offset, length)
        wrote(data.subarray(offset, offset + r.bytesWritten))
        return r
      },
      writeFile: async (data) => {
        await fh.writeFile(data)
        wrote(data)
      },
      sync: async () => {
        if (isDir && !this.#dirSync) return
        const upTo = this.ops.length
        await fh.sync()
        if (isDir && this.#slow?.dir === rel) await setTimeout(this.#slow.ms)
        this.ops.push({ kind: isDir ? 'fsyncDir' : 'fsync', path: rel, upTo })
      },
      close: () => fh.close(),
    }
  }

  async mkdir(p: string, mode: number): Promise<string | undefined> {
    await fsp.mkdir(p, mode)
    this.ops.push({ kind: 'mkdir', path: this.rel(p) })
    return undefined
  }

  readdir = fsp.readdir as FsOps['readdir']
  readFile = (p: string): Promise<Buffer> => fsp.readFile(p)
  stat = (p: string): ReturnType<FsOps['stat']> => fsp.stat(p)

  async rename(from: string, to: string): Promise<void> {
    await fsp.rename(from, to)
    this.ops.push({ kind: 'rename', from: this.rel(from), to: this.rel(to) })
  }

  async unlink(p: string): Promise<void> {
    await fsp.unlink(p)
    this.ops.push({ kind: 'unlink', path: this.rel(p) })
  }

  /** Logged as the unlink of each file and rmdir of each directory in it, deepest first. */
  async rm(p: string, options: { recursive: true; force: true }): Promise<void> {
    const gone: FsOp[] = []
    const walk = async (at: string): Promise<void> => {
      const info = await fsp.lstat(at).catch(() => undefined)
      if (!info) return
      if (info.isDirectory()) {
        for (const name of await fsp.readdir(at)) await walk(path.join(at, name))
        gone.push({ kind: 'rmdir', path: this.rel(at) })
      } else gone.push({ kind: 'unlink', path: this.rel(at) })
    }
    await walk(p)
    await fsp.rm(p, options)
    this.ops.push(...gone)
  }
}

/** One logged change, in words. */
export function describeOp(op: FsOp): string {
  switch (op.kind) {
    case 'mkdir': return `mkdir ${op.path}`
    case 'create': return `create ${op.path}`
    case 'write': return `write ${op.bytes.length} bytes at ${op.at} to ${op.path}`
    case 'fsync': return `fsync ${op.path}`
    case 'fsyncDir': return `fsync of directory ${op.path || '.'}`
    case 'rename': return `rename ${op.from} to ${op.to}`
    case 'unlink': return `unlink ${op.path}`
    case 'rmdir': return `rmdir ${op.path}`
  }
}
