/**
 * The process's sweep workers, started once and kept between sweeps: a worker's start (thread,
 * module import) and its JIT warm-up (its first runs are slower) are paid once per process, not
 * once per sweep. A sweep uses as many of them as it asks for (SweepRunner's lanes); an idle
 * worker does not keep the process alive (WorkerPool unrefs it), so the CLI need not close them.
 */
import { WorkerPool } from './worker-pool'

const pools = new Map<string, WorkerPool>()

/** The pool of this worker script, grown to at least `size` workers (started now if new). */
export function warmPool(script: string | URL, size: number): WorkerPool {
  const key = String(script)
  const pool = pools.get(key)
  if (pool) {
    pool.grow(size)
    return pool
  }
  const fresh = new WorkerPool(script, size)
  pools.set(key, fresh)
  return fresh
}

/** Stops every kept pool (a test that wants cold workers, a host shutting down). */
export async function closeWarmPools(): Promise<void> {
  const all = [...pools.values()]
  pools.clear()
  await Promise.all(all.map((pool) => pool.close()))
}
