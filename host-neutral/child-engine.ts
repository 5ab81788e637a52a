// The engine as a Node child process (the browser host's equivalent of Electron's utility
// process). `serialization: 'advanced'` uses the structured clone algorithm, so the Float64Arrays
// of engine replies arrive as Float64Arrays, not as plain objects.
import { fork, type ChildProcess, type Serializable } from 'node:child_process'
import type { EngineProcessHandle, ProcessExit } from './engine-supervisor'

export interface ChildEngineHandle extends EngineProcessHandle {
  /** Sends one message to the engine; false when the process is gone. */
  send(message: unknown): boolean
  readonly child: ChildProcess
}

export interface ChildEngineOptions {
  args?: string[]
  env?: NodeJS.ProcessEnv
  /** Receives the engine's stdout and stderr, line by line. */
  log(line: string): void
}

/** Forwards a stream to `log` one line at a time (keeps the engine's lines whole in the host log). */
export function pipeLines(stream: NodeJS.ReadableStream | null, log: (line: string) => void): void {
  if (!stream) return
  let pending = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) if (line.trim()) log(line)
  })
  stream.on('end', () => void (pending.trim() && log(pending)))
}

/**
 * Node 20's V8 has relaxed SIMD (the fused multiply-add kernels) behind a flag; later versions
 * have it on by default, where the flag is not needed.
 */
export function engineExecArgv(nodeVersion = process.versions.node): string[] {
  return nodeVersion.startsWith('20.') ? ['--experimental-wasm-relaxed-simd'] : []
}

export function forkChildEngine(modulePath: string, options: ChildEngineOptions): ChildEngineHandle {
  const child = fork(modulePath, options.args ?? [], {
    execArgv: engineExecArgv(),
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: options.env ?? process.env,
  })
  pipeLines(child.stdout, (line) => options.log(`[engine ${child.pid}] ${line}`))
  pipeLines(child.stderr, (line) => options.log(`[engine ${child.pid} stderr] ${line}`))

  // 'exit' does not follow a failed spawn, only 'error' does: report either, once.
  const exitListeners: ((exit: ProcessExit) => void)[] = []
  let exit: ProcessExit | null = null
  const finish = (result: ProcessExit) => {
    if (exit) return
    exit = result
    for (const listener of exitListeners.splice(0)) listener(result)
  }
  child.once('exit', (code, signal) => finish({ code, signal }))
  child.once('error', (error) => {
    options.log(`[engine] process error: ${error.message}`)
    if (child.pid === undefined || child.exitCode !== null) finish({ code: null, signal: null })
  })

  return {
    child,
    get pid() {
      return child.pid
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit(listener) {
      if (exit) queueMicrotask(() => listener(exit!))
      else exitListeners.push(listener)
    },
    kill: () => void child.kill('SIGKILL'),
    send(message) {
      if (!child.connected) return false
      try {
        // The callback swallows EPIPE from a process that died mid-send; its exit is reported anyway.
        return child.send(message as Serializable, (error) => error && options.log(`[engine] send failed: ${error.message}`))
      } catch {
        return false
      }
    },
  }
}
