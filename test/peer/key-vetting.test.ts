/**
 * Members' keys are vetted in the background: each once, however often its roster is read
 * again, a slice at a time, so other work runs between the slices; a stopped vetting does no more.
 */
import { describe, expect, it } from 'vitest'
import { KeyVetting } from '../../electron/peer/consent/key-vetting.ts'
import { waitFor } from '../helpers/wait-for.ts'

/** A check that holds the thread for `ms`, as a key's first check does. */
const busy = (ms: number) => (): void => {
  const end = performance.now() + ms
  while (performance.now() < end) { /* the subgroup check's arithmetic */ }
}

describe('KeyVetting', () => {
  it('checks each key once, and lets other work run between its slices', async () => {
    const checked: string[] = []
    const hold = busy(2)
    const vetting = new KeyVetting((did) => { hold(); checked.push(did) })
    const dids = Array.from({ length: 40 }, (_, i) => `did:key:z${i}`)
    vetting.add(dids)
    vetting.add(dids.slice(0, 10))
    let between = -1
    setImmediate(() => { between = checked.length })
    await waitFor('every key checked', () => checked.length === 40, 10_000)
    vetting.add(dids)
    await new Promise((resolve) => setImmediate(resolve))
    expect(checked).toEqual(dids)
    // Other work ran after the first slice and before the last key.
    expect(between).toBeGreaterThan(0)
    expect(between).toBeLessThan(40)
  })

  it('stops: nothing more is checked, and nothing queued later', async () => {
    const checked: string[] = []
    const vetting = new KeyVetting((did) => { busy(2)(); checked.push(did) })
    vetting.add(Array.from({ length: 40 }, (_, i) => `did:key:z${i}`))
    await waitFor('a first slice', () => checked.length > 0, 10_000)
    vetting.stop()
    const after = checked.length
    vetting.add(['did:key:zlate'])
    await new Promise((resolve) => setTimeout(resolve, 0))
    await new Promise((resolve) => setImmediate(resolve))
    expect(checked.length).toBe(after)
    expect(checked).not.toContain('did:key:zlate')
  })

  it('a check that throws does not stop the others', async () => {
    const checked: string[] = []
    const vetting = new KeyVetting((did) => { if (did === 'bad') throw new Error('not a key'); checked.push(did) })
    vetting.add(['a', 'bad', 'b'])
    await waitFor('the others checked', () => checked.length === 2, 5_000)
    expect(checked).toEqual(['a', 'b'])
  })
})
