/**
 * One task at a time: in the order handed in, a failure answering only its own caller; per key,
 * one line per key, side by side across keys, nothing kept once a key is idle.
 */
import { describe, expect, it } from 'vitest'
import { OneAtATime, OneAtATimePerKey } from '../../shared/one-at-a-time.ts'

/** A task that runs until `finish` is called, noting when it starts and ends. */
function gate(log: string[], name: string): { task: () => Promise<string>; finish: (fail?: boolean) => void } {
  let finish: (fail?: boolean) => void = () => {}
  const task = (): Promise<string> => {
    log.push(`${name} starts`)
    return new Promise<string>((resolve, reject) => {
      finish = (fail) => {
        log.push(`${name} ends`)
        if (fail) reject(new Error(`${name} failed`))
        else resolve(name)
      }
    })
  }
  return { task, finish: (fail) => finish(fail) }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('OneAtATime', () => {
  it('runs each task after the one before has settled, in the order handed in', async () => {
    const log: string[] = []
    const line = new OneAtATime()
    const [a, b, c] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'c')]
    const answers = [line.run(a.task), line.run(b.task), line.run(c.task)]
    await turn()
    expect(log).toEqual(['a starts'])
    a.finish()
    await turn()
    expect(log).toEqual(['a starts', 'a ends', 'b starts'])
    b.finish()
    await turn()
    c.finish()
    expect(await Promise.all(answers)).toEqual(['a', 'b', 'c'])
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends'])
  })

  it('a task that fails answers its own caller with the failure, and the next still runs', async () => {
    const line = new OneAtATime()
    const failing = line.run(() => Promise.reject(new Error('disk full')))
    const next = line.run(async () => 'written')
    await expect(failing).rejects.toThrow('disk full')
    await expect(next).resolves.toBe('written')
  })
})

describe('OneAtATimePerKey', () => {
  it('keeps one line per key: the same key waits, another key runs side by side', async () => {
    const log: string[] = []
    const lines = new OneAtATimePerKey<string>()
    const [a1, a2, b1] = [gate(log, 'a1'), gate(log, 'a2'), gate(log, 'b1')]
    const answers = [lines.run('space-a', a1.task), lines.run('space-a', a2.task), lines.run('space-b', b1.task)]
    await turn()
    expect(log).toEqual(['a1 starts', 'b1 starts'])
    a1.finish(true)
    await turn()
    expect(log).toEqual(['a1 starts', 'b1 starts', 'a1 ends', 'a2 starts'])
    a2.finish()
    b1.finish()
    expect(await Promise.allSettled(answers)).toMatchObject([{ status: 'rejected' }, { value: 'a2' }, { value: 'b1' }])
  })

  it('holds nothing for a key once its tasks have settled', async () => {
    const lines = new OneAtATimePerKey<string>()
    const runs = ['a', 'b', 'a'].map((key) => lines.run(key, async () => key))
    expect(lines.busy).toBe(2)
    await Promise.all(runs)
    await turn()
    expect(lines.busy).toBe(0)
  })
})
