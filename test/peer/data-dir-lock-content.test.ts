/**
 * A lock file is held only by the live process it names, written whole as `acquire` writes it:
 * damaged bytes that happen to begin with a live pid (1, init, is always alive) are no lock.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { acquireDataDirLock, lockHolder } from '../../electron/peer/identity/data-dir-lock.ts'
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'

const dirs: string[] = []
afterEach(() => { for (const d of dirs.splice(0)) removeDir(d) })

describe('the data directory lock', () => {
  it.each([['1\u00ff\u00fe garbage'], ['1 2\n'], ['-1\n'], ['']])('is free when the file holds %j', async (content) => {
    const dir = tempDataDir('cw-lock-')
    dirs.push(dir)
    await writeFile(join(dir, 'daemon.lock'), content)
    expect(await lockHolder(dir)).toBeUndefined()
    const lock = await acquireDataDirLock(dir)
    await lock.release()
  })

  it('is held by a live process named whole', async () => {
    const dir = tempDataDir('cw-lock-')
    dirs.push(dir)
    await writeFile(join(dir, 'daemon.lock'), '1\n')
    expect(await lockHolder(dir)).toBe(1)
    await expect(acquireDataDirLock(dir)).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' })
  })
})
