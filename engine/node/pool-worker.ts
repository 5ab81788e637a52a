// The worker side of WorkerPool: one job at a time, its events and its result (or error) posted
// back tagged with the job's id.
import { parentPort } from 'node:worker_threads'

export type JobReply =
  | { job: 0; kind: 'ready' }
  | { job: number; kind: 'event'; event: unknown }
  | { job: number; kind: 'result'; result: unknown }
  | { job: number; kind: 'error'; error: string }

export function serveJobs(handle: (input: unknown, emit: (event: unknown) => void) => unknown | Promise<unknown>): void {
  const port = parentPort
  if (!port) throw new Error('serveJobs runs in a worker thread of a WorkerPool')
  port.on('message', async ({ job, input }: { job: number; input: unknown }) => {
    const post = (reply: JobReply) => port.postMessage(reply)
    try {
      const result = await handle(input, (event) => post({ job, kind: 'event', event }))
      post({ job, kind: 'result', result })
    } catch (error) {
      post({ job, kind: 'error', error: error instanceof Error ? error.message : String(error) })
    }
  })
  // The script loaded: a worker that dies before this is one that cannot start (see WorkerPool).
  port.postMessage({ job: 0, kind: 'ready' } satisfies JobReply)
}
