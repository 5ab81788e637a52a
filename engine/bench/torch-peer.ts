/**
 * PyTorch as a contestant: one long-lived Python child per bench process (see
 * torch-peer-script.ts), told to run a timed round when the interleaved schedule gets to it.
 * One thread: torch.set_num_threads(1), and OpenBLAS / OpenMP held to one thread through the
 * child's environment, where OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset so OpenBLAS picks
 * its kernels for this CPU itself.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { TORCH_PEER_SCRIPT } from './torch-peer-script'
import type { Contestant } from './contestants'
import type { Precision } from '../math/kernel'

export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'

export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }
  delete env.OPENBLAS_CORETYPE
  delete env.OPENBLAS_L2_SIZE
  return env
}

/** Why PyTorch cannot be measured here, or null when `import torch` works. */
export function torchMissing(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8', env: childEnv(), timeout: 60_000 })
  if (probe.error) return `${PYTHON} cannot run (${probe.error.message})`
  if (probe.status !== 0) return `${PYTHON} -c "import torch, numpy" failed: ${probe.stderr.trim().split('\n').pop()} (Debian: apt-get install -y python3-torch libopenblas0-pthread)`
  return null
}

type Reply = Record<string, unknown>

/** The Python child, answering one command at a time. */
class TorchChild {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly waiting: ((reply: Reply) => void)[] = []
  private stderr = ''

  constructor() {
    this.child = spawn(PYTHON, ['-u', '-c', TORCH_PEER_SCRIPT], { env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] })
    createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.(JSON.parse(line) as Reply))
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-2000)))
    this.child.on('exit', (code) => {
      for (const answer of this.waiting.splice(0)) answer({ error: `the PyTorch child exited (${code}): ${this.stderr.trim().split('\n').pop()}` })
    })
    // The bench must not wait for the child to exit.
    this.child.unref()
  }

  async send(command: Reply): Promise<Reply> {
    const reply = await new Promise<Reply>((resolve) => {
      this.waiting.push(resolve)
      this.child.stdin.write(JSON.stringify(command) + '\n')
    })
    if (typeof reply.error === 'string') throw new Error(`PyTorch: ${reply.error}`)
    return reply
  }

  close(): void {
    this.child.stdin.end()
  }
}

let shared: TorchChild | null = null
const child = () => (shared ??= new TorchChild())

/** torch version, thread count and BLAS, as the child sees them. */
export async function torchInfo(): Promise<Reply> {
  return child().send({ cmd: 'info' })
}

export function closeTorch(): void {
  shared?.close()
  shared = null
}

export function torchContestant(precision: Precision): Contestant {
  return {
    name: 'pytorch',
    async setup(workload, data, weights) {
      const dir = mkdtempSync(join(tmpdir(), 'bench-torch-'))
      const file = join(dir, 'data.f64')
      const parts: ArrayLike<number>[] = [data.X, data.Y, ...weights.flatMap((w) => [w.W.flat(), w.b])]
      const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0))
      parts.reduce((at, p) => (all.set(p, at), at + p.length), 0)
      writeFileSync(file, all)
      const { network } = workload
      try {
        await child().send({ cmd: 'setup', file, n: data.n, d: data.d, k: data.k, layers: network.layers, loss: network.loss, batch: workload.batchSize, lr: workload.learningRate, dtype: precision })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
      return {
        run: async (ms) => Number((await child().send({ cmd: 'run', ms })).steps),
        dispose() {},
      }
    },
  }
}
