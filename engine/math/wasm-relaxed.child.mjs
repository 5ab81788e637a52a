// Run by wasm-kernel.test.ts with --experimental-wasm-relaxed-simd: the relaxed module against a
// plain double loop on a few shapes. Prints { validated, maxRelativeError }.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const bytes = readFileSync(join(import.meta.dirname, '..', 'assembly', 'build', 'kernels-relaxed.wasm'))
const validated = WebAssembly.validate(bytes)
const memory = new WebAssembly.Memory({ initial: 16, maximum: 65536, shared: true })
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } })
memory.grow(200)
let top = 4096
const alloc = (n) => {
  const view = new Float64Array(memory.buffer, top, n)
  top += Math.ceil((n * 8) / 16) * 16
  return view
}
let seed = 1
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1
let maxRelativeError = 0
for (const [m, k, n] of [[3, 5, 2], [7, 130, 9], [64, 784, 128]]) {
  const A = alloc(m * k)
  const B = alloc(k * n)
  for (const a of [A, B]) for (let i = 0; i < a.length; i++) a[i] = rand()
  const C = alloc(m * n)
  const panel = alloc(k * 4)
  exports.matmulNN64(A.byteOffset, B.byteOffset, C.byteOffset, m, k, n, 0, 0, panel.byteOffset, 0, n)
  const reference = new Float64Array(m * n)
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let p = 0; p < k; p++) s += A[i * k + p] * B[p * n + j]
      reference[i * n + j] = s
    }
  // Relative to the largest output, as the other kernel tests measure.
  const scale = Math.max(...reference.map(Math.abs))
  reference.forEach((s, i) => (maxRelativeError = Math.max(maxRelativeError, Math.abs(s - C[i]) / scale)))
}
process.stdout.write(JSON.stringify({ validated, maxRelativeError }))
