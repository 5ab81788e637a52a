// AssemblyScript source of the WebAssembly kernels: the three products of backpropagation in
// float64 (f64x2 lanes) and float32 (f32x4 lanes), row-major, no materialized transposes.
// Pointers are byte offsets into this module's memory; the JS side owns the layout.
//
// Register tile: 4 rows × 2 vectors of accumulators (8 registers), which fits x86's 16 vector
// registers with room for the operands; a 4×4-vector tile spills. For NN and TN each output keeps
// one accumulator summed in ascending order, exactly like the JS kernel, so plain-SIMD float64
// results are bit-identical to it. NT sums along the contiguous axis in two lanes, then adds
// the lanes: the same numbers in a different order (≈1e-16 relative apart).
//
// Built twice (scripts/build-wasm.js): with plain SIMD, and with relaxed SIMD, where
// the multiply-add is fused (one rounding), which is faster still.

export { matmulNN64, matmulTN64, matmulNT64 } from './products64'
export { matmulNN32, matmulTN32, matmulNT32 } from './products32'
export { addBias64, addBias32, relu64, relu32, reluMask64, reluMask32, columnSums64, columnSums32 } from './passes'
export { UPDATE_CHUNK, sgdRange64, sgdRange32, copyRange } from './updates'
export { simdPeak32, simdPeak64 } from './peak'
