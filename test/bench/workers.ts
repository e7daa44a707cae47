/**
 * Bench peers as child processes: each worker (worker.ts) is a fresh Node process driven over
 * IPC, one call at a time or several at once; every child is killed if the bench exits.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

const WORKER = join(import.meta.dirname, 'worker.ts')

export interface Worker { call<T = unknown>(op: string, args?: Record<string, unknown>): Promise<T>; child: ChildProcess; stop(): Promise<void> }

const children = new Set<ChildProcess>()
process.on('exit', () => { for (const c of children) c.kill('SIGKILL') })

export async function startWorker(extraArgs: string[] = []): Promise<Worker> {
  // automerge-repo's throttle sets negative timeouts by design; keep the output readable.
  const execArgv = ['--disable-warning=TimeoutNegativeWarning', ...extraArgs, ...(process.env['BENCH_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROF']}`] : [])]
  const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv })
  children.add(child)
  child.once('exit', () => children.delete(child))
  const pending = new Map<number, { res: (v: unknown) => void; rej: (e: Error) => void }>()
  let next = 1
  await new Promise<void>((res) => child.once('message', () => res()))
  child.on('message', (m: { id: number; value?: unknown; error?: string }) => {
    const p = pending.get(m.id)
    pending.delete(m.id)
    if (m.error) p?.rej(new Error(m.error)); else p?.res(m.value)
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  return {
    child,
    stop: async () => {
      await new Promise<void>((res, rej) => {
        const id = next++
        pending.set(id, { res: () => res(), rej })
        child.send({ id, op: 'stop', args: {} })
      })
      await exited
    },
    call: <T>(op: string, args: Record<string, unknown> = {}) => new Promise<T>((res, rej) => {
      const id = next++
      pending.set(id, { res: res as (v: unknown) => void, rej })
      child.send({ id, op, args })
    }),
  }
}

/** Runs `op` in a fresh worker process and stops it. */
export async function inFreshProcess<T>(op: string, args: Record<string, unknown>, extraArgs: string[] = []): Promise<T> {
  const w = await startWorker(extraArgs)
  try {
    return await w.call<T>(op, args)
  } finally {
    await w.stop()
  }
}

