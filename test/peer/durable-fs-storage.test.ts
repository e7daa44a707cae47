import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Repo } from '@automerge/automerge-repo';
import type { StorageKey } from '@automerge/automerge-repo';
import { runStorageAdapterTests } from '@automerge/automerge-repo/helpers/tests/storage-adapter-tests.js';
import { DurableFsStorageAdapter, decodePart, encodePart } from '../../electron/peer/sync/durable-fs-storage.ts';

const makeTempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'cw-storage-'));

/** Every regular file under `dir`, as absolute paths. */
function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Byte equality without vitest's slow element-by-element deep compare of large arrays. */
function expectBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect(Buffer.from(actual!).equals(expected)).toBe(true);
}

describe('DurableFsStorageAdapter: automerge-repo acceptance suite', () => {
  runStorageAdapterTests(async () => {
    const dir = makeTempDir();
    return {
      adapter: new DurableFsStorageAdapter(dir),
      teardown: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }, 'DurableFsStorageAdapter');
});

describe('DurableFsStorageAdapter', () => {
  // The hostile tests put base one level down so "outside the base dir" is observable.
  let root: string;
  let base: string;
  beforeEach(() => {
    root = makeTempDir();
    base = path.join(root, 'store');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const bytes = (...values: number[]) => new Uint8Array(values);

  it('encodes key components reversibly into safe file names', () => {
    for (const part of ['', '.', '..', 'a/b', 'a\\b', '\0', 'con', 'NUL', 'héllo 🌍', '%', '%2F', 'abc-_XYZ09']) {
      const name = encodePart(part);
      expect(name).toMatch(/^[A-Za-z0-9_%-]+$/);
      expect(name).not.toMatch(/^(con|nul)$/i);
      expect(decodePart(name)).toBe(part);
    }
    expect(decodePart('%41')).toBeUndefined(); // non-canonical spelling of "A"
    expect(() => encodePart('\uD800')).toThrow(); // lone surrogate cannot round-trip
    expect(() => encodePart('x'.repeat(500))).toThrow(/too long/);
  });

  it('round-trips hostile key components without writing outside the base dir', async () => {
    const adapter = new DurableFsStorageAdapter(base);
    const keys: StorageKey[] = [
      ['..'],
      ['...', '..', 'escape'],
      ['a/b'],
      ['a', 'b'],
      ['/etc', 'passwd'],
      [''],
      ['x', '', 'y'],
      ['.', '.tmp'],
      ['dóc-🌍', 'ünïcode', 'ключ'],
      ['nul\0byte'],
      ['back\\slash'],
    ];
    for (const [i, key] of keys.entries()) await adapter.save(key, bytes(i, 255 - i));
    for (const [i, key] of keys.entries()) expect(await adapter.load(key)).toStrictEqual(bytes(i, 255 - i));

    // Nothing escaped: the temp root holds only the store directory, and every file is inside it.
    expect(fs.readdirSync(root)).toEqual(['store']);
    const files = listFiles(base);
    expect(files).toHaveLength(keys.length);
    for (const file of files) expect(path.relative(base, file).startsWith('..')).toBe(false);

    // Prefixes are component-wise, and loadRange returns the exact original key arrays.
    expect((await adapter.loadRange(['..'])).map((c) => c.key)).toEqual([['..']]);
    expect((await adapter.loadRange(['...', '..'])).map((c) => c.key)).toEqual([['...', '..', 'escape']]);
    expect((await adapter.loadRange(['a'])).map((c) => c.key)).toEqual([['a', 'b']]);
    expect((await adapter.loadRange(['x', ''])).map((c) => c.key)).toEqual([['x', '', 'y']]);
    const all = await new DurableFsStorageAdapter(base).loadRange([]);
    expect(all.map((c) => c.key).sort()).toEqual([...keys].sort());

    await adapter.removeRange(['..']);
    expect(await adapter.load(['..'])).toBeUndefined();
    expect(await adapter.load(['a/b'])).toStrictEqual(bytes(2, 253));
  });

  it('ignores leftover .tmp files in load/loadRange, and recover() deletes them', async () => {
    const adapter = new DurableFsStorageAdapter(base);
    await adapter.save(['docA', 'incremental', 'h1'], bytes(1, 2, 3));
    const dir = path.join(base, 'do', 'docA', 'incremental');
    // Simulate crashes mid-write: a torn temp beside an existing key, and one for a key never renamed.
    fs.writeFileSync(path.join(dir, '.h1.0123456789abcdef.tmp'), bytes(9));
    fs.writeFileSync(path.join(dir, '.h2.fedcba9876543210.tmp'), bytes(9, 9));

    const fresh = new DurableFsStorageAdapter(base);
    expect(await fresh.load(['docA', 'incremental', 'h1'])).toStrictEqual(bytes(1, 2, 3));
    expect(await fresh.load(['docA', 'incremental', 'h2'])).toBeUndefined();
    expect(await fresh.loadRange(['docA'])).toStrictEqual([{ key: ['docA', 'incremental', 'h1'], data: bytes(1, 2, 3) }]);

    expect(await fresh.recover()).toBe(2);
    expect(fs.readdirSync(dir)).toEqual(['h1']);
    expect(await fresh.recover()).toBe(0);
  });

  it('leaves no temp files behind and keeps the last of concurrent saves to one key', async () => {
    const adapter = new DurableFsStorageAdapter(base);
    const key = ['docB', 'sync-state', 'peer'];
    const big = (n: number) => new Uint8Array(256 * 1024).fill(n);
    await Promise.all([1, 2, 3, 4, 5].map((n) => adapter.save(key, big(n))));
    expectBytes(await adapter.load(key), big(5));
    expect(listFiles(base).map((f) => path.basename(f))).toEqual(['peer']);
  });

  it('persists data across adapter instances on the same directory', async () => {
    const first = new DurableFsStorageAdapter(base);
    const large = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff);
    await first.save(['storage-adapter-id'], bytes(7, 7, 7));
    await first.save(['docC', 'snapshot', 'abc'], large);
    await first.save(['docC', 'incremental', 'def'], bytes());
    await first.remove(['docC', 'incremental', 'def']);
    await first.save(['docC', 'incremental', 'ghi'], bytes(4, 2));

    const second = new DurableFsStorageAdapter(base);
    expect(await second.load(['storage-adapter-id'])).toStrictEqual(bytes(7, 7, 7));
    expectBytes(await second.load(['docC', 'snapshot', 'abc']), large);
    expect(await second.load(['docC', 'incremental', 'def'])).toBeUndefined();
    const range = await second.loadRange(['docC']);
    expect(range.map((c) => c.key)).toEqual([
      ['docC', 'incremental', 'ghi'],
      ['docC', 'snapshot', 'abc'],
    ]);
    expectBytes(range[0]?.data, bytes(4, 2));
    expectBytes(range[1]?.data, large);
    // Sharded layout: base/<first two chars>/<first component>/...
    expect(fs.existsSync(path.join(base, 'do', 'docC', 'snapshot', 'abc'))).toBe(true);
    expect(fs.existsSync(path.join(base, 'st', 'storage-adapter-id'))).toBe(true);
  });

  it('rejects (rather than corrupts) a key whose strict prefix is already a stored key', async () => {
    const adapter = new DurableFsStorageAdapter(base);
    await adapter.save(['p'], bytes(1));
    await expect(adapter.save(['p', 'q'], bytes(2))).rejects.toThrow();
    expect(await adapter.load(['p'])).toStrictEqual(bytes(1));
    expect(await adapter.loadRange(['p'])).toStrictEqual([{ key: ['p'], data: bytes(1) }]);
  });

  it('saves an empty value', async () => {
    const adapter = new DurableFsStorageAdapter(base);
    await adapter.save(['empty'], bytes());
    expect(await new DurableFsStorageAdapter(base).load(['empty'])).toStrictEqual(bytes());
  });

  it('lets a second Repo on the same directory see a flushed change', async () => {
    const repo = new Repo({ storage: new DurableFsStorageAdapter(base) });
    const handle = repo.create<{ items: string[]; title?: string }>({ items: [] });
    handle.change((d) => {
      d.items.push('seed');
      d.title = 'commons';
    });
    handle.change((d) => d.items.push('tool library'));
    await repo.flush();
    await repo.shutdown();

    const repo2 = new Repo({ storage: new DurableFsStorageAdapter(base) });
    const found = await repo2.find<{ items: string[]; title?: string }>(handle.url);
    expect(found.doc()).toEqual({ items: ['seed', 'tool library'], title: 'commons' });
    await repo2.shutdown();
  });
});
