/**
 * The process's sweep workers, started once and kept between sweeps: a worker's start (thread,
 * module import) and its JIT warm-up (its first runs are slower) are paid once per process, not
 * once per sweep. A sweep uses as many of them as it asks for (SweepRunner's lanes); an idle
 * worker does not keep the process alive (WorkerPool unrefs it), so the CLI need not close them.
 */
import { WorkerPool } from './worker-pool'

const pools = new Map<string, WorkerPool>()

/**
 * Kept workers that ran nothing for this long are stopped: a worker keeps the memory its largest
 * run reserved (WebAssembly memory does not shrink). The next sweep then starts new ones.
 */
export const IDLE_MS = 5 * 60_000

/** The pool of this worker script, grown to at least `size` workers (started now if new). */
export function warmPool(script: string | URL, size: number, idleMs = IDLE_MS): WorkerPool {
  const key = String(script)
  const pool = pools.get(key)
  if (pool && !pool.isClosed) {
    pool.grow(size)
    return pool
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const stopWhenIdle = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (!fresh.idle || pools.get(key) !== fresh) return
      pools.delete(key)
      void fresh.close()
    }, idleMs)
    timer.unref()
  }
  const fresh: WorkerPool = new WorkerPool(script, size, { onIdle: stopWhenIdle })
  pools.set(key, fresh)
  stopWhenIdle()
  return fresh
}

/** Stops every kept pool (a test that wants cold workers, a host shutting down). */
export async function closeWarmPools(): Promise<void> {
  const all = [...pools.values()]
  pools.clear()
  await Promise.all(all.map((pool) => pool.close()))
}
