// Entry of the engine process. Electron runs it with utilityProcess.fork and talks to it on a
// MessagePortMain handed over after the ready message; the browser host runs it with
// child_process.fork (advanced serialization) and talks on the IPC channel; it also runs in a
// worker thread, on the worker's port. Either way the engine session gets every message and its
// events go back the same way. The session validates requests; here only the envelope is looked at.
import './relaxed-simd'
import type { MessagePortMain, ParentPort } from 'electron'
import type { EngineEvent } from '../protocol'
import { createEngineSession, type SessionOptions } from '../session/session'
import { isMainThread, parentPort as workerPort } from 'node:worker_threads'
import { readBuiltinBytes } from './builtin-files'
import { workerSweepService } from './studio-sweeps'
import { nodeThreadService } from './thread-service'

/** setImmediate yields to pending messages without the 1 ms a timer waits; performance.now is monotonic. */
// Sweeps run on worker threads of this process; their script is built beside this entry.
const clock: SessionOptions = {
  now: () => performance.now(),
  schedule: (fn) => void setImmediate(fn),
  builtinBytes: (info) => readBuiltinBytes(info),
  sweeps: workerSweepService(new URL('./run-worker.js', import.meta.url)),
  // A kernel worker thread that fails is an engine crash: the host restarts the engine, as after any crash.
  threads: nodeThreadService({
    onCrash: (error) => {
      process.stderr.write(`engine: ${error.message}\n`)
      process.exit(70)
    },
  }),
}

/** In a utility process: wait for `{ type: 'port' }` with one port; a later one replaces it (renderer reload). */
function runInUtilityProcess(parentPort: ParentPort): void {
  let port: MessagePortMain | null = null
  const session = createEngineSession((event: EngineEvent) => port?.postMessage(event), clock)
  parentPort.on('message', ({ data, ports }) => {
    const isPort = typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'port'
    if (!isPort || ports.length !== 1) return
    port?.close()
    port = ports[0]
    port.on('message', (event) => session.handle(event.data))
    port.start()
  })
  parentPort.postMessage({ type: 'ready' } satisfies EngineEvent)
}

/** In a Node child process: the IPC channel is the engine channel. */
function runInChildProcess(send: (message: unknown) => void): void {
  const session = createEngineSession((event: EngineEvent) => {
    if (process.connected) send(event)
  }, clock)
  process.on('message', (message) => session.handle(message))
  // Ctrl+C in the terminal reaches the whole process group: the host decides when the engine stops.
  process.on('SIGINT', () => {})
  // The host is gone: nobody can use this engine any more.
  process.on('disconnect', () => {
    session.dispose()
    process.exit(0)
  })
  send({ type: 'ready' } satisfies EngineEvent)
}

/** In a worker thread: the worker's port is the engine channel (structured clone, typed arrays intact). */
function runInWorkerThread(port: NonNullable<typeof workerPort>): void {
  const session = createEngineSession((event: EngineEvent) => port.postMessage(event), clock)
  port.on('message', (message: unknown) => session.handle(message))
  port.postMessage({ type: 'ready' } satisfies EngineEvent)
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
if (parentPort) runInUtilityProcess(parentPort)
else if (!isMainThread && workerPort) runInWorkerThread(workerPort)
else if (process.send) runInChildProcess(process.send.bind(process))
else {
  process.stderr.write('engine-process: start me from Backprop Studio (a utility process, child process or worker thread), not directly\n')
  process.exit(2)
}
