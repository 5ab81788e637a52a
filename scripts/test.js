// `npm test`: everything, in order, stopping at the first failure.
import { spawnSync } from 'node:child_process'
import { repoRoot } from './electron-binary.js'

const STAGES = [
  ['WebAssembly kernels', ['node', 'scripts/build-wasm.js']],
  ['lint', ['npx', 'eslint', '--max-warnings', '0', '.']],
  ['type check', ['npx', 'vue-tsc', '-b']],
  ['unit tests', ['npx', 'vitest', 'run']],
  ['build', ['npx', 'electron-vite', 'build']],
  ['end-to-end tests', ['node', 'scripts/e2e.js']],
]

for (const [name, [command, ...args]] of STAGES) {
  const started = Date.now()
  console.log(`\n=== ${name} ===`)
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (${seconds} s)`)
    process.exit(result.status ?? 1)
  }
  console.log(`✓ ${name} (${seconds} s)`)
}
