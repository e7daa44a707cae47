/**
 * The file-system calls the document store makes, as one object it is given: node:fs by
 * default. A crash-consistency test passes one that also records every write, fsync and rename
 * (test/faults/crash/), to work out what a power cut at each moment could leave on disk.
 */
import * as fsp from 'node:fs/promises'
import type { Dirent, Stats } from 'node:fs'

/** What the store does with an open file: write it whole, fsync it, close it. */
export interface FsHandle {
  write(data: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>
  writeFile(data: Uint8Array): Promise<void>
  sync(): Promise<void>
  close(): Promise<void>
}

export interface FsOps {
  open(path: string, flags: string, mode?: number): Promise<FsHandle>
  mkdir(path: string, mode: number): Promise<string | undefined>
  readdir(path: string): Promise<string[]>
  readdir(path: string, options: { withFileTypes: true }): Promise<Dirent[]>
  readFile(path: string): Promise<Buffer>
  rename(from: string, to: string): Promise<void>
  rm(path: string, options: { recursive: true; force: true }): Promise<void>
  stat(path: string): Promise<Stats>
  unlink(path: string): Promise<void>
}

export const nodeFs: FsOps = fsp
