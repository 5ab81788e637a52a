// A worker for the pool's tests: echoes (with its thread id), emits events, throws, or dies, as the job asks.
import { threadId } from 'node:worker_threads'
import { serveJobs } from '../pool-worker'

serveJobs(async (input, emit) => {
  const job = input as { kind: 'echo' | 'throw' | 'die' | 'slow'; value: number }
  if (job.kind === 'throw') throw new Error(`job ${job.value} refused`)
  if (job.kind === 'die') process.exit(3)
  if (job.kind === 'slow') await new Promise((wake) => setTimeout(wake, 200))
  emit({ half: job.value / 2 })
  return { doubled: job.value * 2, thread: threadId }
})
