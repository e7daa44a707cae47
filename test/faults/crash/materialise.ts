/**
 * The states a power cut could leave, from a RecordingFs log. After each logged change k (a
 * crash point), the disk may hold, for each directory, its entries as of its last fsync (later
 * creates, renames and unlinks in it undone) or as they were; and for each file, its bytes as of
 * its last fsync (later writes lost), as they were, or torn (the last write cut in half). Every
 * combination of those is a state, and each can be written out to a fresh directory for the
 * store to open.
 *
 * A directory's entries point at files and directories (inodes), not at their bytes: a file
 * fsynced but whose directory entry never was is gone, and a rename made durable by its
 * directory's fsync keeps the renamed file's own durable bytes.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { FsOp } from './recording-fs.ts'

type Write = Extract<FsOp, { kind: 'write' }>
interface FileNode { kind: 'file'; data: Uint8Array; synced: Uint8Array; history: Array<[number, Uint8Array]>; writes: Array<[number, Write]>; syncedUpTo: number }
interface DirNode { kind: 'dir'; entries: Map<string, Node>; synced: Map<string, Node>; history: Array<[number, Map<string, Node>]> }
type Node = FileNode | DirNode

export type DirView = 'fsynced' | 'as written'
export type FileView = 'fsynced' | 'as written' | 'torn'
export interface CrashState {
  /** The crash came after this many logged changes. */
  point: number
  dirs: DirView
  files: FileView
  /** path → bytes; a directory is a path ending in '/'. */
  tree: Map<string, Uint8Array>
  /** Identifies equal states. */
  digest: string
}

const VIEWS: Array<[DirView, FileView]> = [
  ['fsynced', 'fsynced'], ['fsynced', 'as written'], ['fsynced', 'torn'],
  ['as written', 'fsynced'], ['as written', 'as written'], ['as written', 'torn'],
]

const newDir = (): DirNode => ({ kind: 'dir', entries: new Map(), synced: new Map(), history: [[-1, new Map()]] })

/** Every crash point of `ops` (0 … ops.length), each with the states it can leave (some equal), in order. */
export function* crashStates(ops: readonly FsOp[]): Generator<CrashState> {
  const root = newDir()
  for (let k = 0; k <= ops.length; k++) {
    if (k > 0) apply(root, ops[k - 1]!, k - 1)
    for (const [dirs, files] of VIEWS) {
      const tree = new Map<string, Uint8Array>()
      collect(root, '', dirs, files, tree)
      yield { point: k, dirs, files, tree, digest: digestOf(tree) }
    }
  }
}

/** Writes a state's files and directories under `dir` (which must not exist). */
export function writeState(state: CrashState, dir: string): void {
  mkdirSync(dir, { recursive: true })
  for (const [p, bytes] of state.tree) {
    if (p.endsWith('/')) mkdirSync(path.join(dir, p), { recursive: true })
    else writeFileSync(path.join(dir, p), bytes)
  }
}

function collect(dir: DirNode, prefix: string, dirs: DirView, files: FileView, out: Map<string, Uint8Array>): void {
  const entries = dirs === 'fsynced' ? dir.synced : dir.entries
  for (const [name, node] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const p = prefix + name
    if (node.kind === 'dir') {
      out.set(p + '/', new Uint8Array())
      collect(node, p + '/', dirs, files, out)
    } else out.set(p, files === 'fsynced' ? node.synced : files === 'as written' ? node.data : torn(node))
  }
}

/** The fsynced bytes with every later write but the last, and the first half of that one. */
function torn(f: FileNode): Uint8Array {
  const unsynced = f.writes.filter(([i]) => i >= f.syncedUpTo).map(([, w]) => w)
  let data = f.synced
  unsynced.forEach((w, i) => {
    data = written(data, w.at, i === unsynced.length - 1 ? w.bytes.subarray(0, Math.floor(w.bytes.length / 2)) : w.bytes)
  })
  return data
}

function digestOf(tree: Map<string, Uint8Array>): string {
  const h = createHash('sha256')
  for (const [p, bytes] of tree) h.update(p).update('\0').update(String(bytes.length)).update('\0').update(bytes)
  return h.digest('hex')
}

function written(data: Uint8Array, at: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.max(data.length, at + bytes.length))
  out.set(data)
  out.set(bytes, at)
  return out
}

function apply(root: DirNode, op: FsOp, index: number): void {
  switch (op.kind) {
    case 'mkdir': return link(root, op.path, newDir(), index)
    case 'create': return link(root, op.path, { kind: 'file', data: new Uint8Array(), synced: new Uint8Array(), history: [[index, new Uint8Array()]], writes: [], syncedUpTo: index }, index)
    case 'write': {
      const f = file(root, op.path)
      f.data = written(f.data, op.at, op.bytes)
      f.history.push([index, f.data])
      f.writes.push([index, op])
      return
    }
    case 'fsync': {
      const f = file(root, op.path)
      f.synced = asOf(f.history, op.upTo)
      f.syncedUpTo = op.upTo
      return
    }
    case 'fsyncDir': {
      const d = lookup(root, op.path)
      if (d?.kind !== 'dir') throw new Error(`fsync of ${op.path}, which is not a directory`)
      d.synced = asOf(d.history, op.upTo)
      return
    }
    case 'rename': {
      if (op.from === op.to) return
      const node = lookup(root, op.from)
      if (!node) throw new Error(`rename of ${op.from}, which does not exist`)
      unlink(root, op.from, index)
      return link(root, op.to, node, index)
    }
    case 'unlink':
    case 'rmdir':
      return unlink(root, op.path, index)
  }
}

/** The newest version made by a change before `upTo`. */
function asOf<T>(history: Array<[number, T]>, upTo: number): T {
  let v = history[0]![1]
  for (const [i, value] of history) if (i < upTo) v = value
  return v
}

function lookup(root: DirNode, p: string): Node | undefined {
  let node: Node | undefined = root
  for (const name of p === '' ? [] : p.split(path.sep)) node = node?.kind === 'dir' ? node.entries.get(name) : undefined
  return node
}

function file(root: DirNode, p: string): FileNode {
  const f = lookup(root, p)
  if (f?.kind !== 'file') throw new Error(`${p} is not a file`)
  return f
}

function parentOf(root: DirNode, p: string): DirNode {
  const d = lookup(root, path.dirname(p) === '.' ? '' : path.dirname(p))
  if (d?.kind !== 'dir') throw new Error(`the directory of ${p} does not exist`)
  return d
}

function link(root: DirNode, p: string, node: Node, index: number): void {
  const d = parentOf(root, p)
  d.entries = new Map(d.entries).set(path.basename(p), node)
  d.history.push([index, d.entries])
}

function unlink(root: DirNode, p: string, index: number): void {
  const d = parentOf(root, p)
  d.entries = new Map(d.entries)
  d.entries.delete(path.basename(p))
  d.history.push([index, d.entries])
}
