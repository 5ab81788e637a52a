// The engine as an Electron utility process (a Node.js child of the app, sandboxable, visible
// as "Backprop Studio Engine" in app.getAppMetrics()). Adapts it to the supervisor's handle.
import { utilityProcess, type MessagePortMain } from 'electron'
import { pipeLines } from '../../host-neutral/child-engine'
import type { EngineProcessHandle, ProcessExit } from '../../host-neutral/engine-supervisor'
import type { Log } from './log'

export const ENGINE_SERVICE_NAME = 'Backprop Studio Engine'

export interface UtilityEngineHandle extends EngineProcessHandle {
  /** Hands the engine its end of a fresh channel to the renderer. */
  givePort(port: MessagePortMain): void
}

export function forkUtilityEngine(modulePath: string, log: Log): UtilityEngineHandle {
  const child = utilityProcess.fork(modulePath, [], { serviceName: ENGINE_SERVICE_NAME, stdio: 'pipe' })
  pipeLines(child.stdout, (line) => log(`[engine ${child.pid ?? '?'}] ${line}`))
  pipeLines(child.stderr, (line) => log(`[engine ${child.pid ?? '?'} stderr] ${line}`))
  let exit: ProcessExit | null = null
  const exitListeners: ((exit: ProcessExit) => void)[] = []
  // A utility process reports only an exit code; a crash or kill shows as a non-zero code.
  child.once('exit', (code) => {
    exit = { code, signal: null }
    exitListeners.splice(0).forEach((listener) => listener(exit!))
  })
  return {
    get pid() {
      return child.pid
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit(listener) {
      if (exit) queueMicrotask(() => listener(exit!))
      else exitListeners.push(listener)
    },
    kill: () => void child.kill(),
    givePort: (port) => child.postMessage({ type: 'port' }, [port]),
  }
}
