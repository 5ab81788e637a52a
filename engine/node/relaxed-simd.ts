// Imported first by the Node entries (CLI, engine process): where this runtime has relaxed SIMD
// only behind a flag (Node 20), turn the flag on before any module is compiled, so the command
// line and the engine run the same fused multiply-add kernels as `npm run bench` and the studio.
// Where the runtime refuses it, the module stays invalid and selectKernel falls back to plain SIMD.
import { setFlagsFromString } from 'node:v8'
import { KERNELS_RELAXED } from '../math/wasm-bytes.generated'

if (!WebAssembly.validate(KERNELS_RELAXED)) setFlagsFromString('--experimental-wasm-relaxed-simd')

// The kernels straight in V8's optimizing tier: by default a module starts in the baseline
// compiler (Liftoff, 2–3× slower on these loops) and tiers up in a background thread, which on a
// loaded machine took the first seconds of a run (10 W3 epochs through the CLI: 10–35% fewer
// steps/s). Compiling the small kernel module optimized costs about 5 ms, once.
setFlagsFromString('--no-liftoff')
