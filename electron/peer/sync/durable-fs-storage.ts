// Why this exists: the stock automerge-repo NodeFS adapter writes files in place
// with no fsync, so a crash or power cut can leave a torn file, or lose a write
// the Repo already treated as saved. This adapter writes each value to a unique
// temp file, fsyncs it, renames it over the final name and fsyncs the directory,
// so a key holds either its old or its new bytes and a resolved save is on disk.
import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo';
import { fsyncDir } from '../storage/durable-file.ts';
import { nodeFs, type FsOps } from '../storage/fs-ops.ts';

/** Temp files of saves still in flight in this process; `recover()` must not delete them. */
const inFlight = new Set<string>();
const TEMP_RE = /^\..*\.tmp$/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_NAME = 200; // leaves room for the temp prefix/suffix within the 255-byte limit

/**
 * Encodes one key component as a single safe file name: every character outside
 * [A-Za-z0-9_-] becomes %XX (UTF-8 bytes), so `.`, `..`, `/`, `\` and NUL can never
 * form a path. The empty string becomes a lone `%`. Reversible via `decodePart`.
 */
export function encodePart(part: string): string {
  if (part === '') return '%';
  // encodeURIComponent throws on lone surrogates, which could not round-trip anyway.
  let name = encodeURIComponent(part).replace(/[.!~*'()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  if (WINDOWS_DEVICE.test(name)) name = '%' + name.charCodeAt(0).toString(16).toUpperCase() + name.slice(1);
  if (name.length > MAX_NAME) throw new Error(`storage key component too long (${name.length} chars encoded)`);
  return name;
}

/** Inverse of `encodePart`; returns undefined for names this adapter would never write. */
export function decodePart(name: string): string | undefined {
  if (name === '%') return '';
  try {
    const part = decodeURIComponent(name);
    return encodePart(part) === name ? part : undefined;
  } catch {
    return undefined;
  }
}

const errCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/** Crash-safe, fsync-ing file system storage for automerge-repo (see the note at the top of this file). */
export class DurableFsStorageAdapter implements StorageAdapterInterface {
  readonly baseDirectory: string;
  /** Save order of keys written by this instance; loadRange returns them first, in that order. */
  #order = new Map<string, number>();
  #seq = 0;
  /** Per-file tail of queued save/remove operations, so the last call for a key wins. */
  #queue = new Map<string, Promise<void>>();
  readonly #fs: FsOps;

  /**
   * @param baseDirectory root of the store; created (with fsync) on the first save.
   * @param fs the file-system calls it makes (a test records them).
   */
  constructor(baseDirectory: string, fs: FsOps = nodeFs) {
    this.baseDirectory = path.resolve(baseDirectory);
    this.#fs = fs;
  }

  /** Reads the value stored under `key`, or undefined if there is none. Temp files are never read. */
  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    const bytes = await this.#fs.readFile(this.#pathOf(key)).catch((e: unknown) => void ignoreMissing(e, 'EISDIR'));
    return bytes && new Uint8Array(bytes);
  }

  /** Durably stores `data` under `key`; resolves only after the file and its directory are fsynced. */
  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    const file = this.#pathOf(key);
    if (!this.#order.has(file)) this.#order.set(file, this.#seq++);
    // A concurrent removeRange may delete the directory under us (ENOENT): redo the write.
    const attempt = (n: number): Promise<void> =>
      this.#writeAtomic(file, data).catch((e: unknown) => (errCode(e) === 'ENOENT' && n < 3 ? attempt(n + 1) : Promise.reject(e)));
    await this.#serial(file, () => attempt(1));
  }

  /**
   * Moves the value under `from` to `to` (replacing what `to` held) and fsyncs the directories:
   * a rename, so it needs no free space.
   */
  async move(from: StorageKey, to: StorageKey): Promise<void> {
    const src = this.#pathOf(from);
    const dst = this.#pathOf(to);
    await this.#serial(dst, async () => {
      await ensureDir(path.dirname(dst), this.#fs);
      await this.#fs.rename(src, dst);
      await fsyncDir(path.dirname(dst), this.#fs);
      if (path.dirname(src) !== path.dirname(dst)) await fsyncDir(path.dirname(src), this.#fs);
    });
    this.#order.delete(src);
    if (!this.#order.has(dst)) this.#order.set(dst, this.#seq++);
  }

  /** Deletes the value under `key` (no-op if absent) and fsyncs its directory. */
  async remove(key: StorageKey): Promise<void> {
    const file = this.#pathOf(key);
    this.#order.delete(file);
    await this.#serial(file, async () => {
      const gone = await this.#fs.unlink(file).then(() => true, (e: unknown) => void ignoreMissing(e, 'EISDIR'));
      if (gone) await fsyncDir(path.dirname(file), this.#fs);
    });
  }

  /** Returns every stored key that starts with `keyPrefix` (component-wise), with its data. */
  async loadRange(keyPrefix: StorageKey): Promise<Chunk[]> {
    const keys = await this.#listKeys(keyPrefix);
    // Keys saved by this instance come first in save order (the acceptance suite expects it),
    // then the rest sorted, so results are deterministic.
    const ranked = keys.map((key) => ({ key, rank: this.#order.get(this.#pathOf(key)) ?? Infinity, id: JSON.stringify(key) }));
    ranked.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const chunks = await Promise.all(ranked.map(async ({ key }) => ({ key, data: await this.load(key) })));
    return chunks.filter((c) => c.data !== undefined); // drop keys removed while we were reading
  }

  /** The stored keys that start with `keyPrefix`, without reading their data. */
  listKeys(keyPrefix: StorageKey): Promise<StorageKey[]> {
    return this.#listKeys(keyPrefix);
  }

  /** Deletes every key that starts with `keyPrefix` and fsyncs the affected directory. */
  async removeRange(keyPrefix: StorageKey): Promise<void> {
    const target = keyPrefix.length === 0 ? this.baseDirectory : this.#pathOf(keyPrefix);
    for (const file of this.#order.keys()) {
      if (file === target || file.startsWith(target + path.sep)) this.#order.delete(file);
    }
    if (keyPrefix.length === 0) {
      const entries = await listDir(this.baseDirectory, this.#fs);
      await Promise.all(entries.map((d) => this.#fs.rm(path.join(this.baseDirectory, d.name), { recursive: true, force: true })));
      await fsyncDir(this.baseDirectory, this.#fs).catch(ignoreMissing);
    } else {
      await this.#fs.rm(target, { recursive: true, force: true });
      await fsyncDir(path.dirname(target), this.#fs).catch(ignoreMissing);
    }
  }

  /**
   * Deletes leftover `.<name>.<random>.tmp` files from writes interrupted by a crash.
   * They are never read (load/loadRange skip them), so this only reclaims space. Call it
   * once at startup, before the adapter is handed to a Repo; temp files of saves still in
   * flight in this process are left alone. Resolves to the number of files deleted.
   */
  async recover(): Promise<number> {
    let removed = 0;
    const sweep = async (dir: string): Promise<void> => {
      for (const entry of await listDir(dir, this.#fs)) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await sweep(full);
        else if (TEMP_RE.test(entry.name) && !inFlight.has(full)) {
          await this.#fs.unlink(full).then(() => removed++, ignoreMissing);
        }
      }
    };
    await sweep(this.baseDirectory);
    return removed;
  }

  /** The file a key is stored in. */
  fileOf(key: StorageKey): string {
    return this.#pathOf(key);
  }

  /** base/<first two chars of encoded key[0]>/<encoded key[0]>/<encoded key[1]>/... */
  #pathOf(key: StorageKey): string {
    if (key.length === 0) throw new Error('storage key must not be empty');
    const names = key.map(encodePart);
    return path.join(this.baseDirectory, names[0]!.slice(0, 2), ...names);
  }

  async #listKeys(prefix: StorageKey): Promise<StorageKey[]> {
    const out: StorageKey[] = [];
    const walk = async (dir: string, parts: string[]): Promise<void> => {
      for (const entry of await listDir(dir, this.#fs)) {
        if (entry.name.startsWith('.')) continue; // temp files (and stray dotfiles)
        const part = decodePart(entry.name);
        if (part === undefined) continue;
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), [...parts, part]);
        else if (entry.isFile()) out.push([...parts, part]);
      }
    };
    if (prefix.length === 0) {
      for (const shard of await listDir(this.baseDirectory, this.#fs)) {
        if (shard.isDirectory()) await walk(path.join(this.baseDirectory, shard.name), []);
      }
      return out;
    }
    const target = this.#pathOf(prefix);
    const info = await this.#fs.stat(target).catch((e: unknown) => void ignoreMissing(e));
    if (info?.isFile()) out.push([...prefix]);
    else if (info?.isDirectory()) await walk(target, [...prefix]);
    return out;
  }

  async #writeAtomic(file: string, data: Uint8Array): Promise<void> {
    const dir = path.dirname(file);
    await ensureDir(dir, this.#fs);
    const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
    inFlight.add(temp);
    try {
      const handle = await this.#fs.open(temp, 'wx', 0o600); // community data: readable by this user only
      try {
        for (let off = 0; off < data.byteLength; ) {
          off += (await handle.write(data, off, data.byteLength - off)).bytesWritten;
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.#fs.rename(temp, file);
    } catch (e) {
      await this.#fs.unlink(temp).catch(forget);
      throw e;
    } finally {
      inFlight.delete(temp);
    }
    await fsyncDir(dir, this.#fs);
  }

  #serial(file: string, op: () => Promise<void>): Promise<void> {
    const run = (this.#queue.get(file) ?? Promise.resolve()).then(op);
    const tail = run.then(forget, forget);
    this.#queue.set(file, tail);
    void tail.then(() => this.#queue.get(file) === tail && this.#queue.delete(file));
    return run;
  }
}


/** Directory creations in progress, shared so a concurrent save waits for the parent fsync too. */
const creating = new Map<string, Promise<void>>();

/**
 * `mkdir -p`, fsyncing the parent of every directory it actually creates; resolves only once
 * `dir`'s entry is durable, even when a concurrent call made it (that call's fsync is waited for).
 */
export function ensureDir(dir: string, fs: FsOps): Promise<void> {
  let pending = creating.get(dir);
  if (!pending) {
    pending = makeDir(dir, fs).finally(() => creating.delete(dir));
    creating.set(dir, pending);
  }
  return pending;
}

async function makeDir(dir: string, fs: FsOps): Promise<void> {
  const parent = path.dirname(dir);
  try {
    await fs.mkdir(dir, 0o700);
  } catch (e) {
    if (errCode(e) === 'ENOENT') return ensureDir(parent, fs).then(() => makeDir(dir, fs));
    if (errCode(e) !== 'EEXIST') throw e;
    return creating.get(parent); // exists; but its own entry may still be being made durable
  }
  await creating.get(parent); // a concurrent save may have created the parent and not fsynced yet
  await fsyncDir(parent, fs);
}

/** Entries of `dir`, or none if it (or a parent) does not exist. */
const listDir = (dir: string, fs: FsOps): Promise<Dirent[]> =>
  fs.readdir(dir, { withFileTypes: true }).catch((e: unknown) => (ignoreMissing(e), []));

/** Rethrows `e` unless it says the path (or a parent directory) does not exist. */
function ignoreMissing(e: unknown, ...alsoIgnore: string[]): void {
  if (!['ENOENT', 'ENOTDIR', ...alsoIgnore].includes(errCode(e) ?? '')) throw e;
}

function forget(): void {}
